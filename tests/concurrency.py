"""Races for the PostgreSQL concurrency tests: calls started at the same moment, each on its
own connection."""

import threading

from django.db import connections


def race(*calls):
    """Run the calls at the same moment on separate connections; return what each gave (or
    the exception it raised: the loser's error is part of the result)."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except Exception as exc:
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcomes
