"""Tender references, PSK-2026-00042: the year's counter row (models.ReferenceCounter,
pasok.counters), so two tenders saved at once never read the same number."""

from pasok import clock
from pasok.counters import next_number
from pasok.counters import reference as _reference

from .models import ReferenceCounter

PREFIX = "PSK"


def reference(year: int, number: int) -> str:
    return _reference(PREFIX, year, number)


def next_reference() -> str:
    """Call inside the transaction that saves the tender."""
    year = clock.now().year
    return reference(year, next_number(ReferenceCounter, year=year))
