"""Infeasibility as data: a code and the floor's numbers for the pages to word in the
reader's language, beside the English sentence `pasok allocate` prints (docs/interfaces.md)."""

from pasok.planning.instance import parse
from pasok.planning.output import infeasibility, to_dict
from pasok.planning.solve import allocate


def test_the_engine_gives_codes_beside_the_cli_sentence(tiny):
    tiny["partner_floors"][0]["min_share"] = 1
    tiny["suppliers"][0]["capacity_kg"] = 50
    result = allocate(parse(tiny), time_limit=10)
    assert infeasibility(result) == [{"code": "floor_unreachable", "buyer": "KAI",
                                      "supplier": "A", "units": 18.0, "most": 10.0,
                                      "short": 0.0}]
    assert to_dict(parse(tiny), result)["reason"] == [
        "partner floor KAI / A needs 18 units; capacity, share, demand and minimum lots allow "
        "at most 10"]
