"""`pasok run`: migrate, load the demo cluster into an empty database, start the task worker,
serve on http://127.0.0.1:8000."""

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from pasok.accounts.models import User
from pasok.demo.cluster import database_is_empty
from pasok.demo.logins import DEMO_LOGINS, login_lines


class Command(BaseCommand):
    help = "Migrate, load the demo data when the database is empty, run the worker, serve."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start the background task worker")

    def handle(self, *args, addrport, no_worker, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if database_is_empty():
            call_command("demo")  # prints the demo logins
        elif User.objects.filter(email=DEMO_LOGINS[0][1]).exists():
            self.stdout.write("\n".join(login_lines()))
        worker = None
        if not no_worker:
            worker = subprocess.Popen(
                [sys.executable, "-m", "pasok.cli", "db_worker", "--no-reload"])
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
