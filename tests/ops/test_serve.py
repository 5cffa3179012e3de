"""`pasok serve` as production runs it: gunicorn behind a proxy on this machine, static
files collected and served by WhiteNoise under hashed names, the migrations applied, no
demo, and a task worker that is started again when it dies."""

import os
import queue
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from tests.ops.production import production_env

HTTPS = {"X-Forwarded-Proto": "https"}  # what the proxy in front says; gunicorn trusts it
WORKER_STARTED = re.compile(r"task worker started \(pid (\d+)\)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Server:
    def __init__(self, env, port):
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "pasok.cli", "serve", "--bind", f"127.0.0.1:{port}",
             "--workers", "2"], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
            text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for_line(self, pattern, timeout=120.0) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "pasok serve died:\n" + "".join(self.log)
                continue
            self.log.append(line)
            if found := pattern.search(line):
                return found
        raise AssertionError(f"no line matching {pattern.pattern}:\n" + "".join(self.log))

    def get(self, path, headers=None):
        request = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310
        opener = urllib.request.build_opener(_NoRedirects)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def wait_until_up(self, timeout=120.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "pasok serve died:\n" + "".join(self.log)
            try:
                return self.get("/healthz")
            except OSError:
                time.sleep(0.2)
        raise AssertionError("pasok serve never answered /healthz")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def server(tmp_path):
    served = _Server(production_env(tmp_path), _free_port())
    yield served
    if served.process.poll() is None:
        served.process.kill()
        served.process.wait()


def test_pasok_serve_in_production(server, tmp_path):
    worker_pid = int(server.wait_for_line(WORKER_STARTED).group(1))
    status, _headers, body = server.wait_until_up()
    assert (status, body) == (200, b'{"status": "ok", "database": "ok"}')

    # Plain HTTP is sent to HTTPS; what the proxy says came over HTTPS is served, strictly.
    status, headers, _body = server.get("/")
    assert status == 301 and headers["Location"].startswith("https://")
    status, headers, page = server.get("/", HTTPS)
    assert status == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"

    # Static files collected into var/static, named by their content, cached for ever.
    stylesheet = re.search(rb'href="(/static/pasok/site\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, page[:2000]
    status, headers, _css = server.get(stylesheet.group(1).decode(), HTTPS)
    assert status == 200 and "immutable" in headers["Cache-Control"]
    for path in ("/accounts/login/", "/accounts/signup/", "/api/v1/docs"):
        assert server.get(path, HTTPS)[0] == 200, path

    # Migrated, and no demo: nobody can sign in with the published password. The rate
    # limits count in a table every request worker shares.
    with sqlite3.connect(tmp_path / "var" / "pasok.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM accounts_user").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM pasok_cache").fetchone() is not None

    # The task worker dies; it is started again.
    os.kill(worker_pid, signal.SIGKILL)
    restarted = int(server.wait_for_line(WORKER_STARTED).group(1))
    assert restarted != worker_pid
    os.kill(restarted, 0)  # running

    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=60) == 0
    with pytest.raises(ProcessLookupError):
        os.kill(restarted, 0)
