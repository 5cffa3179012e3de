import numpy as np
import pytest

from pasok.planning import explain, fairness, replan, verify
from pasok.planning.instance import parse
from pasok.planning.solve import allocate


def test_fairness_raises_the_partner_within_the_tolerance(tiny):
    inst = parse(tiny)
    least = allocate(inst, time_limit=10)
    fair = fairness.fairer(inst, least, tolerance=0.01, time_limit=10)
    # A (the small partner) had 120 of 200 kg; 1% of 1,740 buys one unit moved from B.
    assert fair.partners == ["A"]
    assert fair.min_utilisation_before == pytest.approx(0.6)
    assert fair.min_utilisation_after == pytest.approx(0.65)
    assert fair.objective == 1750
    assert fair.price == pytest.approx(10 / 1740)
    assert verify.violations(inst, fair.x, fair.unmet) == []


def test_no_tolerance_no_change(tiny):
    inst = parse(tiny)
    least = allocate(inst, time_limit=10)
    fair = fairness.fairer(inst, least, tolerance=0, time_limit=10)
    assert fair.objective == least.objective and fair.price == 0


def test_replan_keeps_ordered_months_and_moves_the_lost_units():
    # Two foundries make a 1 kg part; C is dearest. A loses all capacity in month 1.
    data = {"periods": 3, "unmet_penalty": 10**6,
            "suppliers": [{"id": "A", "capacity_kg": 10}, {"id": "B", "capacity_kg": 10},
                          {"id": "C", "capacity_kg": 100}],
            "lines": [{"id": "L", "buyer": "KAI", "unit_weight_kg": 1,
                       "demand": [20, 20, 20],
                       "candidates": [{"supplier": "A", "unit_cost": 10},
                                      {"supplier": "B", "unit_cost": 11},
                                      {"supplier": "C", "unit_cost": 30}]}]}
    inst = parse(data)
    before = allocate(inst, time_limit=10)
    assert before.x[:, 0].tolist() == [10, 10, 0]
    data["suppliers"][0]["capacity_kg"] = [10, 0, 10]
    changed = parse(data)
    after = replan.replan(changed, before.x, ordered_periods=2, time_limit=10)
    assert verify.violations(changed, after.x, after.unmet) == []
    assert after.x[:, 0].tolist() == [10, 10, 0]       # month 0: as ordered
    assert after.x[:, 1].tolist() == [0, 10, 10]       # month 1: A's 10 went to C
    assert after.unmet.sum() == 0


def test_explanation_names_the_binding_rules(tiny):
    inst = parse(tiny)
    result = allocate(inst, time_limit=10)
    reasons = {r["supplier"]: r for r in explain.supplier_reasons(inst, result.x)}
    assert reasons["B"]["bound_by"] == [{"rule": "capacity", "periods": [0, 1]}]
    assert reasons["B"]["utilisation"] == pytest.approx(1.0)
    assert reasons["A"]["bound_by"] == [{"rule": "cost"}]
    tiny["suppliers"][0]["capacity_kg"] = 50
    inst = parse(tiny)
    tiny["partner_floors"] = []
    inst = parse(tiny)
    result = allocate(inst, time_limit=10)
    short = explain.unmet_reasons(inst, result.x, result.unmet)
    assert short == [{"line": "L1", "period": 0, "quantity": 2.0, "candidates": 2,
                      "at_capacity": 2, "at_share": 0, "below_minimum_lot": 0, "other": 0}]


@pytest.mark.parametrize("change, rule", [
    (lambda x, u: (x.__setitem__((0, 0), x[0, 0] + 1), u.__setitem__((0, 0), u[0, 0] - 1)),
     "capacity"),
    (lambda x, u: u.__setitem__((0, 1), u[0, 1] + 1), "demand"),
    (lambda x, u: (x.__setitem__((1, 1), 0), u.__setitem__((0, 1), u[0, 1] + 1)),
     "minimum lot"),
    (lambda x, u: (x.__setitem__((0, 1), x[0, 1] - 4), u.__setitem__((0, 1), u[0, 1] + 4)),
     "partner floor"),
    (lambda x, u: x.__setitem__((0, 0), x[0, 0] + 0.5), "allocation"),
])
def test_verifier_catches_each_broken_rule(tiny, change, rule):
    tiny["suppliers"][0]["capacity_kg"] = 70
    tiny["lines"][0]["candidates"][1]["min_lot"] = 6
    inst = parse(tiny)
    # A: 7 + 5 (70 kg max), B: 5 + 1 (its lot of 6 exactly).
    x = np.array([[7.0, 5.0], [5.0, 1.0]])
    unmet = np.zeros((1, 2))
    assert verify.violations(inst, x, unmet) == []
    change(x, unmet)
    assert any(v.startswith(rule) for v in verify.violations(inst, x, unmet))
