"""Tender references come from the year's counter row (pasok.tenders.references): numbered
in order, afresh each year, no number spent on a refused tender, and the counter seeded from
the references given before it (migration 0015). The threaded race is in test_concurrency,
on PostgreSQL."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pasok import clock
from pasok.tenders import services
from pasok.tenders.models import ReferenceCounter
from tests.migrations import migrate_to

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


def _create(cluster, at=T0, deadline_after=dt.timedelta(days=7)):
    with clock.frozen(at):
        return services.tender_create(by=cluster.users["buyer_x"], buyer=cluster.buyer_x,
                                      title="Blok rem", bid_deadline=at + deadline_after,
                                      opening_time=at + dt.timedelta(days=8))


@pytest.mark.django_db
def test_numbers_follow_in_order(cluster):
    assert [_create(cluster).reference for _ in range(3)] == [
        "PSK-2026-00001", "PSK-2026-00002", "PSK-2026-00003"]
    assert ReferenceCounter.objects.get(year=2026).last == 3


@pytest.mark.django_db
def test_a_new_year_starts_at_one(cluster):
    _create(cluster)
    assert _create(cluster, at=T0.replace(year=2027)).reference == "PSK-2027-00001"
    assert _create(cluster).reference == "PSK-2026-00002"


@pytest.mark.django_db
def test_a_refused_tender_spends_no_number(cluster):
    with pytest.raises(ValidationError) as refused:
        _create(cluster, deadline_after=-dt.timedelta(days=1))
    assert "bid_deadline" in refused.value.message_dict
    assert _create(cluster).reference == "PSK-2026-00001"


@pytest.mark.django_db
def test_numbers_follow_the_counter(cluster):
    ReferenceCounter.objects.create(year=2026, last=41)
    assert _create(cluster).reference == "PSK-2026-00042"


@pytest.mark.django_db(transaction=True)
def test_the_migration_seeds_each_year_from_its_highest_reference(back_to_latest):
    apps = migrate_to([("tenders", "0014_split_proposal")])
    buyer = apps.get_model("accounts", "Organisation").objects.create(
        name="PT Pembeli", kind="bumn_buyer", created_at=T0)
    for reference in ("PSK-2025-00003", "PSK-2026-00007", "PSK-2026-00041", "T-1",
                      "PSK-2026-draft"):
        apps.get_model("tenders", "Tender").objects.create(
            buyer=buyer, reference=reference, title="Blok rem", bid_deadline=T0,
            opening_time=T0, created_at=T0)
    apps = migrate_to([("tenders", "0015_reference_counter")])
    counters = apps.get_model("tenders", "ReferenceCounter").objects.values_list("year", "last")
    assert sorted(counters) == [(2025, 3), (2026, 41)]
