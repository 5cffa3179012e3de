"""Numbers for references (PSK-2026-00042, KTR-2026-00007, SP-2026-00311): a counter row,
inserted or bumped in one statement that returns the new number. The row stays locked until
the creating transaction ends, so concurrent creators take their numbers one after another
(PostgreSQL row lock; SQLite writes one at a time), and a creation that fails hands its
number back with the rollback. ON CONFLICT … RETURNING runs on PostgreSQL and on SQLite from
3.35."""

from django.db import connection


def next_number(model, **key) -> int:
    """The next number of the counter row of `model` (a table with the columns of `key`,
    unique together, and `last`) with these key values. Call inside the creating
    transaction."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [connection.ops.quote_name(model._meta.get_field(name).column) for name in key]
    # Names from the model's own metadata, quoted; the values are parameters.
    names, marks = ", ".join(columns), ", ".join(["%s"] * len(columns))
    sql = (f'INSERT INTO {table} ({names}, "last") VALUES ({marks}, 1) '  # noqa: S608
           f'ON CONFLICT ({names}) DO UPDATE SET "last" = {table}."last" + 1 RETURNING "last"')
    with connection.cursor() as cursor:
        cursor.execute(sql, list(key.values()))
        (number,) = cursor.fetchone()
    return number


def reference(prefix: str, year: int, number: int) -> str:
    """Zero-padded, so the highest sorts last."""
    return f"{prefix}-{year}-{number:05d}"
