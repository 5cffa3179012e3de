"""A tender's terms: the draft and its lots, its reference, publishing, cancelling."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.actors import requires_actor
from pasok.accounts.models import Organisation, User
from pasok.accounts.permissions import may_manage_tender
from pasok.audit.services import audit_record
from pasok.months import month_start
from pasok.rules import preference, small_business
from pasok.web.formatting import (
    local_moment,
    localized_number,
    localized_rupiah,
    localized_rupiah_in_words,
)
from pasok.web.links import base_url

from .. import lifecycle, limits
from ..lifecycle import Action
from ..models import (
    Lot,
    Tender,
)
from ..references import next_reference
from .guards import locked, managed, require_allowed

TENDER_FIELDS = ("title", "description", "bid_deadline", "opening_time", "first_delivery_month",
                 "min_tkdn_percent", "max_preference_percent", "split_award_allowed",
                 "required_documents", "small_business_reserved", "reservation_exemption")
LOT_FIELDS = ("product", "family", "grade", "drawing_reference", "unit_weight_kg", "quantity",
              "unit", "hps_unit_price", "delivery_schedule")


def _month_label(day: dt.date) -> str:
    return date_format(day, "F Y")


def _tender_errors(tender: Tender) -> dict[str, list[str]]:
    """A tender's terms make sense: its percentages in range, bids close in the future
    (within a year), the opening is at or after the deadline, deliveries start no earlier
    than the opening month."""
    now, errors = clock.now(), {}
    if not 0 <= Decimal(tender.min_tkdn_percent) <= 100:
        errors["min_tkdn_percent"] = [_("The minimum TKDN is 0 to 100%.")]
    if not 0 <= Decimal(tender.max_preference_percent) <= preference.MAX_PREFERENCE_PERCENT:
        errors["max_preference_percent"] = [_("The price preference is 0 to %(max)s%%.") % {
            "max": localized_number(preference.MAX_PREFERENCE_PERCENT)}]
    if tender.bid_deadline <= now:
        errors["bid_deadline"] = [_("The deadline must be in the future.")]
    elif tender.bid_deadline > now + limits.MAX_DEADLINE_AHEAD:
        errors["bid_deadline"] = [_("Bids close within a year: choose a deadline before "
                                    "%(latest)s.") % {
            "latest": local_moment(now + limits.MAX_DEADLINE_AHEAD)}]
    if tender.opening_time < tender.bid_deadline:
        errors["opening_time"] = [_("Opening cannot be before the deadline.")]
    opening_month = month_start(timezone.localdate(tender.opening_time))
    if tender.first_delivery_month and tender.first_delivery_month < opening_month:
        errors["first_delivery_month"] = [_(
            "Deliveries cannot start before the month of the opening (%(month)s).") % {
            "month": _month_label(opening_month)}]
    return errors


def _set_tender_fields(tender: Tender, fields: Mapping) -> None:
    unknown = set(fields) - set(TENDER_FIELDS)
    if unknown:
        raise TypeError(f"not tender fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "first_delivery_month":
            value = month_start(value) if value else None
        elif name == "required_documents":
            value = [str(kind).strip() for kind in value if str(kind).strip()]
        elif name in ("title", "description", "reservation_exemption"):
            value = value.strip()
        setattr(tender, name, value)


def _validated(tender: Tender) -> None:
    errors = _tender_errors(tender)
    try:
        # The reference is Pasok's, not typed: given once the terms are valid.
        tender.full_clean(exclude=[*errors, "reference"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@requires_actor
@transaction.atomic
def tender_create(*, by: User, buyer: Organisation, title: str, bid_deadline, opening_time,
                  description: str = "", min_tkdn_percent=Decimal(0),
                  max_preference_percent=preference.MAX_PREFERENCE_PERCENT,
                  split_award_allowed: bool = False, required_documents=(),
                  small_business_reserved: bool = True,
                  reservation_exemption: str = "", first_delivery_month=None,
                  follows: Tender | None = None) -> Tender:
    if not buyer.is_buyer or not may_manage_tender(by, buyer):
        raise PermissionDenied
    tender = Tender(buyer=buyer, follows=follows, created_at=clock.now())
    _set_tender_fields(tender, {
        "title": title, "description": description, "bid_deadline": bid_deadline,
        "opening_time": opening_time, "first_delivery_month": first_delivery_month,
        "min_tkdn_percent": min_tkdn_percent, "max_preference_percent": max_preference_percent,
        "split_award_allowed": split_award_allowed, "required_documents": required_documents,
        "small_business_reserved": small_business_reserved,
        "reservation_exemption": reservation_exemption})
    _validated(tender)
    tender.reference = next_reference()
    tender.save()
    audit_record(actor=by, action="tender.create", obj=tender, organisation=buyer,
                 after={"reference": tender.reference, "title": tender.title,
                        "follows": follows.reference if follows else None})
    return tender


@requires_actor
@transaction.atomic
def tender_update(*, by: User, tender: Tender, **fields) -> Tender:
    """Change a draft's fields (any of TENDER_FIELDS); refused once it is published."""
    tender = managed(by, tender, Action.EDIT)
    before = {name: getattr(tender, name) for name in fields}
    _set_tender_fields(tender, fields)
    _validated(tender)
    tender.save()
    audit_record(actor=by, action="tender.update", obj=tender, organisation=tender.buyer,
                 before=before, after={name: getattr(tender, name) for name in fields})
    return tender


