"""ISO 2859-1:1999 single sampling (rules.sampling): Table I, the master Tables II-A/B/C cell
by cell against their own layout (test_sampling_second_source.py holds the transcriptions of
the printed tables), the arrows, full inspection, and the switching rules of clause 9
(hand-worked sequences and a property over random sequences)."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.sampling import code_letter, plan, plan_for_lot, run, start
from pasok.rules.sampling.plans import CELLS, SEVERITIES, aql_index
from pasok.rules.sampling.switching import DISCONTINUED, Discontinued
from pasok.rules.sampling.tables import (
    AQLS,
    EDGE_CELLS,
    LEVELS,
    NORMAL_SAMPLE,
    REDUCED_SAMPLE,
    TIGHTENED_SAMPLE,
)

LETTERS = "ABCDEFGHJKLMNPQR"


# --- Table I ------------------------------------------------------------------------------

@pytest.mark.parametrize(("lot_size", "level", "letter"), [
    (500, "II", "H"), (2000, "II", "K"), (1000, "II", "J"), (3000, "II", "K"),
    (2, "II", "A"), (8, "III", "B"), (9, "II", "B"), (281, "I", "F"), (280, "I", "E"),
    (500_001, "S-1", "D"), (500_001, "III", "R"), (10_000, "S-3", "F"), (150_000, "S-4", "J"),
    (35_001, "II", "N"), (1_000_000_000, "II", "Q"),
])
def test_table_i(lot_size, level, letter):
    assert code_letter(lot_size, level) == letter


@given(st.integers(2, 2_000_000), st.integers(0, 2_000_000), st.sampled_from(LEVELS))
def test_a_bigger_lot_never_gets_an_earlier_letter(lot_size, more, level):
    assert LETTERS.index(code_letter(lot_size + more, level)) >= \
        LETTERS.index(code_letter(lot_size, level))


@given(st.integers(2, 2_000_000))
def test_a_higher_level_never_gets_an_earlier_letter(lot_size):
    for levels in (("S-1", "S-2", "S-3", "S-4"), ("I", "II", "III")):
        indexes = [LETTERS.index(code_letter(lot_size, level)) for level in levels]
        assert indexes == sorted(indexes)


def test_table_i_refuses_what_it_does_not_have():
    with pytest.raises(ValueError, match="at least 2"):
        code_letter(1)
    with pytest.raises(ValueError, match="must be one of"):
        code_letter(100, "IV")


# --- the plans ----------------------------------------------------------------------------

@pytest.mark.parametrize(("letter", "aql", "severity", "expected"), [
    ("H", "1.0", "normal", ("H", 50, 1, 2)),       # the standard's worked example
    ("K", "1.0", "normal", ("K", 125, 3, 4)),      # docs/interfaces.md
    ("J", "1.0", "normal", ("J", 80, 2, 3)),
    ("L", "2.5", "normal", ("L", 200, 10, 11)),
    ("H", "0.40", "normal", ("G", 32, 0, 1)),      # up arrow: G's plan and G's sample
    ("H", "0.65", "normal", ("J", 80, 1, 2)),      # down arrow
    ("A", "0.010", "normal", ("Q", 1250, 0, 1)),   # the long arrow down the first column
    ("D", "1000", "normal", ("B", 3, 44, 45)),     # and up from the top-right corner
    ("A", "1000", "normal", ("A", 2, 30, 31)),
    ("R", "0.015", "normal", ("P", 800, 0, 1)),    # printed up: no row below R
    ("E", "150", "normal", ("E", 13, 30, 31)),
    ("K", "1.0", "tightened", ("K", 125, 2, 3)),
    ("H", "1.0", "tightened", ("J", 80, 1, 2)),
    ("A", "10", "tightened", ("A", 2, 0, 1)),      # ISO; MIL-STD-105E has an arrow here
    ("R", "0.025", "tightened", ("S", 3150, 1, 2)),  # row S exists only in II-B
    ("R", "0.015", "tightened", ("Q", 1250, 0, 1)),
    ("B", "1000", "tightened", ("B", 3, 41, 42)),
    ("K", "1.0", "reduced", ("K", 50, 2, 3)),
    ("H", "1.0", "reduced", ("J", 32, 1, 2)),
    ("G", "15", "reduced", ("G", 13, 6, 7)),
    ("R", "0.010", "reduced", ("Q", 500, 0, 1)),
    ("A", "6.5", "reduced", ("A", 2, 0, 1)),
    ("C", "1000", "reduced", ("B", 2, 30, 31)),
])
def test_worked_plans(letter, aql, severity, expected):
    found = plan(letter, aql, severity)
    assert (found.letter, found.sample_size, found.accept, found.reject) == expected


def _second_transcription(severity: str, row: int, column: int) -> str:
    """Each master table built from its layout, not from tables.py: along each diagonal
    (letter index + AQL index) one acceptance number; below-left the long down arrow; between
    the Ac 0 and Ac 1 diagonals the arrows (II-A: up, down; II-B: down, down; II-C: up, down,
    down); the two largest acceptance numbers (30/44 in II-A, 27/41 in II-B, 14/21 in II-C)
    only in the five top rows; up arrows beyond. In II-C rows A and B (n 2, like C) carry
    II-A's row A from AQL 25 up."""
    if severity == "reduced" and row <= 1 and column >= AQLS.index(Decimal("25")):
        return _second_transcription("normal", 0, column)
    k = row + column
    zero, between, sequence = {
        "normal": (14, "^v", (1, 2, 3, 5, 7, 10, 14, 21, 30, 44)),
        "tightened": (15, "vv", (1, 2, 3, 5, 8, 12, 18, 27, 41)),
        "reduced": (14, "^vv", (1, 2, 3, 5, 6, 8, 10, 14, 21)),
    }[severity]
    if k < zero:
        return "v"
    if k == zero:
        return "0"
    if k <= zero + len(between):
        return between[k - zero - 1]
    step = k - zero - len(between) - 1
    if step >= len(sequence) or (step >= len(sequence) - 2 and row > 4):
        return "^"
    return str(sequence[step])


