"""Tender references, PSK-2026-00042: the year's counter row (models.ReferenceCounter) is
incremented in one statement that inserts the year's row or bumps it, and returns the new
number. The row stays locked until the creating transaction ends, so concurrent creators
take their numbers one after another (PostgreSQL row lock; SQLite writes one at a time),
and a creation that fails hands its number back with the rollback."""

from django.db import connection

from pasok import clock

PREFIX = "PSK"


def reference(year: int, number: int) -> str:
    """Zero-padded, so the highest sorts last."""
    return f"{PREFIX}-{year}-{number:05d}"


# The year's row, inserted or bumped; ON CONFLICT … RETURNING runs on PostgreSQL and on
# SQLite from 3.35. The table is ReferenceCounter's (test_numbers_follow_the_counter).
_INCREMENT = ('INSERT INTO "tenders_referencecounter" ("year", "last") VALUES (%s, 1) '
              'ON CONFLICT ("year") DO UPDATE '
              'SET "last" = "tenders_referencecounter"."last" + 1 RETURNING "last"')


def next_reference() -> str:
    """Call inside the transaction that saves the tender."""
    year = clock.now().year
    with connection.cursor() as cursor:
        cursor.execute(_INCREMENT, [year])
        (number,) = cursor.fetchone()
    return reference(year, number)
