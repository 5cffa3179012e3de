"""The award: whole, split by hand or as the optimiser proposed (a partial cover only when
the buyer confirms the shortfall), and a new draft for what it left uncovered."""

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.actors import requires_actor
from pasok.accounts.models import User
from pasok.accounts.permissions import may_manage_tender
from pasok.audit.services import audit_record
from pasok.months import add_months, month_start
from pasok.suppliers.capacity import capacity_bookings_refresh_for_tender
from pasok.web.links import base_url

from .. import awarding
from ..lifecycle import Action
from ..models import (
    Award,
    AwardedMonth,
    Lot,
    Tender,
)
from .drafting import lot_add, tender_create
from .guards import locked, managed, require_allowed


def _plan(tender: Tender, method: awarding.Method, quantities) -> awarding.AwardPlan:
    if method == awarding.Method.WHOLE:
        return awarding.whole(tender)
    if not tender.split_award_allowed:
        raise ValidationError(_("This tender does not allow split awards."))
    if method == awarding.Method.OPTIMISED:
        return awarding.optimised(tender)
    return awarding.split(tender, {int(b): int(q) for b, q in (quantities or {}).items()})


@requires_actor
def award_preview(*, by: User, tender: Tender, method: awarding.Method,
                  quantities: Mapping[int, int] | None = None) -> awarding.AwardPlan:
    """What the award will do (who gets how many units of which lot, any shortfall and
    why), after every check the award makes but the confirmation: nothing is written."""
    if not may_manage_tender(by, tender):
        raise PermissionDenied
    require_allowed(tender, Action.AWARD)
    return _plan(tender, method, quantities)


def _award(by: User, tender: Tender, method: awarding.Method, quantities,
           accept_shortfall: bool) -> Tender:
    tender = locked(tender)
    plan = award_preview(by=by, tender=tender, method=method, quantities=quantities)
    if plan.shortfall and not accept_shortfall:
        raise ValidationError({"accept_shortfall": [
            _("The award leaves units uncovered; confirm the shortfall to award a partial "
              "cover.")] + [lot.explanation for lot in plan.shortfall]})
    awarded = plan.quantities()
    tender.awarded_at = clock.now()
    records = [share.award(lot_award.lot, method.rule, tender.awarded_at)
               for lot_award in plan.lots for share in lot_award.shares]
    Award.objects.bulk_create(award for award, _months in records)
    AwardedMonth.objects.bulk_create(month for _award, months in records for month in months)
    for lot_award in plan.lots:
        Lot.objects.filter(pk=lot_award.lot.pk).update(
            covered_quantity=lot_award.covered, uncovered_quantity=lot_award.uncovered,
            shortfall_reason=lot_award.reason)
    tender.save(update_fields=["awarded_at"])
    capacity_bookings_refresh_for_tender(tender, by=by)
    audit_record(actor=by, action=("tender.award" if method == awarding.Method.WHOLE
                                   else "tender.award_split" if method == awarding.Method.SPLIT
                                   else "tender.award_optimised"),
                 obj=tender, organisation=tender.buyer,
                 after={"quantities": {str(k): v for k, v in sorted(awarded.items())},
                        "uncovered": {str(lot.lot.number): lot.uncovered
                                      for lot in plan.shortfall}})
    from ..tasks import send_award_notices

    links = base_url()  # the request's address, for the e-mails' links
    transaction.on_commit(lambda: send_award_notices.enqueue(tender_id=tender.pk,
                                                             base_url=links))
    return tender


@requires_actor
@transaction.atomic
def tender_award(*, by: User, tender: Tender, accept_shortfall: bool = False) -> Tender:
    """Award each lot to its rank-1 bid, as much as it can deliver (awarding.whole). Where
    that leaves units uncovered, only with `accept_shortfall` (the buyer confirmed it)."""
    return _award(by, tender, awarding.Method.WHOLE, None, accept_shortfall)


