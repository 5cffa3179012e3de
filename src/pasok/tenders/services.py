"""Writes of the tender life cycle: draft (and its editing), publish, bid (sealed),
withdraw, open, evaluate, award (whole, split, as the optimiser proposes; a partial cover
only when the buyer confirms the shortfall), a new tender for what an award left uncovered,
cancel. Keyword-only, atomic, audited; the preference rules are pasok.rules.preference, the
award plans awarding.py. The *_preview functions run a write's checks without writing, for
the confirmation pages."""

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.models import Organisation, User
from pasok.audit.services import audit_record
from pasok.months import add_months, month_start
from pasok.rules import one_bid_per_maker, preference, small_business
from pasok.rules.bid_checks import check_price
from pasok.suppliers.capacity import capacity_bookings_refresh_for_tender
from pasok.web.formatting import (
    local_moment,
    localized_number,
    localized_rupiah,
    localized_rupiah_in_words,
)
from pasok.web.links import base_url

from . import awarding, bid_tkdn, bounds, lifecycle, limits, sealing
from . import documents as bid_documents
from .bid_tkdn import MemberShare
from .content import BidContent, Member
from .lifecycle import Action
from .models import (
    Award,
    AwardedMonth,
    Bid,
    BidDocument,
    BidEvaluation,
    BidEvent,
    BidEventKind,
    Lot,
    Question,
    SplitProposal,
    Status,
    Tender,
)
from .selectors import cooperative_members


def may_manage(by: User, tender_or_buyer) -> bool:
    """The buyer's admins and staff, and platform admins, run a tender (a Tender or a buyer)."""
    buyer_id = getattr(tender_or_buyer, "buyer_id", getattr(tender_or_buyer, "pk", None))
    return by.is_platform_admin or (by.can_write_for_org and by.organisation_id == buyer_id)


