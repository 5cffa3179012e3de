"""Two `pasok serve` starting at once against one PostgreSQL: the second waits for the first
to finish migrating instead of racing it on the same tables."""

import signal
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection

from pasok.ops.locks import MIGRATION_LOCK, migration_lock
from pasok.ops.management.commands import serve


@pytest.mark.django_db(transaction=True)
def test_serve_migrates_only_once_another_server_has_finished(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("an advisory lock is PostgreSQL's (SQLite has one server)")
    # The other server, migrating: its own session holds the lock for a second.
    other = connection.get_new_connection(connection.get_connection_params())
    other.autocommit = True
    other.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    released = {}

    def finish_migrating():
        released["at"] = time.monotonic()
        other.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])

    steps = []
    monkeypatch.setattr(serve, "call_command", lambda name, **_: steps.append(
        (name, time.monotonic())))
    monkeypatch.setattr(serve.Supervisor, "run", lambda self: 0)
    monkeypatch.setattr(signal, "signal", lambda *_: None)
    timer = threading.Timer(1.0, finish_migrating)
    timer.start()
    try:
        call_command("serve", "--no-worker")
    finally:
        timer.join()
        other.close()
    assert steps and steps[0][0] == "migrate"
    assert steps[0][1] >= released["at"]
    # And it let go: another server would not wait for ever.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [MIGRATION_LOCK])
        assert cursor.fetchone() == (True,)
        cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])


def test_sqlite_takes_no_lock():
    class Sqlite:
        vendor = "sqlite"

        def cursor(self):
            raise AssertionError("no query on SQLite")

    with migration_lock(Sqlite()):
        pass
