"""The JSON of `pasok sampling plan` and `pasok sampling run` (docs/interfaces.md), to and
from the rules; bad input names the field."""

from .plans import SEVERITIES, LotPlan, aql_index, code_letter, plan_for_lot
from .switching import DISCONTINUED, LotResult, State, inspect, start


class SamplingInputError(ValueError):
    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def _checked(path: str, check, *args):
    try:
        return check(*args)
    except ValueError as exc:
        raise SamplingInputError(path, str(exc)) from exc


def whole_number(value, path: str, minimum: int) -> int:
    """An int from JSON or the command line ("500"); booleans and 500.5 are refused."""
    if isinstance(value, str):
        value = int(value) if value.strip().isdigit() else value
    if isinstance(value, bool) or not isinstance(value, int):
        raise SamplingInputError(path, f"must be a whole number of at least {minimum}")
    if value < minimum:
        raise SamplingInputError(path, f"must be a whole number of at least {minimum}")
    return value


def options(aql, level: str, severity: str | None = None) -> None:
    """The command-line options, checked before any lot is read."""
    _checked("--aql", aql_index, aql)
    _checked("--level", code_letter, 2, level)
    if severity is not None and severity not in SEVERITIES:
        raise SamplingInputError("--severity", f"must be one of {', '.join(SEVERITIES)}")


def lot_plan_for(lot_size, aql, level: str, severity: str) -> LotPlan:
    """The plan of `pasok sampling plan`, its options checked."""
    options(aql, level, severity)
    return plan_for_lot(whole_number(lot_size, "--lot-size", 2), aql, level, severity)


def plan_to_dict(lot_plan: LotPlan) -> dict:
    return {"code_letter": lot_plan.code_letter, "plan_letter": lot_plan.plan.letter,
            "sample_size": lot_plan.sample_size, "accept": lot_plan.plan.accept,
            "reject": lot_plan.plan.reject, "full_inspection": lot_plan.full_inspection}


def _lot_to_dict(result: LotResult) -> dict:
    lot_plan = result.lot_plan
    return {"severity": result.severity, "code_letter": lot_plan.code_letter,
            "plan_letter": lot_plan.plan.letter, "sample_size": lot_plan.sample_size,
            "accept": lot_plan.plan.accept, "reject": lot_plan.plan.reject,
            "accepted": result.accepted, "switching_score": result.score}


def run_from_dict(data, aql, level: str) -> dict:
    """Every lot through the switching rules; the output of `pasok sampling run`."""
    options(aql, level)
    if not isinstance(data, dict):
        raise SamplingInputError("(top)", "must be an object")
    state: State = _checked("start", start, data.get("start", "normal"))
    lots = data.get("lots")
    if not isinstance(lots, list):
        raise SamplingInputError("lots", "must be a list")
    results = []
    for index, lot in enumerate(lots):
        path = f"lots[{index}]"
        if not isinstance(lot, dict):
            raise SamplingInputError(path, "must be an object")
        if state.severity == DISCONTINUED:
            raise SamplingInputError(path, "inspection was discontinued after 5 lots not "
                                           "accepted on tightened inspection (ISO 2859-1 "
                                           "9.4): later lots are not inspected")
        lot_size = whole_number(lot.get("lot_size"), f"{path}.lot_size", 2)
        lot_plan = plan_for_lot(lot_size, aql, level, state.severity)
        nonconforming = whole_number(lot.get("nonconforming"), f"{path}.nonconforming", 0)
        if nonconforming > lot_plan.sample_size:
            raise SamplingInputError(f"{path}.nonconforming",
                                     f"must be at most the sample size {lot_plan.sample_size}")
        result, state = inspect(state, lot_plan, nonconforming, aql)
        results.append(_lot_to_dict(result))
    return {"lots": results, "state": state.severity, "switching_score": state.score}
