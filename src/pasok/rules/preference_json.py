"""The JSON of `pasok preference evaluate` (docs/interfaces.md) to and from rules.preference."""

from decimal import Decimal

from .money import round_half_up, to_decimal
from .preference import MAX_PREFERENCE_PERCENT, Bid, Evaluation


class EvaluationInputError(ValueError):
    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def _number(data: dict, key: str, path: str, *, required=True, minimum=None):
    value = data.get(key)
    if value is None:
        if required:
            raise EvaluationInputError(path, "is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise EvaluationInputError(path, "must be a number")
    try:
        number = to_decimal(value)
    except ValueError as exc:
        raise EvaluationInputError(path, "must be a number") from exc
    if minimum is not None and number < minimum:
        raise EvaluationInputError(path, f"must be >= {minimum}")
    return number


def _bid(index: int, item) -> Bid:
    path = f"bids[{index}]"
    if not isinstance(item, dict):
        raise EvaluationInputError(path, "must be an object")
    if not isinstance(item.get("id"), str) or not item["id"]:
        raise EvaluationInputError(f"{path}.id", "must be a non-empty text")
    price = _number(item, "price", f"{path}.price")
    if price <= 0:
        raise EvaluationInputError(f"{path}.price", "must be > 0")
    origin = item.get("origin")
    if origin not in ("domestic", "import"):
        raise EvaluationInputError(f"{path}.origin", "must be domestic or import")
    tkdn = _number(item, "tkdn_percent", f"{path}.tkdn_percent", required=False, minimum=0)
    bmp = _number(item, "bmp_percent", f"{path}.bmp_percent", required=False, minimum=0)
    if tkdn is not None and tkdn > 100:
        raise EvaluationInputError(f"{path}.tkdn_percent", "must be between 0 and 100")
    if bmp is not None and bmp > 15:
        raise EvaluationInputError(f"{path}.bmp_percent", "must be between 0 and 15")
    siinas = item.get("siinas_registered", False)
    if not isinstance(siinas, bool):
        raise EvaluationInputError(f"{path}.siinas_registered", "must be true or false")
    return Bid(id=item["id"], price=price, origin=origin, tkdn_percent=tkdn,
               bmp_percent=bmp or Decimal(0), siinas_registered=siinas)


def tender_from_dict(data) -> tuple[list[Bid], Decimal, Decimal]:
    """(bids, package value, max preference percent), or EvaluationInputError."""
    if not isinstance(data, dict):
        raise EvaluationInputError("(top)", "must be an object")
    package = _number(data, "package_value", "package_value", minimum=0)
    maximum = _number(data, "max_preference_percent", "max_preference_percent",
                      required=False, minimum=0)
    maximum = MAX_PREFERENCE_PERCENT if maximum is None else maximum
    if maximum > MAX_PREFERENCE_PERCENT:
        raise EvaluationInputError("max_preference_percent", "must be at most 25")
    items = data.get("bids")
    if not isinstance(items, list):
        raise EvaluationInputError("bids", "must be a list")
    bids = [_bid(i, item) for i, item in enumerate(items)]
    seen = set()
    for i, bid in enumerate(bids):
        if bid.id in seen:
            raise EvaluationInputError(f"bids[{i}].id", "is used by an earlier bid")
        seen.add(bid.id)
    return bids, package, maximum


def _plain(value: Decimal, places: int):
    rounded = round_half_up(value, places)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def evaluation_to_dict(evaluation: Evaluation) -> dict:
    """KP as a fraction (6 decimals), HEA in rupiah (2 decimals), as docs/interfaces.md prints."""
    return {
        "bids": [{"id": b.id, "tier": b.tier, "admissible": b.admissible,
                  "kp": float(round_half_up(b.kp, 6)), "hea": _plain(b.hea, 2), "rank": b.rank,
                  **({"flags": list(b.flags)} if b.flags else {})} for b in evaluation.bids],
        "winner": evaluation.winner,
        "reason": evaluation.reason,
    }
