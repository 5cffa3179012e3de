"""Small instances whose optimum can be checked by hand."""

import copy

import numpy as np
import pytest

from pasok.planning import verify
from pasok.planning.instance import parse
from pasok.planning.output import to_dict
from pasok.planning.solve import allocate


def plan(data, **kwargs):
    inst = parse(data)
    result = allocate(inst, time_limit=20, **kwargs)
    return inst, result, to_dict(inst, result)


def quantities(out):
    return {(a["supplier"], a["period"]): a["quantity"] for a in out["allocations"]}


def test_cheaper_supplier_fills_to_capacity_the_partner_takes_the_rest(tiny):
    # B: 5 + 1 units (its capacity; 6 ≥ its lot of 5); A: 7 + 5 = 12 ≥ floor 9.
    # Cost 6 × 90 + 12 × 100 = 1,740.
    inst, result, out = plan(tiny)
    assert out["status"] == "optimal"
    assert out["objective"] == 1740
    assert out["lower_bound"] == pytest.approx(1740)
    assert quantities(out) == {("A", 0): 7, ("A", 1): 5, ("B", 0): 5, ("B", 1): 1}
    assert out["unmet"] == []
    assert verify.violations(inst, result.x, result.unmet) == []


def test_minimum_lot_shuts_a_cheap_supplier_that_cannot_reach_it(tiny):
    # B can make 6 units in all; with a lot of 7 it gets nothing. A makes 10 (its 100 kg)
    # and 6; 2 units of month 0 go unmet at 1,000 each.
    tiny["lines"][0]["candidates"][1]["min_lot"] = 7
    _, _, out = plan(tiny)
    assert quantities(out) == {("A", 0): 10, ("A", 1): 6}
    assert out["unmet"] == [{"line": "L1", "period": 0, "quantity": 2}]
    assert out["objective"] == 16 * 100 + 2 * 1000


def test_share_cap_limits_one_supplier(tiny):
    # max_share 0.5 of 18 = 9 units each: B's 6 fit, A's 12 do not: 3 go unmet at 1,000.
    tiny["lines"][0]["max_share"] = 0.5
    _, _, out = plan(tiny)
    got = quantities(out)
    assert got[("A", 0)] + got[("A", 1)] == 9
    assert sum(u["quantity"] for u in out["unmet"]) == 3
    assert out["objective"] == 6 * 90 + 9 * 100 + 3 * 1000


def test_unmet_demand_when_capacity_runs_out(tiny):
    # A down to 50 kg (5 units) a month: 5 + 5 from A, 5 + 1 from B, 2 unmet in month 0.
    tiny["suppliers"][0]["capacity_kg"] = 50
    tiny["partner_floors"] = []
    _, _, out = plan(tiny)
    assert out["unmet"] == [{"line": "L1", "period": 0, "quantity": 2}]
    assert out["objective"] == 10 * 100 + 6 * 90 + 2 * 1000


def test_partner_floor_beats_a_cheaper_supplier():
    # One month, demand 10: B is cheaper and could take all, but A's floor is 40%.
    data = {"periods": 1, "unmet_penalty": 10**6,
            "suppliers": [{"id": "A", "capacity_kg": 1000, "small": True},
                          {"id": "B", "capacity_kg": 1000}],
            "lines": [{"id": "L", "buyer": "INKA", "unit_weight_kg": 1, "demand": [10],
                       "candidates": [{"supplier": "A", "unit_cost": 50},
                                      {"supplier": "B", "unit_cost": 40}]}],
            "partner_floors": [{"buyer": "INKA", "supplier": "A", "min_share": 0.4}]}
    _, _, out = plan(data)
    assert quantities(out) == {("A", 0): 4, ("B", 0): 6}