def _range_errors(lot: Lot) -> dict[str, list[str]]:
    """The lot's numbers within limits.py, the limits written in the reader's language."""
    errors = {}
    if not 0 < int(lot.quantity) <= limits.MAX_LOT_QUANTITY:
        errors["quantity"] = [_("A lot holds 1 to %(max)s units.") % {
            "max": localized_number(limits.MAX_LOT_QUANTITY)}]
    if not 0 < Decimal(lot.hps_unit_price) <= limits.MAX_UNIT_PRICE:
        errors["hps_unit_price"] = [_(
            "The owner estimate per unit is more than 0 and at most %(max)s.") % {
            "max": localized_rupiah(limits.MAX_UNIT_PRICE)}]
    if not 0 < Decimal(lot.unit_weight_kg) <= limits.MAX_UNIT_WEIGHT_KG:
        errors["unit_weight_kg"] = [_("A unit weighs more than 0 and at most %(max)s kg.") % {
            "max": localized_number(limits.MAX_UNIT_WEIGHT_KG)}]
    return errors


def _lot_errors(lot: Lot) -> dict[str, list[str]]:
    """The lot's own sense (its schedule) and the package's bound on value."""
    errors = _range_errors(lot)
    if errors:
        return errors
    schedule = lot.delivery_schedule
    if len(schedule) > limits.MAX_SCHEDULE_MONTHS:
        errors["delivery_schedule"] = [_("A schedule has at most %(n)s months.") % {
            "n": localized_number(limits.MAX_SCHEDULE_MONTHS)}]
    elif schedule and (any(q < 0 for q in schedule) or sum(schedule) != lot.quantity):
        errors["delivery_schedule"] = [_(
            "The monthly quantities must be 0 or more and add up to the lot quantity "
            "(%(n)s); they add up to %(total)s.") % {
            "n": localized_number(lot.quantity), "total": localized_number(sum(schedule))}]
    if not errors:
        others = lot.tender.lots.exclude(pk=lot.pk)
        value = (sum((other.hps_unit_price * other.quantity for other in others), Decimal(0))
                 + Decimal(lot.hps_unit_price) * int(lot.quantity))
        if value > limits.MAX_PACKAGE_VALUE:
            errors["quantity"] = [_(
                "With this lot the package is worth %(value)s; a tender's lots may be worth "
                "%(max)s at most.") % {"value": localized_rupiah(value),
                                       "max": localized_rupiah(limits.MAX_PACKAGE_VALUE)}]
    return errors


def _saved_lot(lot: Lot) -> Lot:
    errors = _lot_errors(lot)
    try:
        lot.full_clean(exclude=["tender", "number", *errors])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    lot.save()
    return lot