@pytest.mark.parametrize("severity", SEVERITIES)
def test_every_cell_against_the_second_transcription(severity):
    differences = {}
    for row, letter in enumerate(LETTERS):
        for column, aql in enumerate(AQLS):
            cell = CELLS[severity][letter][column]
            if cell != _second_transcription(severity, row, column):
                differences[(severity, letter, str(aql))] = cell
    edges = {key: note[0] for key, note in EDGE_CELLS.items()
             if key[0] == severity and key[1] != "S"}
    assert differences == edges  # only the cells at the table's edge, each explained


def test_row_s_of_the_tightened_table_is_reached_only_through_row_r():
    reaching = {(letter, str(aql)) for letter in LETTERS for aql in AQLS
                if plan(letter, aql, "tightened").letter == "S"}
    assert reaching == {("R", "0.025"), ("Q", "0.025")}  # Q's arrow crosses R
    assert plan("S", "0.025", "tightened").accept == 1
    with pytest.raises(ValueError, match=r"no plan for S at 0\.015"):
        plan("S", "0.015", "tightened")  # the standard leaves the rest of row S blank


# Re-typed from a US Army Directorate of Public Works QA guide's Tables 1-A and 1-B (MIL-STD-105E
# II-A and II-B, AQL 0.65 to 15): a source independent of the layout above. Row A of II-A
# there shows an up arrow at AQL 10, out of the table; the ISO adoptions print it down
# (EDGE_CELLS). In II-B, MIL-STD-105E has an arrow at A, AQL 10, where ISO 2859-1 has Ac 0.
DPW_COLUMNS = AQLS[9:17]
DPW = {
    "normal": {
        "B": "v v v v 0 ^ v 1", "C": "v v v 0 ^ v 1 2", "D": "v v 0 ^ v 1 2 3",
        "E": "v 0 ^ v 1 2 3 5", "F": "0 ^ v 1 2 3 5 7", "G": "^ v 1 2 3 5 7 10",
        "H": "v 1 2 3 5 7 10 14", "J": "1 2 3 5 7 10 14 21", "K": "2 3 5 7 10 14 21 ^",
        "L": "3 5 7 10 14 21 ^ ^", "M": "5 7 10 14 21 ^ ^ ^", "N": "7 10 14 21 ^ ^ ^ ^",
        "P": "10 14 21 ^ ^ ^ ^ ^", "Q": "14 21 ^ ^ ^ ^ ^ ^",
    },
    "tightened": {
        "A": "v v v v v v v v", "B": "v v v v v 0 v v", "C": "v v v v 0 v v 1",
        "D": "v v v 0 v v 1 2", "E": "v v 0 v v 1 2 3", "F": "v 0 v v 1 2 3 5",
        "G": "0 v v 1 2 3 5 8", "H": "v v 1 2 3 5 8 12", "J": "v 1 2 3 5 8 12 18",
        "K": "1 2 3 5 8 12 18 ^", "L": "2 3 5 8 12 18 ^ ^",
    },
}