def _locked(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().get(pk=tender.pk)


def _require(tender: Tender, action: Action, message: str | None = None) -> None:
    """The lifecycle's answer (lifecycle.TRANSITIONS) as the error people read."""
    try:
        lifecycle.require(action, tender.status)
    except lifecycle.NotAllowed as refused:
        raise ValidationError((message or _("Not possible while the tender is %(status)s."))
                              % {"status": Status(refused.stage).label}) from refused


TENDER_FIELDS = ("title", "description", "bid_deadline", "opening_time", "first_delivery_month",
                 "min_tkdn_percent", "max_preference_percent", "split_award_allowed",
                 "required_documents", "small_business_reserved", "reservation_exemption")
LOT_FIELDS = ("product", "grade", "drawing_reference", "unit_weight_kg", "quantity", "unit",
              "hps_unit_price", "delivery_schedule")


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
        # The reference is Pasok's, not typed: _save_numbered keeps it unique.
        tender.full_clean(exclude=[*errors, "reference"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _next_reference() -> str:
    """PSK-2026-00042: the year's next number after the highest given (zero-padded, so the
    highest sorts last)."""
    prefix = f"PSK-{clock.now().year}-"
    last = (Tender.objects.filter(reference__startswith=prefix).order_by("-reference")
            .values_list("reference", flat=True).first())
    return f"{prefix}{int(last.removeprefix(prefix)) + 1 if last else 1:05d}"


_REFERENCE_ATTEMPTS = 10


def _save_numbered(tender: Tender) -> None:
    """Save a new tender under the next free reference. Two tenders saved at once read the
    same highest number; the unique reference lets one in and the other, in its savepoint,
    takes the number after it (its transaction sees the winner once that commits)."""
    for attempt in range(_REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                tender.save()
            return
        except IntegrityError:
            if attempt == _REFERENCE_ATTEMPTS - 1 or not Tender.objects.filter(
                    reference=tender.reference).exists():
                raise  # not the reference, or never free: a real fault
            tender.reference = _next_reference()


@transaction.atomic
def tender_create(*, by: User, buyer: Organisation, title: str, bid_deadline, opening_time,
                  description: str = "", min_tkdn_percent=Decimal(0),
                  max_preference_percent=preference.MAX_PREFERENCE_PERCENT,
                  split_award_allowed: bool = False, required_documents=(),
                  small_business_reserved: bool = True,
                  reservation_exemption: str = "", first_delivery_month=None,
                  follows: Tender | None = None) -> Tender:
    if not buyer.is_buyer or not may_manage(by, buyer):
        raise PermissionDenied
    tender = Tender(buyer=buyer, reference=_next_reference(), follows=follows,
                    created_at=clock.now())
    _set_tender_fields(tender, {
        "title": title, "description": description, "bid_deadline": bid_deadline,
        "opening_time": opening_time, "first_delivery_month": first_delivery_month,
        "min_tkdn_percent": min_tkdn_percent, "max_preference_percent": max_preference_percent,
        "split_award_allowed": split_award_allowed, "required_documents": required_documents,
        "small_business_reserved": small_business_reserved,
        "reservation_exemption": reservation_exemption})
    _validated(tender)
    _save_numbered(tender)
    audit_record(actor=by, action="tender.create", obj=tender, organisation=buyer,
                 after={"reference": tender.reference, "title": tender.title,
                        "follows": follows.reference if follows else None})
    return tender


@transaction.atomic
def tender_update(*, by: User, tender: Tender, **fields) -> Tender:
    """Change a draft's fields (any of TENDER_FIELDS); refused once it is published."""
    tender = _locked(tender)
    if not may_manage(by, tender):
        raise PermissionDenied
    _require(tender, Action.EDIT)
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


@transaction.atomic
def lot_add(*, by: User, tender: Tender, product: str, unit_weight_kg, quantity: int,
            hps_unit_price, grade=None, drawing_reference: str = "", unit: str = "pcs",
            delivery_schedule=()) -> Lot:
    tender = _locked(tender)
    if not may_manage(by, tender):
        raise PermissionDenied
    _require(tender, Action.EDIT)
    number = (tender.lots.aggregate(n=Max("number"))["n"] or 0) + 1
    lot = Lot(tender=tender, number=number)
    _set_lot_fields(lot, {"product": product, "grade": grade,
                          "drawing_reference": drawing_reference,
                          "unit_weight_kg": unit_weight_kg, "quantity": quantity, "unit": unit,
                          "hps_unit_price": hps_unit_price,
                          "delivery_schedule": delivery_schedule})
    _saved_lot(lot)
    audit_record(actor=by, action="tender.lot_add", obj=lot, organisation=tender.buyer,
                 after={"product": lot.product, "quantity": lot.quantity,
                        "hps_unit_price": lot.hps_unit_price})
    return lot


@transaction.atomic
def lot_update(*, by: User, lot: Lot, **fields) -> Lot:
    """Change a lot of a draft (any of LOT_FIELDS)."""
    tender = _locked(lot.tender)
    if not may_manage(by, tender):
        raise PermissionDenied
    _require(tender, Action.EDIT)
    lot = tender.lots.get(pk=lot.pk)
    before = {name: getattr(lot, name) for name in fields}
    _set_lot_fields(lot, fields)
    _saved_lot(lot)
    audit_record(actor=by, action="tender.lot_update", obj=lot, organisation=tender.buyer,
                 before=before, after={name: getattr(lot, name) for name in fields})
    return lot


@transaction.atomic
def lot_remove(*, by: User, lot: Lot) -> None:
    """Remove a lot of a draft; the lots after it move up a number (1, 2, 3 … stay
    without gaps, as the buyer reads them)."""
    tender = _locked(lot.tender)
    if not may_manage(by, tender):
        raise PermissionDenied
    _require(tender, Action.EDIT)
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
    if not may_manage(by, tender):
        raise PermissionDenied
    _require(tender, Action.PUBLISH)
    errors = _publish_errors(tender)
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class PublishPreview:
    tender: Tender
    notified: int  # supplier-side organisations whose profile fits a lot


def publish_preview(*, by: User, tender: Tender) -> PublishPreview:
    """What publishing will do, after the checks publishing makes (nothing is written)."""
    from .tasks import matching_suppliers

    _publishable(by, tender)
    return PublishPreview(tender, matching_suppliers(tender).count())


@transaction.atomic
def tender_publish(*, by: User, tender: Tender) -> Tender:
    tender = _locked(tender)
    _publishable(by, tender)
    tender.published_at = clock.now()
    tender.save(update_fields=["published_at"])
    from .tasks import notify_matching_suppliers

    links = base_url()  # the request's address, for the e-mails' links
    transaction.on_commit(lambda: notify_matching_suppliers.enqueue(tender_id=tender.pk,
                                                                    base_url=links))
    audit_record(actor=by, action="tender.publish", obj=tender, organisation=tender.buyer,
                 after={"published_at": tender.published_at,
                        "package_value": tender.package_value})
    return tender


def _checked_documents(tender: Tender, documents: Mapping) -> dict:
    """{kind: (upload, content type)} for the files given, each one the tender asks for and
    a PDF, JPEG or PNG of at most 10 MB."""
    if not isinstance(documents, Mapping):
        raise TypeError("documents maps each required document to a documents.Upload")
    checked, errors = {}, []
    for kind, upload in documents.items():
        if kind not in tender.required_documents:
            errors.append(_("%(kind)s is not a document this tender asks for.")
                          % {"kind": kind})
            continue
        try:
            checked[kind] = (upload, bid_documents.check(kind, upload))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"documents": errors})
    return checked


def _checked_members(bidder: Organisation, quantity: int,
                     members: Sequence) -> tuple[list[MemberShare], dict[int, Organisation]]:
    """A cooperative's bid names the members who will make it and each one's share; the
    shares add up to the bid's quantity. Nothing here depends on another party's bid (a
    refusal would tell that it exists): a member that also bids on the lot itself is a
    matter for the evaluation (rules.one_bid_per_maker)."""
    is_cooperative = bidder.kind == "cooperative"
    rows = [MemberShare(*row) for row in members]
    rows = [row._replace(organisation=int(row.organisation), quantity=int(row.quantity))
            for row in rows]
    if not is_cooperative:
        if rows:
            raise ValidationError({"members": [
                _("Only a cooperative bids on behalf of members.")]})
        return [], {}
    if not rows:
        raise ValidationError({"members": [
            _("Name the members who will make the goods and each one's quantity.")]})
    ids = [row.organisation for row in rows]
    found = {org.pk: org for org in cooperative_members(cooperative=bidder).filter(pk__in=ids)}
    errors = []
    if len(set(ids)) != len(ids):
        errors.append(_("Name each member once."))
    for row in rows:
        if row.organisation not in found:
            errors.append(_("Organisation %(id)s is not an active member of this "
                            "cooperative.") % {"id": row.organisation})
        if row.quantity <= 0:
            errors.append(_("Each member's quantity must be more than 0."))
    total = sum(row.quantity for row in rows)
    if total != quantity:
        errors.append(_("The members' quantities add up to %(total)s, not the %(n)s units "
                        "offered.") % {"total": localized_number(total),
                                       "n": localized_number(quantity)})
    if errors:
        raise ValidationError({"members": list(dict.fromkeys(errors))})
    return rows, found


def _bid_tkdn(by: User, bidder: Organisation, rows: list[MemberShare], found: dict,
              certificate_id, worksheet_version_id,
              tkdn_from_members: bool) -> tuple[bid_tkdn.TkdnValue, list[dict]]:
    """The bid's TKDN (its own document's, or weighted from the members) and what each
    member row seals."""
    named = [{"organisation": row.organisation, "name": found[row.organisation].name,
              "quantity": row.quantity} for row in rows]
    if not tkdn_from_members:
        if any(row.cites for row in rows):
            raise ValidationError({"members": [_(
                "You chose TKDN values for the members: build the bid's TKDN from the "
                "members, or leave the members' TKDN empty.")]})
        return bid_tkdn.value_of(by=by, organisation=bidder, certificate_id=certificate_id,
                                 worksheet_version_id=worksheet_version_id), named
    if bidder.kind != "cooperative":
        raise ValidationError({"tkdn_from_members": [
            _("Only a cooperative builds its TKDN from its members.")]})
    if certificate_id or worksheet_version_id:
        raise ValidationError({"tkdn_from_members": [
            _("Cite one TKDN: your own certificate or worksheet, or the members'.")]})
    value, per_member = bid_tkdn.members_value(by=by, shares=rows, members=found)
    return value, [row | values for row, values in zip(named, per_member, strict=True)]


def _kept_documents(bid: Bid | None, replaced: set[str]) -> dict:
    """What a replacement keeps of its standing bid's documents: every kind it does not
    upload again (a withdrawn bid has none left)."""
    if bid is None or bid.withdrawn_at is not None:
        return {}
    stored = set(bid.documents.values_list("kind", flat=True))
    previous = sealing.unseal(bid.sealed).get("documents") or {}
    if not isinstance(previous, dict):  # bids sealed before documents were files
        return {}
    return {kind: meta for kind, meta in previous.items()
            if kind in stored and kind not in replaced}


def _bid_number_errors(lot: Lot, numbers: Mapping) -> dict[str, list[str]]:
    """The bid's numbers within their bounds (tenders.bounds), the quantity within the lot."""
    errors = {}
    for name, value in numbers.items():
        if value is not None or name != "total_price":
            errors |= _BID_BOUNDS[name].errors(name, value)
    if "quantity" not in errors and int(numbers["quantity"]) > lot.quantity:
        errors["quantity"] = [_("Offer between 1 and %(n)s units.") % {
            "n": localized_number(lot.quantity)}]
    return errors


_BID_BOUNDS = {"unit_price": bounds.UNIT_PRICE, "quantity": bounds.BID_QUANTITY,
               "monthly_capacity": bounds.MONTHLY_CAPACITY, "total_price": bounds.TOTAL_PRICE}


@transaction.atomic
def bid_submit(*, by: User, lot: Lot, unit_price, quantity: int, monthly_capacity: int,
               origin: str = "domestic", certificate_id=None, worksheet_version_id=None,
               siinas_registered: bool = False,
               documents: Mapping[str, bid_documents.Upload] | None = None,
               members: Sequence[MemberShare | tuple] = (), tkdn_from_members: bool = False,
               total_price=None) -> tuple[Bid, str]:
    """Submit or replace the bid of `by`'s organisation on `lot`. Returns the bid and the
    receipt nonce (the digest is bid.digest, the server time bid.submitted_at). Every
    version received is a line of the bid's history (BidEvent).

    `documents` maps required documents (names from tender.required_documents) to files;
    a replacement keeps the files of the kinds it does not upload again. A cooperative names
    `members`: MemberShare rows (member organisation id, quantity, and for
    `tkdn_from_members` that member's certificate or worksheet version) adding up to
    `quantity`; with `tkdn_from_members` the bid's TKDN and BMP are the members' weighted by
    their quantities (bid_tkdn)."""
    tender = _locked(lot.tender)  # serialises bids with the deadline, awards and cancels
    if by.organisation_id is None or not by.can_write_for_org:
        raise PermissionDenied
    bidder = Organisation.objects.get(pk=by.organisation_id)  # its standing as of now
    if not bidder.is_supplier_side:
        raise PermissionDenied
    _require(tender, Action.BID, _("Bids are not accepted: the tender is %(status)s."))
    if not bidder.is_verified:
        raise ValidationError(_("Your organisation is not verified yet."))
    if tender.small_business_reserved and not small_business.may_bid_on_reserved(
            size_class=bidder.size_class, is_cooperative=bidder.kind == "cooperative"):
        raise ValidationError(_("This package is reserved for small businesses and "
                                "cooperatives."))
    numbers = {"unit_price": unit_price, "quantity": quantity,
               "monthly_capacity": monthly_capacity, "total_price": total_price}
    errors = _bid_number_errors(lot, numbers)
    if origin not in ("domestic", "import"):
        errors["origin"] = [_("Domestic or import.")]
    if errors:
        raise ValidationError(errors)
    unit_price, quantity, monthly_capacity, total_price = (
        None if value is None else _BID_BOUNDS[name].value(value)
        for name, value in numbers.items())
    uploads = _checked_documents(tender, documents or {})
    rows, found = _checked_members(bidder, quantity, members)
    tkdn, named = _bid_tkdn(by, bidder, rows, found, certificate_id, worksheet_version_id,
                            tkdn_from_members)
    now = clock.now()
    bid = Bid.objects.select_for_update().filter(lot=lot, bidder=bidder).first()
    attached = _kept_documents(bid, set(uploads))
    for kind, (upload, content_type) in uploads.items():
        attached[kind] = {"filename": bid_documents.clean_filename(upload.filename),
                          "content_type": content_type, "sha256": upload.sha256,
                          "size": len(upload.data)}
    nonce = sealing.new_nonce()
    content = BidContent(
        lot=lot.number, bidder=bidder.pk, unit_price=unit_price, quantity=quantity,
        total_price=total_price, monthly_capacity=monthly_capacity, origin=origin,
        tkdn_percent=tkdn.tkdn_percent, bmp_percent=tkdn.bmp_percent, tkdn_source=tkdn.source,
        tkdn_document=tkdn.document, siinas_registered=bool(siinas_registered),
        documents=attached, members=tuple(Member.of(row) for row in named),
        nonce=nonce).sealed()
    if bid is None:
        bid = Bid(tender=tender, lot=lot, bidder=bidder, version=0)
    bid.submitted_by, bid.sealed = by, sealing.seal(content)
    bid.digest, bid.submitted_at = sealing.digest(content), now
    bid.version, bid.withdrawn_at = bid.version + 1, None
    bid.save()
    bid.documents.exclude(kind__in=set(attached) - set(uploads)).delete()
    BidDocument.objects.bulk_create(
        BidDocument(bid=bid, kind=kind, content_type=content_type, size=len(upload.data),
                    sha256=upload.sha256, sealed=sealing.seal_bytes(upload.data),
                    uploaded_at=now)
        for kind, (upload, content_type) in uploads.items())
    BidEvent.objects.create(bid=bid, kind=BidEventKind.RECEIVED, version=bid.version,
                            digest=bid.digest, at=now, by=by)
    # The audit log records that a bid came in, never what it says.
    audit_record(actor=by, action="bid.submit", obj=bid, organisation=bidder,
                 after={"tender": tender.reference, "lot": lot.number, "digest": bid.digest,
                        "version": bid.version})
    return bid, nonce


def bid_content_for(*, user: User, bid: Bid) -> dict:
    """What a bid says, for its own bidder at any time, and after opening for whoever may
    see the opened bid."""
    visible = Bid.objects.visible_to(user).filter(pk=bid.pk).first()
    if visible is None:
        raise PermissionDenied
    if visible.opened_content is not None:
        return visible.opened_content
    if visible.bidder_id != user.organisation_id:
        # A bid withdrawn before the deadline is never opened: after the opening others
        # see that it existed, not what it said.
        raise PermissionDenied
    return sealing.unseal(visible.sealed)  # only its bidder sees an unopened bid


def bid_withdraw_preview(*, by: User, bid: Bid) -> None:
    """The checks withdrawing makes, without withdrawing (for the confirmation page)."""
    if by.organisation_id != bid.bidder_id or not by.can_write_for_org:
        raise PermissionDenied
    if not lifecycle.allows(Action.BID, bid.tender.status):
        raise ValidationError(_("The deadline has passed; the bid stands."))
    if bid.withdrawn_at is not None:
        raise ValidationError(_("This bid is already withdrawn."))


@transaction.atomic
def bid_withdraw(*, by: User, bid: Bid) -> Bid:
    tender = _locked(bid.tender)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    bid.tender = tender
    bid_withdraw_preview(by=by, bid=bid)
    bid.withdrawn_at = clock.now()
    bid.save(update_fields=["withdrawn_at"])
    bid.documents.all().delete()  # a withdrawn bid keeps no files
    BidEvent.objects.create(bid=bid, kind=BidEventKind.WITHDRAWN, version=bid.version,
                            at=bid.withdrawn_at, by=by)
    audit_record(actor=by, action="bid.withdraw", obj=bid, organisation=bid.bidder,
                 after={"withdrawn_at": bid.withdrawn_at})
    return bid


@transaction.atomic
def tender_open(*, by: User | None, tender: Tender) -> Tender:
    """Unseal every standing bid at or after the opening time; each digest is checked."""
    tender = _locked(tender)
    if by is not None and not may_manage(by, tender):
        raise PermissionDenied
    _require(tender, Action.OPEN)
    if clock.now() < tender.opening_time:
        raise ValidationError(_("The opening time has not come yet."))
    for bid in tender.bids.filter(withdrawn_at__isnull=True).select_for_update():
        content = sealing.unseal(bid.sealed)
        if sealing.digest(content) != bid.digest or not _documents_match(bid, content):
            raise ValidationError(_("Bid %(id)s does not match its receipt.")
                                  % {"id": bid.public_id})
        bid.opened_content = content
        bid.save(update_fields=["opened_content"])
    tender.opened_at = clock.now()
    tender.save(update_fields=["opened_at"])
    audit_record(actor=by, action="tender.open", obj=tender, organisation=tender.buyer,
                 after={"opened_at": tender.opened_at,
                        "digests": {b.pk: b.digest for b in tender.bids.all()}})
    return tender


def _documents_match(bid: Bid, content: dict) -> bool:
    """Every file the content names is stored, and its bytes still hash to the SHA-256 the
    receipt digest covers."""
    named = content.get("documents") or {}
    if not isinstance(named, dict):
        return True  # sealed before documents were files: nothing stored to check
    stored = {d.kind: d for d in bid.documents.all()}
    if set(stored) != set(named):
        return False
    return all(hashlib.sha256(sealing.unseal_bytes(d.sealed)).hexdigest()
               == named[kind]["sha256"] == d.sha256 for kind, d in stored.items())


def _exclusion(tender: Tender, lot: Lot, terms: BidContent) -> dict | None:
    price = check_price(unit_price=terms.unit_price, quantity=terms.quantity,
                        stated_total=terms.total_price, hps_unit_price=lot.hps_unit_price)
    if price.above_owner_estimate:
        return {"code": "above_owner_estimate", "total": str(price.corrected_total)}
    # The documents the bid uploaded (their digests are in the content, checked at opening).
    missing = set(tender.required_documents) - set(terms.documents)
    if missing:
        return {"code": "missing_documents", "documents": sorted(missing)}
    tkdn = terms.tkdn_percent
    if tender.min_tkdn_percent and (tkdn is None or tkdn < tender.min_tkdn_percent):
        return {"code": "tkdn_below_minimum", "minimum": str(tender.min_tkdn_percent)}
    return None


def _makers_in_two_bids(bids: list[Bid]) -> dict[int, dict]:
    """bid id → its exclusion, for the opened bids of one lot that one_bid_per_maker sets
    aside: a maker of an earlier bid too (its own, or a cooperative's that names it)."""
    names = {bid.bidder_id: bid.bidder.name for bid in bids}
    for bid in bids:
        names |= {m.organisation: m.name for m in bid.terms.members}
    bidder_of = {bid.pk: bid.bidder_id for bid in bids}
    set_aside = one_bid_per_maker.set_aside(
        one_bid_per_maker.LotBid(bid.pk, bid.submitted_at, frozenset(
            org for org, _share in bid.makers()))
        for bid in bids)
    return {pk: {"code": "maker_in_two_bids", "maker": names[why.maker],
                 "earlier": names[bidder_of[why.earlier]],
                 "earlier_is_own": bidder_of[why.earlier] == why.maker}
            for pk, why in set_aside.items()}


@transaction.atomic
def tender_evaluate(*, by: User, tender: Tender) -> Tender:
    """Per lot: exclusions with their reason, then the cascade, preference and ranking."""
    tender = _locked(tender)
    if not may_manage(by, tender):
        raise PermissionDenied
    _require(tender, Action.EVALUATE)
    package = Decimal(tender.package_value)
    BidEvaluation.objects.filter(bid__tender=tender).delete()
    for lot in tender.lots.all():
        bids = list(lot.bids.filter(withdrawn_at__isnull=True, opened_content__isnull=False)
                    .select_related("bidder"))
        in_two_bids = _makers_in_two_bids(bids)
        candidates = []
        for bid in bids:
            exclusion = in_two_bids.get(bid.pk) or _exclusion(tender, lot, bid.terms)
            if exclusion:
                BidEvaluation.objects.create(bid=bid, exclusion=exclusion)
                continue
            c = bid.terms
            candidates.append((bid, preference.Bid(
                id=str(bid.pk), price=c.total, origin=c.origin, tkdn_percent=c.tkdn_percent,
                bmp_percent=c.bmp_percent, siinas_registered=c.siinas_registered)))
        result = preference.evaluate([b for _bid, b in candidates], package_value=package,
                                     max_preference_percent=tender.max_preference_percent)
        by_id = {e.id: e for e in result.bids}
        for bid, rule_bid in candidates:
            e = by_id[rule_bid.id]
            BidEvaluation.objects.create(bid=bid, tier=e.tier, admissible=e.admissible,
                                         kp=e.kp, hea=e.hea, rank=e.rank)
    tender.evaluated_at = clock.now()
    tender.save(update_fields=["evaluated_at"])
    audit_record(actor=by, action="tender.evaluate", obj=tender, organisation=tender.buyer,
                 after={"evaluated_at": tender.evaluated_at})
    if tender.split_award_allowed:
        split_proposal_queue(tender=tender)
    return tender


def split_proposal_queue(*, tender: Tender) -> SplitProposal:
    """The optimiser's split of an evaluated tender that allows one, queued once: a
    background task works it out (tasks.propose_split), never the request."""
    proposal, created = SplitProposal.objects.get_or_create(
        tender=tender, defaults={"queued_at": clock.now()})
    if created:
        from .tasks import propose_split

        transaction.on_commit(lambda: propose_split.enqueue(tender_id=tender.pk))
    return proposal


def _plan(tender: Tender, method: awarding.Method, quantities) -> awarding.AwardPlan:
    if method == awarding.Method.WHOLE:
        return awarding.whole(tender)
    if not tender.split_award_allowed:
        raise ValidationError(_("This tender does not allow split awards."))
    if method == awarding.Method.OPTIMISED:
        return awarding.optimised(tender)
    return awarding.split(tender, {int(b): int(q) for b, q in (quantities or {}).items()})


def award_preview(*, by: User, tender: Tender, method: awarding.Method,
                  quantities: Mapping[int, int] | None = None) -> awarding.AwardPlan:
    """What the award will do (who gets how many units of which lot, any shortfall and
    why), after every check the award makes but the confirmation: nothing is written."""
    if not may_manage(by, tender):
        raise PermissionDenied
    _require(tender, Action.AWARD)
    return _plan(tender, method, quantities)


def _award(by: User, tender: Tender, method: awarding.Method, quantities,
           accept_shortfall: bool) -> Tender:
    tender = _locked(tender)
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
    from .tasks import send_award_notices

    links = base_url()  # the request's address, for the e-mails' links
    transaction.on_commit(lambda: send_award_notices.enqueue(tender_id=tender.pk,
                                                             base_url=links))
    return tender


@transaction.atomic
def tender_award(*, by: User, tender: Tender, accept_shortfall: bool = False) -> Tender:
    """Award each lot to its rank-1 bid, as much as it can deliver (awarding.whole). Where
    that leaves units uncovered, only with `accept_shortfall` (the buyer confirmed it)."""
    return _award(by, tender, awarding.Method.WHOLE, None, accept_shortfall)


def cancel_preview(*, by: User, tender: Tender, reason: str) -> None:
    """The checks cancelling makes, without cancelling (for the confirmation page)."""
    if not may_manage(by, tender):
        raise PermissionDenied
    if not lifecycle.allows(Action.CANCEL, tender.status):
        raise ValidationError(_("An awarded or cancelled tender cannot be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the tender is cancelled.")]})


