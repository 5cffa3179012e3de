"""Domestic price preference and the obligation cascade (Perpres 16/2018 as amended by 12/2021
and 46/2025), as `pasok preference evaluate` specifies it (docs/interfaces.md)."""

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pasok.rules.preference import (
    MAX_PREFERENCE_PERCENT,
    MILIAR,
    Bid,
    admissible_tiers,
    evaluate,
    preference_factor,
    tier_of,
)

D = Decimal
PACKAGE = D(12_000_000_000)  # Rp12 miliar, well above the Rp1 miliar threshold


def domestic(id_, price, tkdn=None, bmp=0, siinas=False) -> Bid:
    return Bid(id=id_, price=D(price), origin="domestic",
               tkdn_percent=None if tkdn is None else D(str(tkdn)), bmp_percent=D(str(bmp)),
               siinas_registered=siinas)


def imported(id_, price, tkdn=None) -> Bid:
    return Bid(id=id_, price=D(price), origin="import",
               tkdn_percent=None if tkdn is None else D(str(tkdn)))


def by_id(evaluation):
    return {b.id: b for b in evaluation.bids}


# --- the docs/interfaces.md example ------------------------------------------------------

def test_interfaces_example():
    # B1 domestic TKDN 41.2 + BMP 6.0 = 47.2 ≥ 40 → tier a.
    #   KP = 41.2/100 × 25/100 = 0.103; HEA = (1 − 0.103) × 2,750,000,000 = 2,466,750,000
    # B2 import → tier import, KP 0, HEA = 2,300,000,000 (lower, but not admissible)
    # B3 domestic, no TKDN, SIINas → tier d, KP 0, HEA 2,600,000,000 (not admissible: a exists)
    bids = [domestic("B1", 2_750_000_000, tkdn="41.2", bmp="6.0"),
            imported("B2", 2_300_000_000),
            domestic("B3", 2_600_000_000, siinas=True)]
    result = evaluate(bids, package_value=PACKAGE, max_preference_percent=D(25))
    got = by_id(result)
    assert [b.id for b in result.bids] == ["B1", "B2", "B3"]  # input order kept
    assert [got[i].tier for i in ("B1", "B2", "B3")] == ["a", "import", "d"]
    assert [got[i].admissible for i in ("B1", "B2", "B3")] == [True, False, False]
    assert [got[i].rank for i in ("B1", "B2", "B3")] == [1, None, None]
    assert got["B1"].kp == D("0.103")
    assert got["B1"].hea == D(2_466_750_000)
    assert got["B2"].kp == 0
    assert got["B2"].hea == D(2_300_000_000)
    assert got["B3"].kp == 0
    assert got["B3"].hea == D(2_600_000_000)
    assert result.winner == "B1"
    assert "B1" in result.reason
    assert "66(2)" in result.reason


# --- price preference ---------------------------------------------------------------------------

def test_domain_example_tkdn_40_max_25():
    # KP = 40% × 25% = 0.10 → HEA = 0.90 × HP = 0.90 × 2,000,000,000 = 1,800,000,000
    bid = domestic("B1", 2_000_000_000, tkdn=40)
    assert preference_factor(bid, package_value=PACKAGE) == D("0.10")
    result = evaluate([bid], package_value=PACKAGE)
    assert result.bids[0].kp == D("0.1")
    assert result.bids[0].hea == D(1_800_000_000)
    assert MAX_PREFERENCE_PERCENT == 25


def test_a_smaller_maximum_preference():
    # max 15%: KP = 40% × 15% = 0.06 → HEA = 0.94 × 2,000,000,000 = 1,880,000,000
    result = evaluate([domestic("B1", 2_000_000_000, tkdn=40)], package_value=PACKAGE,
                      max_preference_percent=D(15))
    assert result.bids[0].kp == D("0.06")
    assert result.bids[0].hea == D(1_880_000_000)


@pytest.mark.parametrize("maximum", [D(-1), D("25.01"), D(30)])
def test_maximum_preference_outside_0_to_25_is_refused(maximum):
    with pytest.raises(ValueError, match="between 0 and 25"):
        preference_factor(domestic("B1", 10**9, tkdn=40), package_value=PACKAGE,
                          max_preference_percent=maximum)
    with pytest.raises(ValueError, match="between 0 and 25"):
        evaluate([domestic("B1", 10**9, tkdn=40)], package_value=PACKAGE,
                 max_preference_percent=maximum)


