"""`pasok serve`: production. Applies the migrations, makes the cache table, collects the
static files (one server at a time: pasok.ops.locks), then runs gunicorn and the task worker
side by side and keeps both running (pasok.ops.supervise).
It never loads the demo: that takes `pasok demo`, asked for."""

import logging
import os
import signal
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from pasok.ops.locks import migration_lock
from pasok.ops.supervise import Child, Supervisor

logger = logging.getLogger("pasok.serve")


def default_workers() -> int:
    """Gunicorn's rule of thumb: two request workers per core, and one more."""
    return 2 * (os.cpu_count() or 1) + 1


def web_server(bind: str, workers: int, threads: int) -> list[str]:
    # Gunicorn trusts X-Forwarded-Proto (HTTPS at the proxy) only from these addresses.
    proxies = os.environ.get("PASOK_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    # No control socket: gunicorn's default is one per user ($HOME/.gunicorn), which two
    # servers on a machine would share; `pasok serve` is stopped by signals.
    return [sys.executable, "-m", "gunicorn", "pasok.wsgi:application", "--bind", bind,
            "--workers", str(workers), "--threads", str(threads),
            "--forwarded-allow-ips", proxies, "--access-logfile", "-", "--no-control-socket"]


def task_worker() -> list[str]:
    return [sys.executable, "-m", "pasok.cli", "db_worker", "--no-reload"]


class Command(BaseCommand):
    help = ("Production: migrate, collect static files, serve with gunicorn and run the task "
            "worker, restarting it when it dies. Never loads the demo.")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("PASOK_BIND", "127.0.0.1:8000"),
                            help="address to serve, HOST:PORT or unix:PATH (PASOK_BIND; "
                                 "default 127.0.0.1:8000)")
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("PASOK_WEB_WORKERS") or 0)
                            or default_workers(),
                            help="request worker processes (PASOK_WEB_WORKERS; default two "
                                 "per CPU core and one more)")
        parser.add_argument("--threads", type=int,
                            default=int(os.environ.get("PASOK_WEB_THREADS") or 1),
                            help="threads per request worker (PASOK_WEB_THREADS; default 1)")
        parser.add_argument("--no-worker", action="store_true",
                            help="no task worker here (another machine runs `pasok db_worker`)")

    def handle(self, *args, bind, workers, threads, no_worker, **options):
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1", returncode=2)
        if settings.DEBUG:
            logger.warning("PASOK_DEBUG=1: development settings; production leaves it unset")
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            logger.warning("serving from SQLite: fine for a trial, production needs PostgreSQL")
        with migration_lock(connection):
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)  # the rate limits' shared counts
            if settings.STATIC_ROOT:
                call_command("collectstatic", interactive=False, verbosity=0)
        env = dict(os.environ)
        supervisor = Supervisor(Child("web server", web_server(bind, workers, threads), env),
                                None if no_worker else Child("task worker", task_worker(), env))
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: supervisor.stop())
        logger.info("serving on %s with %d worker(s) × %d thread(s)", bind, workers, threads)
        status = supervisor.run()
        if status:
            raise CommandError(f"the web server exited with status {status}", returncode=status)