MIL_STD_NOT_ISO = {("tightened", "A", "10"): "0"}


@pytest.mark.parametrize("severity", DPW)
def test_cells_against_the_dpw_tables(severity):
    differences = {}
    for letter, cells in DPW[severity].items():
        for aql, ours, theirs in zip(DPW_COLUMNS, CELLS[severity][letter][9:17], cells.split(),
                                     strict=True):
            if ours != theirs:
                differences[(severity, letter, str(aql))] = ours
    assert differences == {key: cell for key, cell in MIL_STD_NOT_ISO.items()
                           if key[0] == severity}


# An inspection calculator's cell-by-cell export of ISO 2859-1 Table II-A, AQL 0.065 to 6.5,
# each cell with the letter its arrows lead to and that plan's Ac.
EXPORT = {
    "A": "L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 A0", "B": "L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 A0",
    "C": "L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 D1", "D": "L0 K0 J0 H0 G0 F0 E0 D0 C0 E1 D1",
    "E": "L0 K0 J0 H0 G0 F0 E0 D0 F1 E1 E2", "F": "L0 K0 J0 H0 G0 F0 E0 G1 F1 F2 F3",
    "G": "L0 K0 J0 H0 G0 F0 H1 G1 G2 G3 G5", "H": "L0 K0 J0 H0 G0 J1 H1 H2 H3 H5 H7",
    "J": "L0 K0 J0 H0 K1 J1 J2 J3 J5 J7 J10", "K": "L0 K0 J0 L1 K1 K2 K3 K5 K7 K10 K14",
    "L": "L0 K0 M1 L1 L2 L3 L5 L7 L10 L14 L21", "M": "L0 N1 M1 M2 M3 M5 M7 M10 M14 M21 L21",
    "N": "P1 N1 N2 N3 N5 N7 N10 N14 N21 M21 L21", "P": "P1 P2 P3 P5 P7 P10 P14 P21 N21 M21 L21",
    "Q": "Q2 Q3 Q5 Q7 Q10 Q14 Q21 P21 N21 M21 L21", "R": "R3 R5 R7 R10 R14 R21 Q21 P21 N21 M21 L21",
}


def test_arrows_followed_as_the_export_resolves_them():
    for letter, cells in EXPORT.items():
        found = [plan(letter, aql) for aql in AQLS[4:15]]
        assert [f"{p.letter}{p.accept}" for p in found] == cells.split(), letter
        assert all(p.sample_size == NORMAL_SAMPLE[p.letter] for p in found)


@pytest.mark.parametrize("severity", SEVERITIES)
def test_every_arrow_resolves_to_a_plan(severity):
    sizes = {"normal": NORMAL_SAMPLE, "tightened": TIGHTENED_SAMPLE,
             "reduced": REDUCED_SAMPLE}[severity]
    for letter in CELLS[severity]:
        for aql in AQLS:
            if CELLS[severity][letter][aql_index(aql)] == "-":
                continue  # row S of II-B: blank but at 0.025 (test_row_s_... above)
            found = plan(letter, aql, severity)
            assert found.sample_size == sizes[found.letter]
            assert found.reject == found.accept + 1   # Re = Ac + 1 in all three (1999)


