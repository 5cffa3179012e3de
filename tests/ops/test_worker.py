"""`pasok db_worker` waits out a locked database (SQLite under a long write) instead of dying
of it: while it opens the transaction that claims a task (where django-tasks' worker died)
and while it records a task's result (where it gave up after three quick tries)."""

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks import task
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from pasok.ops import worker

# Committed for real: the worker closes connections left in a transaction (a test's) and
# opens its own, as it does in production.
pytestmark = pytest.mark.django_db(transaction=True)


@task()
def add(a: int, b: int) -> int:
    return a + b


@pytest.fixture
def queue(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(worker, "FIRST_PAUSE", 0.01)
    monkeypatch.setattr("django_tasks_db.utils.time.sleep", lambda _s: None)  # its own retry
    return add.enqueue(2, 3)


def _locked(times: int, then):
    """`then`, after failing `times` times as SQLite does under another writer."""
    calls = {"n": 0}

    def call(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= times:
            raise OperationalError("database is locked")
        return then(*args, **kwargs)

    return call


def _work():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0",
                 "--no-reload", verbosity=0)


def test_a_locked_database_while_claiming_a_task_is_waited_out(queue, monkeypatch):
    monkeypatch.setattr(db_worker, "exclusive_transaction",
                        _locked(2, db_worker.exclusive_transaction))
    _work()  # it used to die here with "database is locked"
    assert DBTaskResult.objects.get(pk=queue.id).status == "SUCCESSFUL"


def test_a_locked_database_while_recording_a_result_is_waited_out(queue, monkeypatch):
    save = DBTaskResult.save

    def save_results(self, *args, update_fields=(), **kwargs):
        if "return_value" in update_fields:
            return locked_save(self, *args, update_fields=update_fields, **kwargs)
        return save(self, *args, update_fields=update_fields, **kwargs)

    locked_save = _locked(4, save)  # more than django-tasks' three quick tries
    monkeypatch.setattr(DBTaskResult, "save", save_results)
    _work()
    result = DBTaskResult.objects.get(pk=queue.id)
    assert result.status == "SUCCESSFUL"  # it was recorded as failed, or left running
    assert result.return_value == 5


def test_other_database_errors_still_end_the_worker(queue, monkeypatch):
    def broken(*_args, **_kwargs):
        raise OperationalError("no such table: django_tasks_database_dbtaskresult")

    monkeypatch.setattr(db_worker, "exclusive_transaction", broken)
    with pytest.raises(OperationalError, match="no such table"):
        _work()  # and `pasok serve` starts it again (tests/ops/test_supervise.py)


def test_pasok_db_worker_is_the_waiting_one():
    from django.core.management import get_commands

    assert get_commands()["db_worker"] == "pasok.ops"
