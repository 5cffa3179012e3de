"""The demo carries the imported composite brake block against KAI's contract with the
cluster, and a market offer the ministry recorded (demo/imports.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from pasok.accounts.models import User
from pasok.demo.cluster import COMPOSITE_BLOCK, DEFAULT_SEED, load_cluster, plan_cluster
from pasok.insights import import_selectors
from pasok.insights.models import ImportedAlternative
from pasok.rules import import_threat
from pasok.suppliers.catalogue import load_into
from pasok.suppliers.models import MaterialGrade, Process

TODAY = dt.date(2026, 3, 1)  # the demo's today in the tests


@pytest.mark.django_db
def test_the_demo_records_the_composite_block_and_a_market_offer(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_into(Process, MaterialGrade)  # a transactional test before may have flushed them
    load_cluster(plan_cluster(seed=DEFAULT_SEED, today=TODAY))
    kai_block = ImportedAlternative.objects.get(product=COMPOSITE_BLOCK)
    assert kai_block.buyer.name == "PT Kereta Api Indonesia (Persero)"
    assert kai_block.recorded_by.email == "kai@demo.pasok.id"
    assert (kai_block.landed_price, kai_block.service_life_months,
            kai_block.local_service_life_months) == (Decimal(480_000), 5, 1)
    assert kai_block.standards == "UIC 541-4, EN 16452" and "ilustratif" in kai_block.source
    offer = ImportedAlternative.objects.get(buyer__isnull=True)
    assert offer.recorded_for.kind == "ministry" and offer.origin == "Australia"
    # Against KAI's contract (Rp98.000, TKDN 47,5%): 98.000 a month against 96.000, but
    # 0,88125 × 98.000 = 86.362,5 with the preference; the cascade keeps KAI domestic.
    kai = User.objects.get(email="kai@demo.pasok.id")
    local = import_selectors.local_side_of(kai_block, user=kai, today=TODAY)
    assert (local.unit_price, local.tkdn_percent) == (Decimal(98_000), Decimal("47.5"))
    c = import_threat.compare(
        local_price=local.unit_price, local_life_months=Decimal(1),
        local_tkdn_percent=local.tkdn_percent, import_price=kai_block.landed_price,
        import_life_months=kai_block.service_life_months,
        units_per_year=kai_block.units_per_year)
    assert c.verdict == import_threat.LOCAL_WINS_WITH_PREFERENCE
    assert c.cascade == import_threat.DOMESTIC_REQUIRED