@transaction.atomic
def tender_cancel(*, by: User, tender: Tender, reason: str) -> Tender:
    tender = _locked(tender)
    cancel_preview(by=by, tender=tender, reason=reason)
    tender.cancelled_at, tender.cancel_reason = clock.now(), reason.strip()
    tender.save(update_fields=["cancelled_at", "cancel_reason"])
    audit_record(actor=by, action="tender.cancel", obj=tender, organisation=tender.buyer,
                 after={"reason": tender.cancel_reason})
    return tender


@transaction.atomic
def question_ask(*, by: User, tender: Tender, text: str) -> Question:
    """A supplier asks for clarification while bids are open."""
    tender = _locked(tender)
    if by.organisation_id is None or not by.organisation.is_supplier_side \
            or not by.can_write_for_org:
        raise PermissionDenied
    _require(tender, Action.ASK)
    if not text.strip():
        raise ValidationError({"text": [_("Write the question.")]})
    question = Question.objects.create(tender=tender, asked_by_id=by.organisation_id,
                                       text=text.strip(), asked_at=clock.now())
    audit_record(actor=by, action="tender.question", obj=question,
                 organisation=tender.buyer, after={"text": question.text})
    return question


@transaction.atomic
def question_answer(*, by: User, question: Question, answer: str) -> Question:
    if not may_manage(by, question.tender):
        raise PermissionDenied
    if not answer.strip():
        raise ValidationError({"answer": [_("Write the answer.")]})
    question = Question.objects.select_for_update().get(pk=question.pk)
    before = {"answer": question.answer}
    question.answer, question.answered_at = answer.strip(), clock.now()
    question.save(update_fields=["answer", "answered_at"])
    audit_record(actor=by, action="tender.answer", obj=question,
                 organisation=question.tender.buyer, before=before,
                 after={"answer": question.answer})
    return question


