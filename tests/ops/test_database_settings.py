"""How the environment sets the database connection (pasok.database): kept connections by
default, a pool or PgBouncer when asked, a clear refusal of a bad number."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from pasok.database import database

PG = "postgres://pasok@db.internal:5432/pasok"


def test_postgresql_keeps_its_connection_a_minute_and_checks_it_before_reuse():
    config = database({"DATABASE_URL": PG}, "sqlite:///unused.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (60, True)
    assert "pool" not in config.get("OPTIONS", {})


def test_how_long_a_connection_is_kept_is_configurable():
    config = database({"DATABASE_URL": PG, "PASOK_DB_CONN_MAX_AGE": "0"}, "")
    assert config["CONN_MAX_AGE"] == 0


def test_a_pool_replaces_kept_connections():
    config = database({"DATABASE_URL": PG, "PASOK_DB_POOL": "4"}, "")
    assert config["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 4, "timeout": 10}
    assert config["CONN_MAX_AGE"] == 0  # Django refuses a pool with persistent connections


def test_through_pgbouncer_no_server_side_cursors():
    config = database({"DATABASE_URL": PG, "PASOK_DB_PGBOUNCER": "1"}, "")
    assert config["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert not database({"DATABASE_URL": PG}, "").get("DISABLE_SERVER_SIDE_CURSORS")


def test_sqlite_waits_for_the_writer_and_gets_its_folder(tmp_path):
    path = tmp_path / "var" / "pasok.sqlite3"
    config = database({}, f"sqlite:///{path}")
    assert config["OPTIONS"] == {
        "timeout": 20, "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"}
    assert path.parent.is_dir()


@pytest.mark.parametrize("value", ["many", "-1", "2.5"])
def test_a_bad_number_names_the_variable(value):
    with pytest.raises(ImproperlyConfigured, match="PASOK_DB_POOL must be a whole number"):
        database({"DATABASE_URL": PG, "PASOK_DB_POOL": value}, "")
