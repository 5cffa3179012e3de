"""`pasok db_worker`: django-tasks' own command (every option of it) with the worker that
waits out a locked database (pasok.ops.worker). pasok.ops comes before django_tasks_db in
INSTALLED_APPS, so this is the `db_worker` Django finds."""

from django_tasks_db.management.commands import db_worker

from pasok.ops.worker import LockTolerantWorker


class Command(db_worker.Command):
    help = db_worker.Command.help + " (waiting out a locked database)"

    def handle(self, *args, **options):
        # The base command builds its worker from this module name.
        db_worker.Worker = LockTolerantWorker
        return super().handle(*args, **options)
