"""Work that one server at a time may do against the shared database.

Several `pasok serve` starting at once (a deployment to every app server, a container
orchestrator scaling up) would each apply the migrations; two `migrate` runs against one
PostgreSQL race on the same tables and the migration records. A PostgreSQL advisory lock
makes the others wait, then find nothing left to apply. SQLite has one server by nature."""

from contextlib import contextmanager

# The advisory lock's key, one 64-bit number for the whole database: "pasok" in ASCII.
MIGRATION_LOCK = int.from_bytes(b"pasok", "big")


@contextmanager
def migration_lock(connection):
    """Held for the block on PostgreSQL (waiting while another server holds it); nothing
    elsewhere. A session lock: PostgreSQL lets go of it too if the process dies."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])
