"""What an award will do, worked out before it is made: per lot, which bid gets how many
units in which months, what stays uncovered and why. The award services write exactly such
a plan, and the confirmation page shows the same plan first.

- Whole: each lot to its rank-1 bid, as much as that bid can deliver: never more than it
  offered in all, nor, where the lot has a monthly schedule, more than its monthly capacity
  in any month (cover.py).
- Split (by hand or as the optimiser proposes): shares per bid, each within what the bid
  offered in all and per month, together within the lot and deliverable in its months.

Shares adding up to less than the lot are a partial cover; services.tender_award* refuse it
unless the buyer confirms the shortfall stated here."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pasok.months import add_months
from pasok.web.formatting import localized_number

from . import cover
from .models import (
    Award,
    AwardedMonth,
    AwardRule,
    BidEvaluation,
    Lot,
    ProposalStatus,
    ShortfallReason,
    SplitProposal,
    Tender,
)
from .proposals import stored


class Method(StrEnum):
    WHOLE = "whole"
    SPLIT = "split"
    OPTIMISED = "optimised"

    @property
    def rule(self) -> AwardRule:
        """The rule an award made this way records."""
        return {Method.WHOLE: AwardRule.RANK_ONE, Method.SPLIT: AwardRule.HAND_SPLIT,
                Method.OPTIMISED: AwardRule.OPTIMISED}[self]


SHARE_PLACES = Decimal("0.000001")  # Award.share's decimal places


@dataclass(frozen=True)
class Share:
    evaluation: BidEvaluation
    units: int
    deliveries: tuple[tuple, ...]  # (first day of the month, units) over the lot's months

    @property
    def bidder(self) -> str:
        return self.evaluation.bid.bidder.name

    def award(self, lot: Lot, rule: AwardRule, at) -> tuple[Award, list[AwardedMonth]]:
        """The records of this share (unsaved): its Award, with the bid's price and TKDN
        as opened, and the months it delivers."""
        bid = self.evaluation.bid
        terms = bid.terms
        award = Award(bid=bid, lot=lot, supplier_id=bid.bidder_id, quantity=self.units,
                      unit_price=terms.unit_price, value=terms.unit_price * self.units,
                      tkdn_percent=terms.tkdn_percent, bmp_percent=terms.bmp_percent,
                      tkdn_source=terms.tkdn_source, tkdn_document=terms.tkdn_document,
                      share=(Decimal(self.units) / lot.quantity).quantize(SHARE_PLACES),
                      awarded_at=at, rule=rule)
        return award, [AwardedMonth(award=award, month=month, units=units)
                       for month, units in self.deliveries if units]


@dataclass(frozen=True)
class LotAward:
    lot: Lot
    shares: tuple[Share, ...]  # the bids that get units
    uncovered_months: tuple[int, ...]  # what each month still needs
    reason: str  # a ShortfallReason, "" when the lot is covered
    explanation: str  # why, for people, "" when the lot is covered

    @property
    def covered(self) -> int:
        return sum(s.units for s in self.shares)

    @property
    def uncovered(self) -> int:
        return self.lot.quantity - self.covered



@dataclass(frozen=True)
class AwardPlan:
    method: Method
    lots: tuple[LotAward, ...]

    @property
    def shortfall(self) -> list[LotAward]:
        return [lot for lot in self.lots if lot.uncovered]

    def quantities(self) -> dict[int, int]:
        """bid id → units, every admissible bid of the plan's lots (0 where it gets none)."""
        return {s.evaluation.bid_id: s.units for lot in self.lots for s in lot.shares}


def _offer(lot: Lot, evaluation: BidEvaluation) -> cover.Offer:
    terms = evaluation.bid.terms
    return cover.Offer(terms.quantity, terms.monthly_capacity if lot.delivery_schedule else None)


def _months(lot: Lot) -> list[int]:
    return cover.periods(lot.delivery_schedule, lot.quantity)


def _admissible(tender: Tender) -> dict[int, list[BidEvaluation]]:
    """lot id → its admissible evaluations, ranked."""
    found: dict[int, list[BidEvaluation]] = {}
    for e in (BidEvaluation.objects.filter(bid__tender=tender, admissible=True)
              .select_related("bid__bidder", "bid__lot").order_by("rank", "bid_id")):
        found.setdefault(e.bid.lot_id, []).append(e)
    return found


