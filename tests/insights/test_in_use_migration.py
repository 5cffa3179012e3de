"""Migration 0004: imports recorded before "bought by the buyer now" was asked that name a
buyer and its units a year counted in the early warnings as bought, and stay so; an offer on
the market, or a buyer's record without units, is an alternative."""

import datetime as dt

import pytest

from tests.migrations import migrate_to

BEFORE = [("insights", "0003_scenario_handoff")]
AFTER = [("insights", "0004_imported_in_use")]
AT = dt.datetime(2026, 3, 2, 3, tzinfo=dt.UTC)


@pytest.mark.django_db(transaction=True)
def test_named_imports_with_units_stay_bought(back_to_latest):
    apps = migrate_to(BEFORE)
    Organisation = apps.get_model("accounts", "Organisation")
    buyer = Organisation.objects.create(name="PT Pembeli", kind="bumn", created_at=AT)
    ministry = Organisation.objects.create(name="Kemenperin", kind="ministry", created_at=AT)
    Alternative = apps.get_model("insights", "ImportedAlternative")
    for product, named, units, by in (("bought", buyer, 720, buyer), ("guess", buyer, None, buyer),
                                      ("offer", None, None, ministry)):
        Alternative.objects.create(product=product, family="brake_block", origin="Tiongkok",
                                   landed_price=300_000, service_life_months=5,
                                   local_service_life_months=1, buyer=named,
                                   units_per_year=units, recorded_for=by, recorded_at=AT)
    apps = migrate_to(AFTER)
    assert dict(apps.get_model("insights", "ImportedAlternative").objects
                .values_list("product", "in_use")) == {"bought": True, "guess": False,
                                                       "offer": False}
