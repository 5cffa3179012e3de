"""Domestic price preference and the obligation cascade (Perpres 16/2018 on government
procurement as amended by Perpres 12/2021 and 46/2025; also applied to BUMN procurement).

- Price preference (Pasal 66 / 67): for goods with TKDN ≥ 25% on packages above Rp1 miliar,
  at most 25%: KP = TKDN/100 × max preference/100, HEA = (1 − KP) × HP; lowest HEA wins.
  Example: TKDN 40%, max 25% → KP 0.10 → HEA = 0.90 × HP.
- Obligation cascade (Pasal 66(2) after 46/2025): (a) where a domestic product with
  TKDN + BMP ≥ 40% exists, buy domestic with TKDN ≥ 25%; (b) otherwise domestic with
  TKDN ≥ 25%; (c) otherwise domestic with TKDN < 25%; (d) otherwise a domestic product
  registered in SIINas. Imports only when none of these exists.
Judged on the bids received, as docs/interfaces.md (`pasok preference evaluate`) specifies.
"""

from dataclasses import dataclass
from decimal import Decimal

MILIAR = Decimal(1_000_000_000)
TKDN_MIN_FOR_PREFERENCE = Decimal(25)  # percent
TKDN_PLUS_BMP_TIER_A = Decimal(40)  # percent
PREFERENCE_PACKAGE_ABOVE = 1 * MILIAR  # rupiah; the package value must exceed this
MAX_PREFERENCE_PERCENT = Decimal(25)

TIERS = ("a", "b", "c", "d", "import")


@dataclass(frozen=True)
class Bid:
    id: str
    price: Decimal
    origin: str  # "domestic" or "import"
    tkdn_percent: Decimal | None = None
    bmp_percent: Decimal = Decimal(0)
    siinas_registered: bool = False


@dataclass(frozen=True)
class EvaluatedBid:
    id: str
    tier: str
    admissible: bool
    kp: Decimal
    hea: Decimal
    rank: int | None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    bids: tuple[EvaluatedBid, ...]
    winner: str | None
    reason: str


def tier_of(bid: Bid) -> tuple[str, tuple[str, ...]]:
    """The cascade tier of one bid, and flags explaining an odd classification."""
    if bid.origin != "domestic":
        return "import", ()
    if bid.tkdn_percent is None:
        if bid.siinas_registered:
            return "d", ()
        return "import", ("domestic bid without a TKDN value or SIINas registration",)
    if bid.tkdn_percent >= TKDN_MIN_FOR_PREFERENCE:
        if bid.tkdn_percent + bid.bmp_percent >= TKDN_PLUS_BMP_TIER_A:
            return "a", ()
        return "b", ()
    return "c", ()


def preference_factor(bid: Bid, *, package_value: Decimal,
                      max_preference_percent: Decimal = MAX_PREFERENCE_PERCENT) -> Decimal:
    """KP: the share of the price the preference takes off (0 when it does not apply)."""
    if max_preference_percent < 0 or max_preference_percent > MAX_PREFERENCE_PERCENT:
        raise ValueError("max_preference_percent must be between 0 and 25")
    if (bid.origin == "domestic" and bid.tkdn_percent is not None
            and bid.tkdn_percent >= TKDN_MIN_FOR_PREFERENCE
            and package_value > PREFERENCE_PACKAGE_ABOVE):
        return bid.tkdn_percent / 100 * max_preference_percent / 100
    return Decimal(0)


def admissible_tiers(tiers: list[str]) -> set[str]:
    present = set(tiers)
    if present & {"a", "b"}:
        return {"a", "b"}
    for tier in ("c", "d"):
        if tier in present:
            return {tier}
    return {"import"}


_REASONS = {
    frozenset({"a", "b"}): "domestic bids with TKDN >= 25% exist, so only they are admissible "
                           "(Perpres 16/2018 Pasal 66(2) a-b)",
    frozenset({"c"}): "no domestic bid reaches TKDN 25%; domestic bids with a lower TKDN are "
                      "admissible (Pasal 66(2) c)",
    frozenset({"d"}): "no domestic bid has a TKDN value; SIINas-registered domestic products "
                      "are admissible (Pasal 66(2) d)",
    frozenset({"import"}): "no domestic product was offered, so imports are admissible",
}


def evaluate(bids: list[Bid], *, package_value: Decimal,
             max_preference_percent: Decimal = MAX_PREFERENCE_PERCENT) -> Evaluation:
    """Tier, preference, HEA and rank of every bid; the winner is the lowest HEA among the
    admissible bids, ties going to the higher TKDN, then to the earlier bid."""
    if not bids:
        return Evaluation(bids=(), winner=None, reason="no bids")
    tiers = [tier_of(b) for b in bids]
    allowed = admissible_tiers([t for t, _f in tiers])
    scored = []
    for position, (bid, (tier, flags)) in enumerate(zip(bids, tiers, strict=True)):
        kp = preference_factor(bid, package_value=package_value,
                               max_preference_percent=max_preference_percent)
        scored.append((bid, tier, flags, kp, (1 - kp) * bid.price, position))
    ranking = sorted((s for s in scored if s[1] in allowed),
                     key=lambda s: (s[4], -(s[0].tkdn_percent or Decimal(0)), s[5]))
    ranks = {s[0].id: i + 1 for i, s in enumerate(ranking)}
    evaluated = tuple(
        EvaluatedBid(id=bid.id, tier=tier, admissible=tier in allowed, kp=kp, hea=hea,
                     rank=ranks.get(bid.id), flags=flags)
        for bid, tier, flags, kp, hea, _pos in scored)
    winner = ranking[0][0].id
    return Evaluation(bids=evaluated, winner=winner,
                      reason=f"{_REASONS[frozenset(allowed)]}; {winner} has the lowest "
                             "final evaluated price (HEA)")