@transaction.atomic
def tender_award_split(*, by: User, tender: Tender, quantities: Mapping[int, int],
                       accept_shortfall: bool = False) -> Tender:
    """Award each lot across several admissible bids, by hand: `quantities` maps bid ids to
    units, each within what the bid offered in all and per month, each lot within its
    quantity (awarding.split). Shares adding up to less than a lot only with
    `accept_shortfall`."""
    return _award(by, tender, awarding.Method.SPLIT, quantities, accept_shortfall)


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


@transaction.atomic
def tender_follow_up(*, by: User, tender: Tender) -> Tender:
    """A new draft tender for what an award left uncovered: the same terms, each lot with
    its uncovered units and months, linked to the original (Tender.follows). The buyer
    checks its dates and publishes it like any draft."""
    tender = _locked(tender)
    if not may_manage(by, tender):
        raise PermissionDenied
    _require(tender, Action.FOLLOW_UP)
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
            lot_add(by=by, tender=new, product=lot.product, grade=lot.grade,
                    drawing_reference=lot.drawing_reference, unit_weight_kg=lot.unit_weight_kg,
                    quantity=units, unit=lot.unit, hps_unit_price=lot.hps_unit_price,
                    delivery_schedule=months)
    audit_record(actor=by, action="tender.follow_up", obj=tender, organisation=tender.buyer,
                 after={"new_tender": new.reference})
    return new
