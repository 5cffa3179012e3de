"""The database connection from the environment (read by settings.py before Django is set up).

Several app servers and task workers share one PostgreSQL, so how many connections each
process keeps is the operator's to choose (docs/operations.md works out the numbers):

- PASOK_DB_CONN_MAX_AGE (seconds, default 60): a process keeps its connection this long
  between requests instead of connecting for each (0: a connection per request). Checked
  before reuse, so a restarted database costs one failed check, not an error page.
- PASOK_DB_POOL (default 0, off): a psycopg connection pool of at most this many
  connections per process, for `pasok serve --threads` above 1 (a pool replaces kept
  connections: Django wants CONN_MAX_AGE 0 with it). With one thread a worker needs one
  connection, which CONN_MAX_AGE already keeps.
- PASOK_DB_PGBOUNCER=1: the database is reached through PgBouncer in transaction mode, which
  cannot keep a server-side cursor across transactions: Django then makes none.

SQLite (the development default) waits for the one writer instead of failing.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _whole(env: dict, name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise ImproperlyConfigured(f"{name} must be a whole number, 0 or more (not {text!r})")
    return value


def database(env: dict, default_url: str) -> dict:
    """The `default` entry of DATABASES for this environment."""
    url = env.get("DATABASE_URL") or default_url
    config = dj_database_url.parse(url, conn_max_age=_whole(env, "PASOK_DB_CONN_MAX_AGE", 60),
                                   conn_health_checks=True)
    pool = _whole(env, "PASOK_DB_POOL", 0)
    if config["ENGINE"].endswith("sqlite3"):
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # Wait for a writer instead of failing at once: the web server and the task worker
        # share the file (the worker waits out a longer write: pasok.ops.worker). In WAL mode
        # readers go on while one writes, and a commit costs no sync of the whole file.
        config["OPTIONS"] = {
            "timeout": 20, "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"}
        return config
    if pool:
        # A connection waits at most 10 s for a free one, then the request fails: better
        # than queuing without end behind a stuck database.
        config["OPTIONS"] = {**config.get("OPTIONS", {}),
                             "pool": {"min_size": 1, "max_size": pool, "timeout": 10}}
        config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = False
    if env.get("PASOK_DB_PGBOUNCER") == "1":
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
    return config
