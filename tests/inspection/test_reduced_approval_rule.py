"""Reduced inspection only with the buyer's approval (ISO 2859-1 9.3.3), over any sequence of
lots: without it the state never goes reduced and otherwise follows the rules unchanged;
with it, it is exactly rules.sampling.switching."""

from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.sampling import plan_for_lot, switching

LOTS = st.lists(st.tuples(st.integers(2, 3000), st.booleans()), max_size=60)


def _walk(lots, approved: bool):
    state, seen = switching.start(), []
    for lot_size, rejected in lots:
        if state.severity == switching.DISCONTINUED:
            break
        lot_plan = plan_for_lot(lot_size, "2.5", "II", state.severity)
        nonconforming = lot_plan.plan.reject if rejected else 0
        _result, state = switching.inspect(state, lot_plan, nonconforming, "2.5",
                                           reduced_approved=approved)
        seen.append(state.severity)
    return seen


@given(LOTS)
def test_without_approval_never_reduced(lots):
    assert "reduced" not in _walk(lots, approved=False)


@given(LOTS)
def test_with_approval_the_rules_unchanged(lots):
    expected, state = [], switching.start()
    for lot_size, rejected in lots:
        if state.severity == switching.DISCONTINUED:
            break
        lot_plan = plan_for_lot(lot_size, "2.5", "II", state.severity)
        _result, state = switching.inspect(
            state, lot_plan, lot_plan.plan.reject if rejected else 0, "2.5")
        expected.append(state.severity)
    assert _walk(lots, approved=True) == expected


def test_a_long_run_of_accepted_lots_reaches_reduced_only_when_approved():
    lots = [(20, False)] * 16  # C: Ac 0, +2 a lot accepted: the score is 30 at the 15th
    assert _walk(lots, approved=True)[14] == "reduced"
    assert set(_walk(lots, approved=False)) == {"normal"}
