"""Production is the default and refuses to start on anything but its own strong keys;
development (PASOK_DEBUG=1) must be asked for, and its published keys never serve production.
Each case runs `pasok` as a separate process: settings are read once, when it starts."""

import base64
import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from pasok import keys
from tests.ops.production import pasok, production_env

PG_URL = "postgres://pasok@127.0.0.1:5432/pasok"  # `check` never connects to it
# Fixed keys, so that every xdist worker collects the same test ids.
A_KEY = base64.urlsafe_b64encode(b"k" * 32).decode()
DEVELOPMENT_BID_KEY = keys.derived_bid_key(keys.DEVELOPMENT_SECRET_KEY)


@pytest.mark.parametrize(("variable", "how_to_make_one"), [
    ("PASOK_SECRET_KEY", "secrets.token_urlsafe(50)"),
    ("PASOK_BID_KEYS", "urlsafe_b64encode(os.urandom(32))"),
])
def test_without_pasok_debug_pasok_is_production_and_wants_its_keys(tmp_path, variable,
                                                                     how_to_make_one):
    env = production_env(tmp_path)
    del env[variable]
    result = pasok(env, "check")
    assert result.returncode == 2
    assert f"{variable} is not set" in result.stderr
    assert how_to_make_one in result.stderr
    assert "PASOK_DEBUG=1" in result.stderr  # and how to develop instead
    assert "Traceback" not in result.stderr


def test_the_command_printed_makes_a_key_production_accepts():
    """What the message tells an operator to run makes a key that passes."""
    made = subprocess.run(["python3", "-c", keys.MAKE_BID_KEY.split("'")[1]],  # noqa: S603,S607
                          capture_output=True, text=True, check=True).stdout.strip()
    assert keys.production_bid_keys(made) == made
    secret = subprocess.run(["python3", "-c", keys.MAKE_SECRET_KEY.split("'")[1]],  # noqa: S603,S607
                            capture_output=True, text=True, check=True).stdout.strip()
    assert keys.production_secret_key(secret) == secret


@pytest.mark.parametrize(("value", "problem"), [
    ("", "is not set"),
    (keys.DEVELOPMENT_SECRET_KEY, "the published development key"),
    ("short-but-random-Zq81", "too weak"),
    ("a" * 30 + "b" * 30, "too weak"),  # long, but two characters
])
def test_weak_or_published_secret_keys_are_refused(value, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        keys.production_secret_key(value)


@pytest.mark.parametrize(("value", "problem"), [
    ("", "is not set"),
    (DEVELOPMENT_BID_KEY, "the published development key"),
    (f"{A_KEY},{DEVELOPMENT_BID_KEY}", "the published development key"),
    (f"{A_KEY},not-a-key", "key 2 is not a Fernet key"),
])
def test_missing_published_or_malformed_bid_keys_are_refused(value, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        keys.production_bid_keys(value)


def test_development_runs_on_its_published_keys(tmp_path):
    env = production_env(tmp_path, PASOK_DEBUG="1")
    del env["PASOK_SECRET_KEY"], env["PASOK_BID_KEYS"]
    result = pasok(env, "shell", "-v", "0", "-c", "from django.conf import settings; "
                   "print(settings.DEBUG, settings.SECRET_KEY)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", keys.DEVELOPMENT_SECRET_KEY]


def test_check_deploy_is_clean_in_production(tmp_path):
    env = production_env(tmp_path, DATABASE_URL=PG_URL,
                         PASOK_BASE_URL="https://pasok.example.id/")
    result = pasok(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_names_what_production_still_lacks(tmp_path):
    env = production_env(tmp_path, PASOK_BASE_MAP=str(tmp_path / "land-10m.json"))
    result = pasok(env, "check", "--deploy")
    assert "pasok.W001" in result.stderr  # SQLite
    assert "pasok.W002" in result.stderr  # no PASOK_BASE_URL
    assert "pasok.W003" in result.stderr  # no base map installed


def test_production_settings_are_strict(tmp_path):
    script = ("from django.conf import settings as s; print(s.DEBUG, s.SECURE_HSTS_SECONDS, "
              "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
              "s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, "
              "s.STORAGES['staticfiles']['BACKEND'], s.CACHES['default']['BACKEND'])")
    result = pasok(production_env(tmp_path), "shell", "-v", "0", "-c", script)
    assert result.stdout.split() == [
        "False",  # no error page prints the environment (DATABASE_URL and all)
        "31536000", "True", "True", "True", "DENY", "same-origin",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        # The rate limits' counts, shared by every request worker and server.
        "django.core.cache.backends.db.DatabaseCache"], result.stderr


def _users(database) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM accounts_user").fetchone()[0]


def test_pasok_run_in_production_refuses_and_loads_no_demo(tmp_path):
    """It used to migrate and load the demo accounts, whose password is published."""
    env = production_env(tmp_path)
    assert pasok(env, "migrate", "--no-input").returncode == 0
    result = pasok(env, "run", "--no-worker", timeout=60)  # it served, once
    assert result.returncode == 2
    assert "pasok serve" in result.stderr
    assert _users(tmp_path / "var" / "pasok.sqlite3") == 0


def test_pasok_demo_in_production_asks_first(tmp_path):
    """It used to load accounts with the published password without a word."""
    env = production_env(tmp_path)
    database = tmp_path / "var" / "pasok.sqlite3"
    assert pasok(env, "migrate", "--no-input").returncode == 0
    for answer in ("", "no\n"):
        refused = pasok(env, "demo", answer=answer)
        assert refused.returncode == 1, refused.stderr
        assert "published password" in refused.stdout + refused.stderr
        assert "No demo loaded." in refused.stderr
        assert _users(database) == 0
    loaded = pasok(env, "demo", "--yes", timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    assert _users(database) > 0


def test_make_run_asks_for_development():
    shown = subprocess.run(["make", "-n", "run"], capture_output=True, text=True,  # noqa: S607
                           cwd=Path(__file__).parents[2], check=True).stdout
    assert "PASOK_DEBUG=1 .venv/bin/pasok run" in shown
