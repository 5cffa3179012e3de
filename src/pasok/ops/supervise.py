"""The processes `pasok serve` keeps running: the web server (gunicorn, which keeps its own
request workers alive) and the task worker (`pasok db_worker`).

A task worker that dies is started again, after a pause that grows while it keeps dying at
once (a database that is down, a bad deployment) so it neither spins nor stays dead. When
the web server stops, or the supervisor is told to stop (`pasok serve` on SIGTERM or
SIGINT), both stop: each is asked (SIGTERM) and, past the grace period, killed.
"""

import logging
import subprocess
import threading
import time
from dataclasses import dataclass

logger = logging.getLogger("pasok.serve")


@dataclass
class Backoff:
    """The pause before a restart: `first`, doubling up to `longest` while the process dies
    within `healthy_after` seconds of starting; `first` again once it ran that long."""

    first: float = 1.0
    longest: float = 30.0
    healthy_after: float = 60.0
    pause: float = 0.0

    def after_exit(self, ran_for: float) -> float:
        if not self.pause or ran_for >= self.healthy_after:
            self.pause = self.first
        else:
            self.pause = min(self.pause * 2, self.longest)
        return self.pause


class Child:
    """One command run as a child process with the given environment."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str]):
        self.name, self.argv, self.env = name, argv, env
        self.process: subprocess.Popen | None = None
        self.started = 0.0

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, env=self.env)  # noqa: S603 (our own argv)
        self.started = time.monotonic()
        logger.info("%s started (pid %d)", self.name, self.process.pid)

    def exit_status(self) -> int | None:
        """None while it runs."""
        return self.process.poll()

    def ask_to_stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()

    def wait_or_kill(self, grace: float) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            logger.warning("%s (pid %d) did not stop in %.0f s; killing it",
                           self.name, self.process.pid, grace)
            self.process.kill()
            self.process.wait()


class Supervisor:
    """Runs `web` and, when given, `worker` until the web server exits or `stop()`.
    `run()` answers the exit status for `pasok serve`: 0 when told to stop, else the web
    server's own."""

    def __init__(self, web: Child, worker: Child | None, *, backoff: Backoff | None = None,
                 poll: float = 0.5, grace: float = 30.0):
        self.web, self.worker = web, worker
        self.backoff = backoff or Backoff()
        self.poll, self.grace = poll, grace
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Safe from a signal handler or another thread."""
        self._stopping.set()

    def run(self) -> int:
        children = [c for c in (self.web, self.worker) if c is not None]
        restart_at = None
        try:
            for child in children:
                child.start()
            while not self._stopping.wait(self.poll):
                status = self.web.exit_status()
                if status is not None:
                    logger.error("the web server exited with status %d; stopping", status)
                    return status
                if self.worker is None:
                    continue
                if restart_at is None and (status := self.worker.exit_status()) is not None:
                    pause = self.backoff.after_exit(time.monotonic() - self.worker.started)
                    logger.warning("the task worker (pid %d) exited with status %d; starting "
                                   "it again in %.0f s", self.worker.process.pid, status, pause)
                    restart_at = time.monotonic() + pause
                if restart_at is not None and time.monotonic() >= restart_at:
                    self.worker.start()
                    restart_at = None
            return 0
        finally:
            for child in children:
                child.ask_to_stop()
            for child in children:
                child.wait_or_kill(self.grace)
