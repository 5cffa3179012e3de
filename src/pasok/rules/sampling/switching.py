"""The switching rules of ISO 2859-1:1999 clause 9 over a sequence of lots of one product
from one supplier, single sampling, with the conventions of docs/interfaces.md (`pasok
sampling run`): steady production is assumed, and so is the responsible authority's
approval of reduced inspection unless the caller says it is not given (`reduced_approved`).

- normal -> tightened (9.3.1): 2 of 5 or fewer consecutive lots not accepted, counting only
  lots since the current spell of normal inspection began;
- tightened -> normal (9.3.2): 5 consecutive lots accepted on tightened inspection;
- normal -> reduced (9.3.3): the switching score reaches 30, with the authority's approval
  (without it inspection stays normal, the score kept, so an approval counts from the next
  lot);
- reduced -> normal (9.3.4): a lot not accepted;
- discontinued (9.4): 5 lots in total not accepted during a spell of tightened inspection.
Switching score (9.3.3.2): 0 when normal inspection starts; after each lot on normal
inspection, when the plan's Ac is 2 or more, +3 if the lot would also have been accepted
with the AQL one step tighter (same sample, that column's Ac in the row of the plan used),
else 0; when Ac is 0 or 1, +2 if the lot is accepted, else 0. It is 0 on tightened
inspection and kept unchanged on reduced inspection."""

from dataclasses import dataclass, replace

from .plans import LotPlan, plan_for_lot, tighter_accept

DISCONTINUED = "discontinued"
STARTS = ("normal", "tightened", "reduced")
TIGHTENED_AFTER = 2     # lots not accepted ...
NORMAL_WINDOW = 5       # ... within this many consecutive lots on normal inspection
NORMAL_AFTER = 5        # consecutive acceptances on tightened inspection
REDUCED_AT = 30         # switching score
DISCONTINUE_AFTER = 5   # lots not accepted during one spell of tightened inspection


class Discontinued(ValueError):
    """A lot offered after inspection was discontinued (9.4): it is not inspected."""


@dataclass(frozen=True)
class State:
    severity: str = "normal"
    score: int = 0
    recent: tuple[bool, ...] = ()   # acceptances since this spell of normal inspection began
    accepted_run: int = 0           # consecutive acceptances on tightened inspection
    rejected_on_tightened: int = 0  # lots not accepted since tightened inspection began


@dataclass(frozen=True)
class LotResult:
    severity: str
    lot_plan: LotPlan
    accepted: bool
    score: int


def start(severity: str = "normal") -> State:
    if severity not in STARTS:
        raise ValueError(f"must be one of {', '.join(STARTS)}")
    return State(severity=severity)


def _score_after(state: State, lot_plan: LotPlan, nonconforming: int, aql) -> int:
    accept = lot_plan.plan.accept
    if accept >= 2:
        tighter = tighter_accept(lot_plan.plan, aql)
        return state.score + 3 if tighter is not None and nonconforming <= tighter else 0
    return state.score + 2 if nonconforming <= accept else 0


def _next(state: State, accepted: bool, score: int, reduced_approved: bool) -> State:
    if state.severity == "normal":
        recent = (*state.recent, accepted)[-NORMAL_WINDOW:]
        if recent.count(False) >= TIGHTENED_AFTER:
            return State(severity="tightened")
        if score >= REDUCED_AT and reduced_approved:
            return State(severity="reduced", score=score)
        return replace(state, score=score, recent=recent)
    if state.severity == "tightened":
        if accepted:
            run = state.accepted_run + 1
            return State() if run >= NORMAL_AFTER else replace(state, accepted_run=run)
        rejected = state.rejected_on_tightened + 1
        if rejected >= DISCONTINUE_AFTER:
            return State(severity=DISCONTINUED)
        return replace(state, accepted_run=0, rejected_on_tightened=rejected)
    return state if accepted else State()  # reduced


def _still_inspecting(state: State) -> None:
    if state.severity == DISCONTINUED:
        raise Discontinued("inspection is discontinued: later lots are not inspected (9.4)")


def inspect(state: State, lot_plan: LotPlan, nonconforming: int, aql,
            reduced_approved: bool = True) -> tuple[LotResult, State]:
    """The lot's result under `state` and the state for the next lot."""
    _still_inspecting(state)
    if not 0 <= nonconforming <= lot_plan.sample_size:
        raise ValueError(f"must be between 0 and the sample size {lot_plan.sample_size}")
    accepted = nonconforming <= lot_plan.plan.accept
    score = _score_after(state, lot_plan, nonconforming, aql) if state.severity == "normal" \
        else state.score
    following = _next(state, accepted, score, reduced_approved)
    return LotResult(state.severity, lot_plan, accepted, following.score), following


def run(lots, aql, level: str = "II", start_severity: str = "normal"):
    """[(lot_size, nonconforming)] -> ([LotResult], final State)."""
    state = start(start_severity)
    results = []
    for lot_size, nonconforming in lots:
        _still_inspecting(state)
        lot_plan = plan_for_lot(lot_size, aql, level, state.severity)
        result, state = inspect(state, lot_plan, nonconforming, aql)
        results.append(result)
    return results, state