def test_reduced_never_samples_more_than_normal():
    larger = [(letter, str(aql)) for letter in LETTERS for aql in AQLS
              if plan(letter, aql, "reduced").sample_size > plan(letter, aql).sample_size]
    assert larger == []


def _limiting_quality(found) -> float:
    """The quality (fraction nonconforming, Poisson) the plan accepts 10% of the time: the
    lower, the stricter the plan."""
    def accepted(mean):
        return sum(math.exp(-mean) * mean ** i / math.factorial(i)
                   for i in range(found.accept + 1))
    low, high = 0.0, 200.0
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if accepted(middle) > 0.10 else (low, middle)
    return low / found.sample_size


@given(st.sampled_from(LETTERS), st.sampled_from(AQLS))
def test_tighter_severity_is_never_more_lenient(letter, aql):
    tightened, normal, reduced = (_limiting_quality(plan(letter, aql, s))
                                  for s in ("tightened", "normal", "reduced"))
    if (letter, str(aql)) == ("A", "10"):
        # II-B prints Ac 0 on n 2 here (GB/T 2828.1 and NTE INEN-ISO 2859-1 alike; MIL-STD-105E
        # has an arrow down to n 8, Ac 1): by this measure the one tightened plan laxer than
        # the normal one (n 5, Ac 1)
        assert normal < tightened and normal <= reduced
        return
    assert tightened <= normal <= reduced


def test_aql_columns():
    assert len(AQLS) == 26 and aql_index("1") == aql_index(1.0) == aql_index("1.0") == 10
    for wrong in ("1.3", "abc", "0"):
        with pytest.raises(ValueError, match="AQL values"):
            aql_index(wrong)


# --- the lot ------------------------------------------------------------------------------

def test_the_whole_lot_when_the_sample_is_at_least_the_lot():
    small = plan_for_lot(5, "1.0")                # A, arrow down to E (n 13) > 5
    assert (small.code_letter, small.plan.letter, small.full_inspection, small.sample_size) \
        == ("A", "E", True, 5)
    exact = plan_for_lot(50, "0.25", level="III")  # E, arrow down to H: n 50 = the lot
    assert exact.full_inspection and exact.sample_size == 50
    usual = plan_for_lot(500, "1.0")
    assert not usual.full_inspection and usual.sample_size == 50


# --- the switching rules (clause 9) -------------------------------------------------------

# Lot 500 at level II is H: normal n 50 Ac 1, tightened J n 80 Ac 1, reduced J n 32 Ac 1.
ACCEPTED, REJECTED = (500, 0), (500, 5)


def _severities(lots, start_severity="normal", aql="1.0"):
    results, state = run(lots, aql, "II", start_severity)
    return [r.severity for r in results], state


def test_two_of_five_not_accepted_tighten():
    severities, state = _severities([REJECTED, ACCEPTED, ACCEPTED, ACCEPTED, REJECTED])
    assert severities == ["normal"] * 5 and state.severity == "tightened"


def test_two_not_accepted_six_lots_apart_do_not_tighten():
    _, state = _severities([REJECTED, *[ACCEPTED] * 4, REJECTED])
    assert state.severity == "normal"


def test_the_window_counts_only_this_spell_of_normal_inspection():
    # normal -> reduced after 15 accepted lots (score +2 each), back to normal on a rejection;
    # one more rejection on normal does not tighten: the earlier one was on reduced
    lots = [ACCEPTED] * 15 + [REJECTED, REJECTED]
    severities, state = _severities(lots)
    assert severities == ["normal"] * 15 + ["reduced", "normal"]
    assert state.severity == "normal"


def test_five_accepted_on_tightened_return_to_normal():
    severities, state = _severities([ACCEPTED] * 4 + [REJECTED] + [ACCEPTED] * 5, "tightened")
    assert severities == ["tightened"] * 10 and state.severity == "normal"
    assert state.score == 0