@pytest.mark.parametrize(
    ("package_value", "kp"),
    [
        (MILIAR - 1, D(0)),
        (MILIAR, D(0)),  # exactly Rp1 miliar: not above it, no preference
        (MILIAR + 1, D("0.0625")),  # Rp1,000,000,001: 25% × 25% = 0.0625
        (D(15_000_000_000), D("0.0625")),
    ],
)
def test_rp1_miliar_threshold(package_value, kp):
    bid = domestic("B1", 800_000_000, tkdn=25)
    assert preference_factor(bid, package_value=package_value) == kp
    result = evaluate([bid], package_value=package_value)
    assert result.bids[0].kp == kp
    assert result.bids[0].hea == (1 - kp) * D(800_000_000)
    assert MILIAR == 1_000_000_000


def test_tkdn_exactly_25_gets_preference():
    plain = domestic("B1", 2_000_000_000, tkdn=25)
    assert tier_of(plain) == ("b", ())
    assert preference_factor(plain, package_value=PACKAGE) == D("0.0625")
    with_bmp = domestic("B2", 2_000_000_000, tkdn=25, bmp=15)  # 25 + 15 = 40 → a
    assert tier_of(with_bmp) == ("a", ())
    assert preference_factor(with_bmp, package_value=PACKAGE) == D("0.0625")
    # HEA = 0.9375 × 2,000,000,000 = 1,875,000,000
    assert evaluate([plain], package_value=PACKAGE).bids[0].hea == D(1_875_000_000)


def test_just_below_25_gets_no_preference_even_with_bmp():
    bid = domestic("B1", 2_000_000_000, tkdn="24.99", bmp=15)
    assert tier_of(bid) == ("c", ())
    assert preference_factor(bid, package_value=PACKAGE) == 0


def test_imports_and_untested_domestic_bids_get_no_preference():
    assert preference_factor(imported("B1", 10**9, tkdn=60), package_value=PACKAGE) == 0
    assert preference_factor(domestic("B2", 10**9, siinas=True), package_value=PACKAGE) == 0


def test_preference_overturns_a_lower_price():
    # B1 tier b: TKDN 26 → KP 0.065 → HEA 0.935 × 1,900,000,000 = 1,776,500,000
    # B2 tier a: TKDN 60 → KP 0.15  → HEA 0.85  × 2,000,000,000 = 1,700,000,000 → B2 wins
    bids = [domestic("B1", 1_900_000_000, tkdn=26), domestic("B2", 2_000_000_000, tkdn=60)]
    result = evaluate(bids, package_value=PACKAGE)
    got = by_id(result)
    assert got["B1"].hea == D(1_776_500_000)
    assert got["B2"].hea == D(1_700_000_000)
    assert result.winner == "B2"
    assert (got["B2"].rank, got["B1"].rank) == (1, 2)
    # On a package of exactly Rp1 miliar there is no preference: the lower price wins.
    small = evaluate(bids, package_value=MILIAR)
    assert small.winner == "B1"
    assert [b.hea for b in small.bids] == [D(1_900_000_000), D(2_000_000_000)]


# --- the obligation cascade ------------------------------------------------------------------

def test_tier_a_at_exactly_40():
    # TKDN 34.5 + BMP 5.5 = 40 → a; 34.5 + 5.49 = 39.99 → b
    assert tier_of(domestic("B1", 10**9, tkdn="34.5", bmp="5.5")) == ("a", ())
    assert tier_of(domestic("B2", 10**9, tkdn="34.5", bmp="5.49")) == ("b", ())
    assert tier_of(domestic("B3", 10**9, tkdn=40)) == ("a", ())


def test_tier_b_beats_cheaper_c_d_and_import():
    # B1 b: TKDN 30 + BMP 5 = 35 < 40; KP 0.075; HEA 0.925 × 2,000,000,000 = 1,850,000,000
    bids = [domestic("B1", 2_000_000_000, tkdn=30, bmp=5),
            domestic("B2", 1_600_000_000, tkdn=20),  # c
            domestic("B3", 1_500_000_000, siinas=True),  # d
            imported("B4", 1_400_000_000)]
    result = evaluate(bids, package_value=PACKAGE)
    got = by_id(result)
    assert [b.tier for b in result.bids] == ["b", "c", "d", "import"]
    assert got["B1"].hea == D(1_850_000_000)
    assert [b.admissible for b in result.bids] == [True, False, False, False]
    assert [b.rank for b in result.bids] == [1, None, None, None]
    assert result.winner == "B1"
    assert "66(2) a-b" in result.reason


