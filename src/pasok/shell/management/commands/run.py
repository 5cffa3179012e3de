"""`pasok run`: development (PASOK_DEBUG=1, as `make run` sets). Migrate, load the demo
cluster into an empty database, start the task worker, serve on http://127.0.0.1:8000 (or
--addrport). Mail sent without a request (by the worker, or the commands run here) links to
the address served, unless PASOK_BASE_URL names one. Production runs `pasok serve`."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from pasok.accounts.models import User
from pasok.demo.cluster import database_is_empty
from pasok.demo.logins import DEMO_LOGINS, login_lines
from pasok.web.links import served_url


class Command(BaseCommand):
    help = "Migrate, load the demo data when the database is empty, run the worker, serve."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start the background task worker")

    def handle(self, *args, addrport, no_worker, **options):
        if not settings.DEBUG:
            # The demo's accounts share a published password; Django's development server
            # is no production server either.
            raise CommandError(
                "`pasok run` is for development and loads the demo, whose accounts share a "
                "published password. Set PASOK_DEBUG=1 for development (`make run` does); "
                "production runs `pasok serve`.", returncode=2)
        settings.PASOK_SERVED_URL = served_url(addrport)
        call_command("migrate", interactive=False, verbosity=0)
        if database_is_empty():
            call_command("demo")  # prints the demo logins
        elif User.objects.filter(email=DEMO_LOGINS[0][1]).exists():
            self.stdout.write("\n".join(login_lines()))
        worker = None
        if not no_worker:
            worker = subprocess.Popen(
                [sys.executable, "-m", "pasok.cli", "db_worker", "--no-reload"],
                env={**os.environ, "PASOK_SERVED_URL": settings.PASOK_SERVED_URL})
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
