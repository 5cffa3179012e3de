"""Tender references: the year's next number, and a number another save took meanwhile is
skipped rather than answered with a 500 (the threaded race is in test_concurrency, on
PostgreSQL)."""

import datetime as dt

import pytest

from pasok import clock
from pasok.tenders import services
from pasok.tenders.models import Tender
from pasok.tenders.services import drafting

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


def _create(cluster):
    with clock.frozen(T0):
        return services.tender_create(by=cluster.users["buyer_x"], buyer=cluster.buyer_x,
                                      title="Blok rem", bid_deadline=T0 + dt.timedelta(days=7),
                                      opening_time=T0 + dt.timedelta(days=8))


def test_a_number_taken_meanwhile_is_skipped(cluster, monkeypatch):
    first = _create(cluster)
    real = drafting._next_reference
    stale = iter([first.reference])  # what a save that started before `first` read
    monkeypatch.setattr(drafting, "_next_reference", lambda: next(stale, None) or real())
    second = _create(cluster)
    assert (first.reference, second.reference) == ("PSK-2026-00001", "PSK-2026-00002")


def test_numbers_follow_the_highest_not_the_count(cluster):
    Tender.objects.filter(pk=_create(cluster).pk).update(reference="PSK-2026-00007")
    assert _create(cluster).reference == "PSK-2026-00008"