def test_tiers_a_and_b_compete_together_on_hea():
    # a: TKDN 45 → KP 0.1125 → HEA 0.8875 × 2,400,000,000 = 2,130,000,000
    # b: TKDN 28 → KP 0.07   → HEA 0.93   × 2,200,000,000 = 2,046,000,000 → b wins
    bids = [domestic("A", 2_400_000_000, tkdn=45), domestic("B", 2_200_000_000, tkdn=28)]
    result = evaluate(bids, package_value=PACKAGE)
    assert [b.tier for b in result.bids] == ["a", "b"]
    assert [b.hea for b in result.bids] == [D(2_130_000_000), D(2_046_000_000)]
    assert [b.rank for b in result.bids] == [2, 1]
    assert result.winner == "B"


def test_tier_c_when_no_domestic_bid_reaches_25():
    bids = [domestic("B1", 1_950_000_000, tkdn=22),
            domestic("B2", 1_900_000_000, tkdn="18.5"),
            imported("B3", 1_500_000_000),
            domestic("B4", 1_400_000_000, siinas=True)]  # d: below c in the cascade
    result = evaluate(bids, package_value=PACKAGE)
    assert [b.tier for b in result.bids] == ["c", "c", "import", "d"]
    assert [b.kp for b in result.bids] == [0, 0, 0, 0]  # nobody reaches 25%
    assert [b.admissible for b in result.bids] == [True, True, False, False]
    assert [b.rank for b in result.bids] == [2, 1, None, None]
    assert result.winner == "B2"
    assert "66(2) c" in result.reason


def test_tier_d_when_no_domestic_bid_has_a_tkdn():
    bids = [imported("B1", 1_800_000_000),
            domestic("B2", 2_100_000_000, siinas=True),
            domestic("B3", 2_050_000_000, siinas=True)]
    result = evaluate(bids, package_value=PACKAGE)
    assert [b.tier for b in result.bids] == ["import", "d", "d"]
    assert [b.rank for b in result.bids] == [None, 2, 1]
    assert result.winner == "B3"
    assert "66(2) d" in result.reason


def test_imports_only_and_the_system_says_why():
    bids = [imported("CN", 2_300_000_000), imported("AU", 2_450_000_000)]
    result = evaluate(bids, package_value=PACKAGE)
    assert [b.tier for b in result.bids] == ["import", "import"]
    assert [b.admissible for b in result.bids] == [True, True]
    assert [b.rank for b in result.bids] == [1, 2]
    assert result.winner == "CN"
    assert "no domestic product" in result.reason


def test_domestic_bid_without_tkdn_or_siinas_counts_as_import_and_is_flagged():
    bid = domestic("B1", 2_100_000_000)
    tier, flags = tier_of(bid)
    assert tier == "import"
    assert flags and "SIINas" in flags[0]
    result = evaluate([bid, imported("B2", 2_300_000_000)], package_value=PACKAGE)
    got = by_id(result)
    assert got["B1"].tier == "import"
    assert got["B1"].flags == flags
    assert got["B2"].flags == ()
    # with a tier-d bid present it is not admissible
    result = evaluate([bid, domestic("B3", 2_500_000_000, siinas=True)], package_value=PACKAGE)
    assert by_id(result)["B1"].admissible is False
    assert result.winner == "B3"


@pytest.mark.parametrize(
    ("tiers", "admissible"),
    [
        (["a", "c", "import"], {"a", "b"}),
        (["b", "d"], {"a", "b"}),
        (["c", "d", "import"], {"c"}),
        (["d", "import"], {"d"}),
        (["import"], {"import"}),
    ],
)
def test_admissible_tiers(tiers, admissible):
    assert admissible_tiers(tiers) == admissible


def test_no_bids():
    result = evaluate([], package_value=PACKAGE)
    assert result.bids == ()
    assert result.winner is None


# --- ties -----------------------------------------------------------------------------------

