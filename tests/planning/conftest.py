import pytest


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