def test_score_30_reduces_and_a_rejection_on_reduced_returns_to_normal():
    results, state = run([ACCEPTED] * 15, "1.0")
    assert [r.score for r in results] == list(range(2, 31, 2))  # Ac 1: +2 per accepted lot
    assert state.severity == "reduced" and state.score == 30
    results, state = run([ACCEPTED] * 15 + [ACCEPTED, (500, 2)], "1.0")
    assert [r.severity for r in results[-2:]] == ["reduced", "reduced"]
    assert results[-2].score == 30                 # kept unchanged on reduced
    assert state.severity == "normal" and state.score == 0


def test_the_score_with_ac_2_or_more_asks_the_tighter_aql():
    # lot 800 is J; at AQL 1.0 Ac 2, at 0.65 (one step tighter, row J) Ac 1
    results, _ = run([(800, 1), (800, 1), (800, 2), (800, 0)], "1.0")
    assert [r.score for r in results] == [3, 6, 0, 3]  # 2 nonconforming: accepted, but not at 0.65
    assert all(r.accepted for r in results)
    results, state = run([(800, 0)] * 10, "1.0")
    assert results[-1].score == 30 and state.severity == "reduced"


def test_a_rejection_on_normal_sets_the_score_to_0():
    results, _ = run([ACCEPTED, ACCEPTED, REJECTED], "1.0")
    assert [r.score for r in results] == [2, 4, 0]


def test_five_not_accepted_on_tightened_discontinue():
    lots = [REJECTED, ACCEPTED, REJECTED, REJECTED, ACCEPTED, ACCEPTED, REJECTED, REJECTED]
    severities, state = _severities(lots, "tightened")
    assert severities == ["tightened"] * 8 and state.severity == DISCONTINUED
    with pytest.raises(Discontinued):
        run([*lots, ACCEPTED], "1.0", "II", "tightened")


def test_nonconforming_beyond_the_sample_is_refused():
    with pytest.raises(ValueError, match="sample size 50"):
        run([(500, 51)], "1.0")
    with pytest.raises(ValueError, match="must be one of"):
        start("discontinued")


@given(st.lists(st.tuples(st.integers(2, 5000), st.integers(0, 2)), max_size=60),
       st.sampled_from(("normal", "tightened", "reduced")),
       st.sampled_from(("0.40", "1.0", "2.5", "6.5")))
def test_the_switching_rules_hold_over_any_sequence(draws, first, aql):
    lots = draws  # every sample holds at least 2 items
    try:
        results, state = run(lots, aql, "II", first)
    except Discontinued:
        return  # lots after discontinuation are not inspected (tested above)
    severities = [r.severity for r in results] + [state.severity]
    assert severities[0] == first
    normal_spell, accepted_run, rejected_on_tightened, score = [], 0, 0, 0
    for lot, result, after in zip(lots, results, severities[1:], strict=True):
        assert result.accepted == (lot[1] <= result.lot_plan.plan.accept)
        if result.severity == "normal":
            normal_spell.append(result.accepted)
            if after == "tightened":
                assert not result.accepted and normal_spell[-5:].count(False) >= 2
            elif after == "reduced":
                assert result.score >= 30 and normal_spell[-5:].count(False) < 2
            else:
                assert after == "normal" and normal_spell[-5:].count(False) < 2
                assert result.score < 30
        elif result.severity == "tightened":
            assert result.score == 0
            accepted_run = accepted_run + 1 if result.accepted else 0
            rejected_on_tightened += not result.accepted
            if after == "normal":
                assert accepted_run == 5
            elif after == DISCONTINUED:
                assert rejected_on_tightened == 5 and not result.accepted
            else:
                assert after == "tightened" and accepted_run < 5 and rejected_on_tightened < 5
        else:
            assert after == ("reduced" if result.accepted else "normal")
            assert result.score == (score if result.accepted else 0)  # kept; 0 back on normal
        if after != result.severity:
            normal_spell, accepted_run, rejected_on_tightened = [], 0, 0
        score = result.score