def _set_lot_fields(lot: Lot, fields: Mapping) -> None:
    unknown = set(fields) - set(LOT_FIELDS)
    if unknown:
        raise TypeError(f"not lot fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "delivery_schedule":
            value = [int(q) for q in value]
        elif name in ("product", "drawing_reference", "unit"):
            value = value.strip()
        setattr(lot, name, value)


@requires_actor
@transaction.atomic
def lot_add(*, by: User, tender: Tender, product: str, unit_weight_kg, quantity: int,
            hps_unit_price, family: str = "other", grade=None, drawing_reference: str = "",
            unit: str = "pcs", delivery_schedule=()) -> Lot:
    tender = managed(by, tender, Action.EDIT)
    number = (tender.lots.aggregate(n=Max("number"))["n"] or 0) + 1
    lot = Lot(tender=tender, number=number)
    _set_lot_fields(lot, {"product": product, "family": family, "grade": grade,
                          "drawing_reference": drawing_reference,
                          "unit_weight_kg": unit_weight_kg, "quantity": quantity, "unit": unit,
                          "hps_unit_price": hps_unit_price,
                          "delivery_schedule": delivery_schedule})
    _saved_lot(lot)
    audit_record(actor=by, action="tender.lot_add", obj=lot, organisation=tender.buyer,
                 after={"product": lot.product, "family": lot.family,
                        "quantity": lot.quantity, "hps_unit_price": lot.hps_unit_price})
    return lot


@requires_actor
@transaction.atomic
def lot_update(*, by: User, lot: Lot, **fields) -> Lot:
    """Change a lot of a draft (any of LOT_FIELDS)."""
    tender = locked(lot.tender)
    if not may_manage_tender(by, tender):
        raise PermissionDenied
    require_allowed(tender, Action.EDIT)
    lot = tender.lots.get(pk=lot.pk)
    before = {name: getattr(lot, name) for name in fields}
    _set_lot_fields(lot, fields)
    _saved_lot(lot)
    audit_record(actor=by, action="tender.lot_update", obj=lot, organisation=tender.buyer,
                 before=before, after={name: getattr(lot, name) for name in fields})
    return lot


@requires_actor
@transaction.atomic
def lot_remove(*, by: User, lot: Lot) -> None:
    """Remove a lot of a draft; the lots after it move up a number (1, 2, 3 … stay
    without gaps, as the buyer reads them)."""
    tender = locked(lot.tender)
    if not may_manage_tender(by, tender):
        raise PermissionDenied
    require_allowed(tender, Action.EDIT)
    lot = tender.lots.get(pk=lot.pk)
    audit_record(actor=by, action="tender.lot_remove", obj=lot, organisation=tender.buyer,
                 before={"number": lot.number, "product": lot.product,
                         "quantity": lot.quantity})
    number = lot.number
    lot.delete()
    for later in tender.lots.filter(number__gt=number).order_by("number"):
        Lot.objects.filter(pk=later.pk).update(number=later.number - 1)


def _publish_errors(tender: Tender) -> dict[str, list[str]]:
    errors = _tender_errors(tender)
    if not tender.lots.exists():
        errors["lots"] = [_("Add at least one lot.")]
    if (small_business.must_reserve(Decimal(tender.package_value))
            and not tender.small_business_reserved and not tender.reservation_exemption.strip()):
        errors["reservation_exemption"] = [_(
            "A package up to %(limit)s is reserved for small businesses and cooperatives; "
            "record the technical reason to open it to all.") % {
            "limit": localized_rupiah_in_words(small_business.RESERVATION_LIMIT)}]
    return errors


def _publishable(by: User, tender: Tender) -> None:
    if not may_manage_tender(by, tender):
        raise PermissionDenied
    require_allowed(tender, Action.PUBLISH)
    errors = _publish_errors(tender)
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class PublishPreview:
    tender: Tender
    notified: int  # supplier-side organisations whose profile fits a lot


@requires_actor
def publish_preview(*, by: User, tender: Tender) -> PublishPreview:
    """What publishing will do, after the checks publishing makes (nothing is written)."""
    from ..tasks import matching_suppliers

    _publishable(by, tender)
    return PublishPreview(tender, matching_suppliers(tender).count())


@requires_actor
@transaction.atomic
def tender_publish(*, by: User, tender: Tender) -> Tender:
    tender = locked(tender)
    _publishable(by, tender)
    tender.published_at = clock.now()
    tender.save(update_fields=["published_at"])
    from ..tasks import notify_matching_suppliers

    links = base_url()  # the request's address, for the e-mails' links
    transaction.on_commit(lambda: notify_matching_suppliers.enqueue(tender_id=tender.pk,
                                                                    base_url=links))
    audit_record(actor=by, action="tender.publish", obj=tender, organisation=tender.buyer,
                 after={"published_at": tender.published_at,
                        "package_value": tender.package_value})
    return tender


@requires_actor
def cancel_preview(*, by: User, tender: Tender, reason: str) -> None:
    """The checks cancelling makes, without cancelling (for the confirmation page)."""
    if not may_manage_tender(by, tender):
        raise PermissionDenied
    if not lifecycle.allows(Action.CANCEL, tender.status):
        raise ValidationError(_("An awarded or cancelled tender cannot be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the tender is cancelled.")]})


@requires_actor
@transaction.atomic
def tender_cancel(*, by: User, tender: Tender, reason: str) -> Tender:
    tender = locked(tender)
    cancel_preview(by=by, tender=tender, reason=reason)
    tender.cancelled_at, tender.cancel_reason = clock.now(), reason.strip()
    tender.save(update_fields=["cancelled_at", "cancel_reason"])
    audit_record(actor=by, action="tender.cancel", obj=tender, organisation=tender.buyer,
                 after={"reason": tender.cancel_reason})
    return tender
