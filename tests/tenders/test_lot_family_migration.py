"""Migration 0017: lots get a part family; those made before it was asked are "other",
except phosphoric-iron (P10) lots, the brake-block grade (UIC 832)."""

import datetime as dt

import pytest

from tests.migrations import migrate_to

BEFORE = [("tenders", "0016_spse_addenda_objections")]
AFTER = [("tenders", "0017_lot_family")]
AT = dt.datetime(2026, 3, 2, 3, tzinfo=dt.UTC)


def _lots(apps) -> dict:
    """Lot number → family, of the test tender."""
    return dict(apps.get_model("tenders", "Lot").objects.filter(tender__reference="T-1")
                .values_list("number", "family"))


@pytest.mark.django_db(transaction=True)
def test_p10_lots_become_brake_blocks_and_the_others_other(back_to_latest):
    apps = migrate_to(BEFORE)
    buyer = apps.get_model("accounts", "Organisation").objects.create(
        name="PT Pembeli", kind="buyer", created_at=AT)
    tender = apps.get_model("tenders", "Tender").objects.create(
        buyer=buyer, reference="T-1", title="Blok rem dan rumah pompa", bid_deadline=AT,
        opening_time=AT, created_at=AT)
    Lot, Grade = apps.get_model("tenders", "Lot"), apps.get_model("suppliers", "MaterialGrade")
    # A transactional test before may have flushed the catalogue.
    Grade.objects.get_or_create(code="P10", defaults={"family": "phosphoric_iron"})
    Grade.objects.get_or_create(code="FC200", defaults={"family": "grey_iron"})
    for number, grade in ((1, "P10"), (2, "FC200"), (3, None)):
        Lot.objects.create(tender=tender, number=number, product="Coran", grade_id=grade,
                           unit_weight_kg=10, quantity=100, hps_unit_price=100_000)
    assert _lots(migrate_to(AFTER)) == {1: "brake_block", 2: "other", 3: "other"}
    # And back: the column goes; forward again, the same families.
    migrate_to(BEFORE)
    assert _lots(migrate_to(AFTER)) == {1: "brake_block", 2: "other", 3: "other"}