def test_capacity_is_shared_across_lines_in_kg():
    # F has 100 kg: a 10 kg part at 1,000 and a 1 kg part at 200 (200/kg is dearer per kg
    # elsewhere). G makes anything at double price. Per kg the big part saves more at F.
    data = {"periods": 1, "unmet_penalty": 10**6,
            "suppliers": [{"id": "F", "capacity_kg": 100}, {"id": "G", "capacity_kg": 10**6}],
            "lines": [{"id": "BIG", "buyer": "X", "unit_weight_kg": 10, "demand": [8],
                       "candidates": [{"supplier": "F", "unit_cost": 1000},
                                      {"supplier": "G", "unit_cost": 3000}]},
                      {"id": "SMALL", "buyer": "X", "unit_weight_kg": 1, "demand": [50],
                       "candidates": [{"supplier": "F", "unit_cost": 200},
                                      {"supplier": "G", "unit_cost": 300}]}]}
    # F: saving 2,000 per 10 kg on BIG (200/kg) vs 100 per kg on SMALL: all 8 BIG (80 kg),
    # then 20 SMALL; G makes the other 30 SMALL.
    _, _, out = plan(data)
    got = {(a["line"], a["supplier"]): a["quantity"] for a in out["allocations"]}
    assert got == {("BIG", "F"): 8, ("SMALL", "F"): 20, ("SMALL", "G"): 30}
    assert out["objective"] == 8 * 1000 + 20 * 200 + 30 * 300


def test_infeasible_floor_is_named():
    data = {"periods": 1, "unmet_penalty": 100,
            "suppliers": [{"id": "A", "capacity_kg": 5, "small": True}],
            "lines": [{"id": "L", "buyer": "KAI", "unit_weight_kg": 1, "demand": [100],
                       "candidates": [{"supplier": "A", "unit_cost": 1}]}],
            "partner_floors": [{"buyer": "KAI", "supplier": "A", "min_share": 0.5}]}
    _, _, out = plan(data)
    assert out["status"] == "infeasible"
    assert "KAI / A" in out["reason"][0] and "50" in out["reason"][0]


def test_floors_that_conflict_only_together_are_named():
    # A and B each could meet their floor alone, but the line has only 10 units for both.
    data = {"periods": 1, "unmet_penalty": 100,
            "suppliers": [{"id": "A", "capacity_kg": 100}, {"id": "B", "capacity_kg": 100}],
            "lines": [{"id": "L", "buyer": "KAI", "unit_weight_kg": 1, "demand": [10],
                       "candidates": [{"supplier": "A", "unit_cost": 1},
                                      {"supplier": "B", "unit_cost": 1}]}],
            "partner_floors": [{"buyer": "KAI", "supplier": "A", "min_share": 0.7},
                               {"buyer": "KAI", "supplier": "B", "min_share": 0.7}]}
    _, _, out = plan(data)
    assert out["status"] == "infeasible"
    assert out["reason"] and all("partner floor" in r for r in out["reason"])


def test_offer_cap_per_candidate(tiny):
    tiny["lines"][0]["candidates"][0]["max_units"] = 10
    tiny["partner_floors"] = []
    _, _, out = plan(tiny)
    got = quantities(out)
    assert got[("A", 0)] + got[("A", 1)] == 10
    assert sum(u["quantity"] for u in out["unmet"]) == 2


def test_decomposed_path_gives_a_valid_plan_and_a_true_bound(tiny, monkeypatch):
    # Force the large-instance path on a small instance: same rules, bound ≤ optimum.
    from pasok.planning import solve

    monkeypatch.setattr(solve, "EXACT_COLUMNS", 0)
    inst, result, out = plan(copy.deepcopy(tiny))
    assert verify.violations(inst, result.x, result.unmet) == []
    assert out["lower_bound"] <= 1740 + 1e-6 <= out["objective"] + 1e-6
    assert np.all(result.x == np.round(result.x))


def test_among_least_cost_plans_the_steadiest_months():
    # A is cheaper but may make 2,000 in all; any split of A's 2,000 over four months of
    # 800 costs the same. The plan gives A 500 and B 300 every month.
    data = {"periods": 4, "unmet_penalty": 100_000,
            "suppliers": [{"id": "A", "capacity_kg": 1000}, {"id": "B", "capacity_kg": 1000}],
            "lines": [{"id": "L", "buyer": "KAI", "unit_weight_kg": 1, "demand": [800] * 4,
                       "candidates": [{"supplier": "A", "unit_cost": 10, "max_units": 2000},
                                      {"supplier": "B", "unit_cost": 12}]}]}
    _, _, out = plan(data)
    assert out["objective"] == 2000 * 10 + 1200 * 12
    assert quantities(out) == {**{("A", t): 500 for t in range(4)},
                               **{("B", t): 300 for t in range(4)}}