def test_equal_hea_goes_to_the_higher_tkdn():
    # B1 TKDN 30 → KP 0.075 → 0.925 × 1,800,000,000 = 1,665,000,000
    # B2 TKDN 40 → KP 0.10  → 0.90  × 1,850,000,000 = 1,665,000,000 → B2 (listed later) wins
    bids = [domestic("B1", 1_800_000_000, tkdn=30), domestic("B2", 1_850_000_000, tkdn=40)]
    result = evaluate(bids, package_value=PACKAGE)
    assert result.bids[0].hea == result.bids[1].hea == D(1_665_000_000)
    assert result.winner == "B2"
    assert [b.rank for b in result.bids] == [2, 1]


def test_equal_price_without_preference_goes_to_the_higher_tkdn():
    bids = [domestic("B1", 900_000_000, tkdn=26), domestic("B2", 900_000_000, tkdn=45)]
    result = evaluate(bids, package_value=D(900_000_000))
    assert [b.kp for b in result.bids] == [0, 0]
    assert result.winner == "B2"


def test_equal_hea_and_tkdn_goes_to_the_earlier_bid():
    first = domestic("KOP", 1_800_000_000, tkdn=30)
    second = domestic("CV", 1_800_000_000, tkdn=30)
    assert evaluate([first, second], package_value=PACKAGE).winner == "KOP"
    assert evaluate([second, first], package_value=PACKAGE).winner == "CV"
    result = evaluate([first, second], package_value=PACKAGE)
    assert [b.rank for b in result.bids] == [1, 2]


# --- properties -------------------------------------------------------------------------------

percents = st.decimals(min_value=0, max_value=100, places=1)


@st.composite
def bid_lists(draw):
    n = draw(st.integers(1, 7))
    bids = []
    for i in range(n):
        origin = draw(st.sampled_from(["domestic", "import"]))
        # few distinct prices so that ties happen
        price = D(draw(st.sampled_from([1_800, 1_850, 1_900, 2_000, 2_100]))) * 1_000_000
        tkdn = draw(st.none() | percents | st.sampled_from([D(25), D(30), D(40)]))
        bids.append(Bid(id=f"B{i + 1}", price=price, origin=origin, tkdn_percent=tkdn,
                        bmp_percent=draw(st.decimals(min_value=0, max_value=15, places=1)),
                        siinas_registered=draw(st.booleans())))
    return bids


@settings(max_examples=200, deadline=None)
@given(bid_lists(), st.sampled_from([D(500_000_000), MILIAR, MILIAR + 1, PACKAGE]),
       st.sampled_from([D(0), D(10), D(25)]))
def test_the_winner_is_admissible_with_the_lowest_hea(bids, package_value, maximum):
    result = evaluate(bids, package_value=package_value, max_preference_percent=maximum)
    got = by_id(result)
    admissible = [b for b in result.bids if b.admissible]
    assert admissible
    winner = got[result.winner]
    assert winner.admissible
    assert winner.hea == min(b.hea for b in admissible)
    assert winner.rank == 1
    # ranks are 1..n over the admissible bids, by HEA; None elsewhere
    assert sorted(b.rank for b in admissible) == list(range(1, len(admissible) + 1))
    assert all(b.rank is None for b in result.bids if not b.admissible)
    ordered = sorted(admissible, key=lambda b: b.rank)
    assert all(x.hea <= y.hea for x, y in pairwise(ordered))
    # the tie rule: among the lowest HEA, the highest TKDN, then the earliest
    source = {b.id: b for b in bids}
    best = [b for b in admissible if b.hea == winner.hea]
    top = max(source[b.id].tkdn_percent or D(0) for b in best)
    assert (source[winner.id].tkdn_percent or D(0)) == top
    earliest = next(b.id for b in bids if got[b.id] in best
                    and (b.tkdn_percent or D(0)) == top)
    assert winner.id == earliest
    # HEA = (1 − KP) × price, KP within 0..max preference
    for bid in bids:
        ev = got[bid.id]
        assert ev.hea == (1 - ev.kp) * bid.price
        assert 0 <= ev.kp <= maximum / 100


@settings(max_examples=200, deadline=None)
@given(bid_lists())
def test_an_import_never_wins_against_a_domestic_bid_with_tkdn(bids):
    result = evaluate(bids, package_value=PACKAGE)
    source = {b.id: b for b in bids}
    if any(b.origin == "domestic" and b.tkdn_percent is not None for b in bids):
        winner = source[result.winner]
        assert winner.origin == "domestic"
        assert winner.tkdn_percent is not None
        assert by_id(result)[result.winner].tier in {"a", "b", "c"}
