"""Ranking the part families and a foundry's next steps (rules/opportunities.py): worked
examples and properties."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.opportunities import STEP_MOST, Reach, by_reach, by_size, next_steps


def reach(family, today, market, typical=Decimal(10), free=0, **short):
    return Reach(family, today, short, free, typical, Decimal(market))


def test_reach_counts_the_foundries_one_requirement_short_and_the_units_they_could_melt():
    drums = reach("brake_drum", 3, 42_000, typical=Decimal(8), free=1_000,
                  **{"process:machining": 7, "certificate:iatf16949": 2, "grade": 0})
    assert drums.one_step_away == 9
    assert drums.free_units == 125  # 1,000 kg free in parts of 8 kg
    assert drums.nearest == [("process:machining", 7), ("certificate:iatf16949", 2)]


def test_a_part_heavier_than_what_is_free_is_no_unit():
    assert reach("x", 1, 1, typical=Decimal("12.5"), free=12).free_units == 0
    assert reach("x", 1, 1, typical=Decimal("12.5"), free=25).free_units == 2


def test_by_reach_puts_today_first_then_one_step_away_then_the_market():
    blocks = reach("brake_block", 78, 10, grade=148)
    drums = reach("brake_drum", 0, 42, **{"process:machining": 47})
    discs = reach("brake_disc", 0, 51, **{"process:machining": 47})
    manholes = reach("municipal", 2, 13, **{"certificate:sni": 51})
    assert [r.family for r in by_reach([drums, manholes, discs, blocks])] == [
        "brake_block", "municipal", "brake_disc", "brake_drum"]


def test_by_size_puts_the_largest_market_first():
    blocks = reach("brake_block", 78, 10)
    discs = reach("brake_disc", 0, 51)
    drums = reach("brake_drum", 0, 42)
    assert [r.family for r in by_size([blocks, drums, discs])] == [
        "brake_disc", "brake_drum", "brake_block"]


def test_next_steps_group_the_families_one_addition_opens_and_count_distinct_buyers():
    # The example: "with machining you could offer brake discs to 3 buyers".
    missing = {"brake_block": (), "brake_disc": ("process:machining",),
               "brake_drum": ("process:machining",),
               "flywheel": ("process:machining", "certificate:iatf16949"),
               "rail_casting": ("grade", "weight", "process:heat_treatment")}
    buyers = {"brake_block": {1, 2}, "brake_disc": {3, 4}, "brake_drum": {4, 5},
              "flywheel": {6}}
    markets = {"brake_block": Decimal(10), "brake_disc": Decimal(51),
               "brake_drum": Decimal(42), "flywheel": Decimal(30)}
    steps = next_steps(missing, buyers, markets)
    assert [(s.needs, s.families, len(s.buyers), s.market_a_month) for s in steps] == [
        ((), ("brake_block",), 2, Decimal(10)),
        (("process:machining",), ("brake_disc", "brake_drum"), 3, Decimal(93)),
        (("certificate:iatf16949", "process:machining"), ("flywheel",), 1, Decimal(30)),
    ]  # three requirements at once (railway castings) is no next step


def test_more_buyers_outrank_a_larger_market():
    steps = next_steps({"a": ("grade",), "b": ("weight",)}, {"a": {1}, "b": {1, 2}},
                       {"a": Decimal(100), "b": Decimal(1)})
    assert [s.needs for s in steps] == [("weight",), ("grade",)]


requirement = st.sampled_from(["grade", "weight", "process:machining",
                               "process:heat_treatment", "certificate:iatf16949"])
family = st.sampled_from(["a", "b", "c", "d", "e", "f"])


@given(st.dictionaries(family, st.lists(requirement, max_size=4)),
       st.dictionaries(family, st.sets(st.integers(1, 9))))
def test_every_family_within_reach_is_in_exactly_one_step(missing, buyers):
    markets = dict.fromkeys(missing, Decimal(1))
    steps = next_steps(missing, buyers, markets)
    placed = [f for s in steps for f in s.families]
    assert sorted(placed) == sorted(f for f, lacks in missing.items()
                                    if len(set(lacks)) <= STEP_MOST)
    for s in steps:
        assert all(tuple(sorted(set(missing[f]))) == s.needs for f in s.families)
        assert s.buyers == set().union(*(buyers.get(f, set()) for f in s.families))
    assert [bool(s.needs) for s in steps] == sorted(bool(s.needs) for s in steps)


@given(st.lists(st.tuples(family, st.integers(0, 50), st.integers(0, 50), st.integers(0, 9)),
                unique_by=lambda t: t[0]))
def test_rankings_are_orderings_of_the_same_families(rows):
    reaches = [reach(f, today, market, grade=short) for f, today, short, market in rows]
    for ranked in (by_reach(reaches), by_size(reaches)):
        assert sorted(r.family for r in ranked) == sorted(r.family for r in reaches)
    todays = [r.today for r in by_reach(reaches)]
    assert todays == sorted(todays, reverse=True)
    markets = [r.market_a_month for r in by_size(reaches)]
    assert markets == sorted(markets, reverse=True)
