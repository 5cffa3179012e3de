"""The supervisor behind `pasok serve`: a task worker that dies is started again, with a
pause that grows while it keeps dying; the web server's end ends everything."""

import sys
import threading
import time

from pasok.ops.supervise import Backoff, Child, Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def _wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_worker_that_dies_is_started_again_and_stop_ends_both(tmp_path):
    starts = tmp_path / "starts"
    dies = [sys.executable, "-c",
            f"open({str(starts)!r}, 'a').write('x'); raise SystemExit(1)"]
    web, worker = Child("web", SLEEPER, {}), Child("worker", dies, {})
    supervisor = Supervisor(web, worker, backoff=Backoff(first=0.05, longest=0.1), poll=0.02)
    result = {}
    thread = threading.Thread(target=lambda: result.update(status=supervisor.run()))
    thread.start()
    _wait_for(lambda: starts.exists() and len(starts.read_text()) >= 3)
    supervisor.stop()
    thread.join(timeout=20)
    assert result == {"status": 0}
    assert web.exit_status() is not None and worker.exit_status() is not None


def test_the_web_server_ending_stops_the_worker_and_passes_its_status_on():
    web = Child("web", [sys.executable, "-c", "raise SystemExit(3)"], {})
    worker = Child("worker", SLEEPER, {})
    assert Supervisor(web, worker, poll=0.02).run() == 3
    assert worker.exit_status() is not None


def test_a_worker_that_ignores_sigterm_is_killed_after_the_grace_period():
    stubborn = [sys.executable, "-c", "import signal, time; "
                "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"]
    web, worker = Child("web", SLEEPER, {}), Child("worker", stubborn, {})
    supervisor = Supervisor(web, worker, poll=0.02, grace=0.5)
    threading.Timer(1.0, supervisor.stop).start()
    started = time.monotonic()
    assert supervisor.run() == 0
    assert time.monotonic() - started < 10
    assert worker.exit_status() == -9


def test_the_pause_doubles_while_it_keeps_dying_and_resets_once_it_ran_a_while():
    backoff = Backoff(first=1, longest=8, healthy_after=60)
    assert [backoff.after_exit(ran_for=2) for _ in range(5)] == [1, 2, 4, 8, 8]
    assert backoff.after_exit(ran_for=61) == 1