def _explain(lot: Lot, method: Method, reason: str, covered: int, candidates, best: int,
             offered: int) -> str:
    numbers = {"lot": lot.number, "uncovered": localized_number(lot.quantity - covered),
               "total": localized_number(lot.quantity), "offered": localized_number(offered),
               "best": localized_number(best), "covered": localized_number(covered),
               "months": localized_number(len(_months(lot)))}
    if reason == ShortfallReason.NO_BID:
        return _("Lot %(lot)s: no admissible bid; all %(total)s units stay uncovered.") % numbers
    if reason == ShortfallReason.CHOSEN:
        return _("Lot %(lot)s: %(uncovered)s of %(total)s units stay uncovered: the shares add "
                 "up to %(covered)s, and the admissible bids could deliver %(best)s.") % numbers
    if method == Method.WHOLE:
        (only,) = candidates
        numbers |= {"bidder": only.bid.bidder.name,
                    "monthly": localized_number(only.bid.terms.monthly_capacity)}
        if reason == ShortfallReason.OFFERED:
            return _("Lot %(lot)s: %(uncovered)s of %(total)s units stay uncovered: "
                     "%(bidder)s offered %(offered)s units.") % numbers
        return _("Lot %(lot)s: %(uncovered)s of %(total)s units stay uncovered: %(bidder)s "
                 "offered %(monthly)s units a month, so over the %(months)s months of the "
                 "schedule it can deliver %(best)s.") % numbers
    if reason == ShortfallReason.OFFERED:
        return _("Lot %(lot)s: %(uncovered)s of %(total)s units stay uncovered: the "
                 "admissible bids offered %(offered)s units in all.") % numbers
    return _("Lot %(lot)s: %(uncovered)s of %(total)s units stay uncovered: at the monthly "
             "capacities offered, the admissible bids can deliver %(best)s units over the "
             "%(months)s months of the schedule.") % numbers


def _dates(lot: Lot) -> list:
    start = lot.tender.delivery_start
    return [add_months(start, i) for i in range(len(_months(lot)))]


def lot_award(lot: Lot, method: Method, candidates: list[BidEvaluation],
              shares: dict[int, int], flows: list[list[int]] | None = None) -> LotAward:
    """The award of one lot: `shares` (bid id → units, already checked deliverable) over
    `candidates`, the bids that could have taken it (for why the rest stays uncovered);
    `flows`, each candidate's units month by month, where already decided."""
    months = _months(lot)
    offers = [_offer(lot, e) for e in candidates]
    if flows is None:
        flows = cover.allocate(months, [shares.get(e.bid_id, 0) for e in candidates],
                               [o.monthly for o in offers])
    dates = _dates(lot)
    given = tuple(Share(e, shares[e.bid_id], tuple(zip(dates, row, strict=True)))
                  for e, row in zip(candidates, flows, strict=True) if shares.get(e.bid_id))
    covered = sum(s.units for s in given)
    reason = explanation = ""
    if covered < lot.quantity:
        best = cover.most_coverable(months, offers) if offers else 0
        offered = sum(o.quantity for o in offers)
        if not candidates:
            reason = ShortfallReason.NO_BID
        elif covered < best:
            reason = ShortfallReason.CHOSEN
        elif offered == best:
            reason = ShortfallReason.OFFERED
        else:
            reason = ShortfallReason.CAPACITY
        explanation = _explain(lot, method, reason, covered, candidates, best, offered)
    return LotAward(lot, given, tuple(cover.uncovered(months, flows)), str(reason),
                    explanation)


def _nothing(plan: AwardPlan) -> None:
    if not any(lot.shares for lot in plan.lots):
        raise ValidationError(_("No lot can be awarded: no admissible bid gets any units. "
                                "Cancel the tender, or award in shares."))


def whole(tender: Tender) -> AwardPlan:
    """Each lot to its rank-1 bid, as much as that bid can deliver."""
    admissible = _admissible(tender)
    lots = []
    for lot in tender.lots.all():
        first = [e for e in admissible.get(lot.pk, ()) if e.rank == 1][:1]
        shares = {e.bid_id: cover.deliverable(_months(lot), _offer(lot, e)) for e in first}
        lots.append(lot_award(lot, Method.WHOLE, first, shares))
    plan = AwardPlan(Method.WHOLE, tuple(lots))
    _nothing(plan)
    return plan