@requires_actor
@transaction.atomic
def tender_award_split(*, by: User, tender: Tender, quantities: Mapping[int, int],
                       accept_shortfall: bool = False) -> Tender:
    """Award each lot across several admissible bids, by hand: `quantities` maps bid ids to
    units, each within what the bid offered in all and per month, each lot within its
    quantity (awarding.split). Shares adding up to less than a lot only with
    `accept_shortfall`."""
    return _award(by, tender, awarding.Method.SPLIT, quantities, accept_shortfall)


@requires_actor
@transaction.atomic
def tender_award_optimised(*, by: User, tender: Tender,
                           accept_shortfall: bool = False) -> Tender:
    """Award every lot split as the allocation engine proposes (split_proposal), in one
    step; where the admissible bids cannot cover a lot, only with `accept_shortfall`."""
    return _award(by, tender, awarding.Method.OPTIMISED, None, accept_shortfall)


def _follow_up_schedule(tender: Tender) -> tuple[dt.date | None, dict[int, tuple[int, list]]]:
    """What the award left uncovered: {lot id: (units, monthly schedule)}, and the month
    the first of them is due (the earliest month still uncovered in any lot)."""
    plan = awarding.of_award(tender)
    remaining = {}
    lead = None  # months at the start that every lot has covered
    for lot in plan.lots:
        if not lot.uncovered:
            continue
        months = list(lot.uncovered_months) if lot.lot.delivery_schedule else []
        if months:
            first = next(i for i, units in enumerate(months) if units)
            lead = first if lead is None else min(lead, first)
        remaining[lot.lot.pk] = (lot.uncovered, months)
    lead = lead or 0
    start = add_months(tender.delivery_start, lead)
    return start, {pk: (units, months[lead:]) for pk, (units, months) in remaining.items()}


@requires_actor
@transaction.atomic
def tender_follow_up(*, by: User, tender: Tender) -> Tender:
    """A new draft tender for what an award left uncovered: the same terms, each lot with
    its uncovered units and months, linked to the original (Tender.follows). The buyer
    checks its dates and publishes it like any draft."""
    tender = managed(by, tender, Action.FOLLOW_UP)
    existing = tender.follow_ups.filter(cancelled_at__isnull=True).first()
    if existing is not None:
        raise ValidationError(_("%(reference)s is already the new tender for the uncovered "
                                "quantities.") % {"reference": existing.reference})
    start, remaining = _follow_up_schedule(tender)
    if not remaining:
        raise ValidationError(_("The award covered every lot: nothing is left uncovered."))
    now = clock.now()
    open_for = (tender.bid_deadline - tender.published_at if tender.published_at
                else dt.timedelta(days=14))
    deadline = (now + max(open_for, dt.timedelta(days=7))).replace(minute=0, second=0,
                                                                    microsecond=0)
    opening = deadline + (tender.opening_time - tender.bid_deadline)
    opening_month = month_start(timezone.localdate(opening))
    new = tender_create(
        by=by, buyer=tender.buyer, follows=tender,
        title=(_("%(title)s (uncovered quantities)") % {"title": tender.title})[:200],
        description=tender.description, bid_deadline=deadline, opening_time=opening,
        first_delivery_month=start if start >= opening_month else None,
        min_tkdn_percent=tender.min_tkdn_percent,
        max_preference_percent=tender.max_preference_percent,
        split_award_allowed=tender.split_award_allowed,
        required_documents=tender.required_documents,
        small_business_reserved=tender.small_business_reserved,
        reservation_exemption=tender.reservation_exemption)
    for lot in tender.lots.all():
        if lot.pk in remaining:
            units, months = remaining[lot.pk]
            lot_add(by=by, tender=new, product=lot.product, family=lot.family, grade=lot.grade,
                    drawing_reference=lot.drawing_reference, unit_weight_kg=lot.unit_weight_kg,
                    quantity=units, unit=lot.unit, hps_unit_price=lot.hps_unit_price,
                    delivery_schedule=months)
    audit_record(actor=by, action="tender.follow_up", obj=tender, organisation=tender.buyer,
                 after={"new_tender": new.reference})
    return new
