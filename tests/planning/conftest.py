import numpy as np
import pytest

from pasok.planning.instance import parse
from pasok.planning.solve import allocate


@pytest.fixture
def tiny():
    """Two months, one line of 10 kg parts, demand 12 then 6. B is cheaper but has 50 kg
    then 10 kg (5 then 1 units) and a minimum lot of 5; A has 100 kg a month and a
    partner floor of half the KAI demand (9 units)."""
    return {"periods": 2, "unmet_penalty": 1000,
            "suppliers": [{"id": "A", "capacity_kg": 100, "small": True},
                          {"id": "B", "capacity_kg": [50, 10]}],
            "lines": [{"id": "L1", "buyer": "KAI", "unit_weight_kg": 10, "demand": [12, 6],
                       "max_share": 1,
                       "candidates": [{"supplier": "A", "unit_cost": 100, "min_lot": 0},
                                      {"supplier": "B", "unit_cost": 90, "min_lot": 5}]}],
            "partner_floors": [{"buyer": "KAI", "supplier": "A", "min_share": 0.5}]}


@pytest.fixture
def cluster():
    """Ten foundries, four lines, three months, generated like the benchmark's instances
    (bench/allocation/generate.py): demand near the candidates' capacity, shares that
    bind, minimum lots, a partner floor. Its first plan is 2.4% above the least cost."""
    return _cluster(seed=0)


@pytest.fixture(scope="session")
def cluster_optimum():
    """The least cost of `cluster`, proven by the exact MILP (gap 0)."""
    result = allocate(parse(_cluster(seed=0)), time_limit=30, gap=0)
    assert result.status == "optimal"
    return result.objective


def _cluster(seed: int, *, suppliers: int = 10, lines: int = 4, periods: int = 3) -> dict:
    rng = np.random.default_rng(seed)
    capacity = rng.integers(20, 60, suppliers) * 100
    sups = [{"id": f"F{i}", "capacity_kg": int(c), "small": bool(c < 4000)}
            for i, c in enumerate(capacity)]
    out = []
    for li in range(lines):
        weight = float(rng.choice([2.0, 5.0, 12.5]))
        cand = rng.choice(suppliers, 6, replace=False)
        base = 0.8 * capacity[cand].sum() / lines * 2 / weight
        demand = np.round(base * rng.uniform(0.8, 1.2, periods)).astype(int)
        out.append({"id": f"L{li}", "buyer": "KAI" if li % 2 else "INKA",
                    "unit_weight_kg": weight, "demand": demand.tolist(),
                    "max_share": float(rng.choice([0.3, 0.5, 1.0])),
                    "candidates": [{"supplier": f"F{s}",
                                    "unit_cost": float(round(weight * rng.uniform(18, 25), 1)),
                                    "min_lot": int(rng.choice([0, 0, 20, 60]))}
                                   for s in cand]})
    floor_supplier = out[1]["candidates"][0]["supplier"]
    out[1]["candidates"][0]["min_lot"] = 0
    return {"periods": periods, "unmet_penalty": 1000, "suppliers": sups, "lines": out,
            "partner_floors": [{"buyer": "KAI", "supplier": floor_supplier,
                                "min_share": 0.05}]}