def split(tender: Tender, quantities: dict[int, int],
          method: Method = Method.SPLIT) -> AwardPlan:
    """The shares given (bid id → units), checked: only admissible bids, each within what
    it offered in all and per month, each lot within its quantity and deliverable in its
    months. ValidationError names the share as the page names it (share-<the bid's public
    id>) or, for a lot, "shares"."""
    admissible = _admissible(tender)
    by_bid = {e.bid_id: e for found in admissible.values() for e in found}
    errors: dict[str, list[str]] = {}

    def refuse(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    for bid_id, units in quantities.items():
        e = by_bid.get(bid_id)
        if e is None:
            refuse("shares", _("Bid %(id)s is not admissible.") % {"id": bid_id})
            continue
        offer = _offer(e.bid.lot, e)
        numbers = {"bidder": e.bid.bidder.name, "n": localized_number(offer.quantity)}
        share = f"share-{e.bid.public_id}"
        if units < 0:
            refuse(share, _("A share is 0 or more units."))
        elif units > offer.quantity:
            refuse(share, _("%(bidder)s offered %(n)s units at most.") % numbers)
        elif units > (most := cover.deliverable(_months(e.bid.lot), offer)):
            refuse(share, _(
                "%(bidder)s offered %(monthly)s units a month: over the months of the "
                "schedule it can deliver %(most)s units at most.") % (numbers | {
                "monthly": localized_number(offer.monthly), "most": localized_number(most)}))
    lots = []
    for lot in tender.lots.all():
        candidates = list(admissible.get(lot.pk, ()))
        shares = {e.bid_id: quantities.get(e.bid_id, 0) for e in candidates}
        total = sum(shares.values())
        if total > lot.quantity:
            refuse("shares", _("Lot %(lot)s: the shares add up to %(total)s, more than the "
                               "lot's %(n)s units.") % {
                "lot": lot.number, "total": localized_number(total),
                "n": localized_number(lot.quantity)})
            continue
        if errors:
            continue
        months = _months(lot)
        flows = cover.allocate(months, [shares[e.bid_id] for e in candidates],
                               [_offer(lot, e).monthly for e in candidates])
        delivered = sum(sum(row) for row in flows)
        if delivered < total:
            refuse("shares", _("Lot %(lot)s: the months of the schedule cannot take these "
                               "shares at the monthly capacities offered; at most %(n)s of "
                               "them can be delivered.") % {
                "lot": lot.number, "n": localized_number(delivered)})
            continue
        lots.append(lot_award(lot, method, candidates, shares))
    if errors:
        raise ValidationError(errors)
    plan = AwardPlan(method, tuple(lots))
    _nothing(plan)
    return plan


def optimised(tender: Tender) -> AwardPlan:
    """The split the allocation engine proposed (split_proposal, worked out in the
    background and kept), checked like any split."""
    proposal = SplitProposal.objects.filter(tender=tender).first()
    if proposal is None or proposal.status != ProposalStatus.DONE:
        raise ValidationError(_("The optimiser's proposal is not ready: award in shares by "
                                "hand, or wait for the proposal on the evaluation page."))
    quantities = {bid: units for p in stored(proposal) for bid, units in p.quantities.items()}
    return split(tender, quantities, Method.OPTIMISED)


def of_award(tender: Tender) -> AwardPlan:
    """The award as it was made (the awarded quantities and months), e.g. for what its lots
    left uncovered month by month."""
    admissible = _admissible(tender)
    awarded = dict(Award.objects.filter(lot__tender=tender).values_list("bid_id", "quantity"))
    delivered: dict[tuple, int] = {
        (bid, month): units for bid, month, units in AwardedMonth.objects.filter(
            award__lot__tender=tender).values_list("award__bid_id", "month", "units")}
    lots = []
    for lot in tender.lots.all():
        candidates = list(admissible.get(lot.pk, ()))
        shares = {e.bid_id: awarded[e.bid_id] for e in candidates if e.bid_id in awarded}
        dates = _dates(lot)
        flows = [[delivered.get((e.bid_id, month), 0) for month in dates] for e in candidates]
        lots.append(lot_award(lot, Method.SPLIT, candidates, shares, flows))
    return AwardPlan(Method.SPLIT, tuple(lots))
