"""Capacity used, read once (insights.capacity_used) for the dashboard and the scenarios: a
scenario's "before" is what the dashboard shows for the same months, and its "after" moves
it by the kg of the units the changes add or take."""

from decimal import Decimal

import pytest

from pasok import clock
from pasok.insights import baseline as insights
from pasok.insights import dashboard as selectors
from pasok.insights.outcome import outcome_record
from pasok.rules import scenario as rules
from pasok.rules.multipliers import DEFAULT
from pasok.rules.scenario_json import changes_from_list
from pasok.suppliers.models import BookedMonth
from tests.insights.test_scenarios import TODAY, foundries  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _run(cluster, changes):
    with clock.frozen(TODAY):
        base = insights.baseline(cluster.ministry, clock.today())
    outcome = rules.run(base.foundries, changes_from_list(changes), DEFAULT.multipliers)
    return base, outcome_record(outcome, base, changes)


def test_a_scenarios_before_is_the_dashboards_booked_capacity(cluster, foundries):  # noqa: F811
    base, record = _run(cluster, [])
    a = str(cluster.supplier_a.pk)
    # The contract books 200 blocks of 9,5 kg in each of January to March 2027: 5.700 kg
    # over the year's window, 475 kg a month of supplier_a's 10.000.
    booked = BookedMonth.objects.filter(organisation=cluster.supplier_a)
    assert sorted(b.kg for b in booked) == [1900, 1900, 1900]
    assert base.booked_kg == {a: Decimal(475)}
    assert record["utilisation"] == {"before": 1.4, "after": 1.4}  # of 35.000 kg: 1,357 %
    board = selectors.dashboard(selectors.Filters(base.months[0], base.months[-1]),
                                TODAY.date())
    assert board.capacity_kg == 35_000
    assert round(board.utilisation.overall, 1) == Decimal("1.4")


def test_half_imported_takes_the_kg_of_the_units_lost(cluster, foundries):  # noqa: F811
    buyer, a = str(cluster.buyer_x.pk), str(cluster.supplier_a.pk)
    _base, record = _run(cluster, [{"kind": "substitute", "buyer": buyer,
                                    "family": "brake_block", "share": "0.5"}])
    # 33 blocks a month → 17: 16 × 9,5 kg = 152 kg less of 475: 323 kg of 10.000 = 3,23 %.
    [touched] = record["foundries"]
    assert touched["id"] == a
    assert (touched["utilisation_before"], touched["utilisation_after"]) == (4.8, 3.2)
    assert record["utilisation"] == {"before": 1.4, "after": 0.9}  # 323 of 35.000 kg


def test_a_closed_foundry_books_nothing(cluster, foundries):  # noqa: F811
    _base, record = _run(cluster, [{"kind": "close", "foundry": str(cluster.supplier_a.pk)}])
    [closed] = record["foundries"]
    assert closed["closed"] and closed["utilisation_after"] == 0.0
    assert record["utilisation"]["after"] == 0.0


def test_a_new_order_books_its_weight(cluster, foundries):  # noqa: F811
    b = str(cluster.supplier_b.pk)
    _base, record = _run(cluster, [{
        "kind": "new_order", "buyer": str(cluster.buyer_y.pk), "family": "brake_drum",
        "units_per_month": 3000, "unit_price": "350000", "unit_weight_kg": "12",
        "foundries": [b]}])
    # 3.000 drums of 12 kg = 36.000 kg on supplier_b's 20.000: 180 %, the scenario says so.
    [touched] = record["foundries"]
    assert touched["id"] == b and touched["utilisation_after"] == 180.0
    assert record["utilisation"]["after"] == round((36_000 + 475) * 100 / 35_000, 1)
