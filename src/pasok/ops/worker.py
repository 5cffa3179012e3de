"""The task worker (`pasok db_worker`): django-tasks' database worker that rides out a locked
database instead of dying of it.

On SQLite one writer holds the file at a time; a long write (a large import) can hold it for
longer than the connection waits (settings: `timeout`), and django-tasks' worker tolerates a
locked database only while it looks for a task, not while it opens the transaction to claim
one nor while it records a task's result. It died there, and stayed dead under `pasok run`.
Here a locked database is waited out, the pause doubling up to a limit, and the worker goes
on; any other database error still ends it (and `pasok serve` starts it again,
pasok.ops.supervise). PostgreSQL reports no such error: this changes nothing there."""

import functools
import logging
import time

from django.db import OperationalError, close_old_connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger("pasok.worker")

FIRST_PAUSE, LONGEST_PAUSE = 0.5, 30.0
# Recording a result: each attempt already waits for the connection's timeout (20 s on
# SQLite), three times over (django-tasks' own retry), so about five minutes in all.
RESULT_ATTEMPTS = 5


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and is_locked_database_exception(exc)


def _pauses():
    pause = FIRST_PAUSE
    while True:
        yield pause
        pause = min(pause * 2, LONGEST_PAUSE)


def _waiting_out_locks(record):
    """`record` (a task's set_successful or set_failed) tried again while the database is
    locked, so a finished task is not left marked as running."""

    @functools.wraps(record)
    def recorded(*args, **kwargs):
        for attempt, pause in enumerate(_pauses(), start=1):
            try:
                return record(*args, **kwargs)
            except OperationalError as exc:
                if not _is_locked(exc) or attempt == RESULT_ATTEMPTS:
                    raise
                logger.warning("the database is locked; recording the task's result again "
                               "in %.1f s", pause)
                time.sleep(pause)

    return recorded


class LockTolerantWorker(Worker):
    def run(self) -> None:
        pauses = _pauses()
        while self.running:
            try:
                return super().run()
            except OperationalError as exc:
                if not _is_locked(exc):
                    raise
                pause = next(pauses)
                logger.warning("the database is locked; the task worker tries again in "
                               "%.1f s", pause)
                close_old_connections()
                time.sleep(pause)
                self.startup_delay = False  # it waited already
        return None

    def run_task(self, db_task_result) -> None:
        for name in ("set_successful", "set_failed"):
            setattr(db_task_result, name, _waiting_out_locks(getattr(db_task_result, name)))
        super().run_task(db_task_result)
