"""Sealed bids: submit (or replace), read back by the bidder, withdraw."""

from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import requires_actor
from pasok.accounts.models import Organisation, User
from pasok.audit.services import audit_record
from pasok.rules import small_business
from pasok.web.formatting import (
    localized_number,
)

from .. import bid_tkdn, bounds, lifecycle, sealing
from .. import documents as bid_documents
from ..bid_tkdn import MemberShare
from ..content import BidContent, Member
from ..lifecycle import Action
from ..models import (
    Bid,
    BidDocument,
    BidEvent,
    BidEventKind,
    Lot,
    Tender,
)
from ..selectors import cooperative_members
from .guards import locked, require_allowed


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
    is_cooperative = bidder.is_cooperative
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
    if not bidder.is_cooperative:
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


@requires_actor
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
    tender = locked(lot.tender)  # serialises bids with the deadline, awards and cancels
    if not permissions.may_bid(by):
        raise PermissionDenied
    bidder = Organisation.objects.get(pk=by.organisation_id)  # its standing as of now
    require_allowed(tender, Action.BID, _("Bids are not accepted: the tender is %(status)s."))
    if not bidder.is_verified:
        raise ValidationError(_("Your organisation is not verified yet."))
    if tender.small_business_reserved and not small_business.may_bid_on_reserved(
            size_class=bidder.size_class, is_cooperative=bidder.is_cooperative):
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
    bid.addendum = tender.latest_addendum  # made against every addendum issued so far
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
    return visible_bid_content(user=user, bid=visible)


def visible_bid_content(*, user: User, bid: Bid) -> dict:
    """bid_content_for a bid already read through Bid.objects.visible_to(user) (a list
    reads each bid's content without reading it again)."""
    if bid.opened_content is not None:
        return bid.opened_content
    if bid.bidder_id != user.organisation_id:
        # A bid withdrawn before the deadline is never opened: after the opening others
        # see that it existed, not what it said.
        raise PermissionDenied
    return sealing.unseal(bid.sealed)  # only its bidder sees an unopened bid


@requires_actor
def bid_withdraw_preview(*, by: User, bid: Bid) -> None:
    """The checks withdrawing makes, without withdrawing (for the confirmation page)."""
    if not permissions.may_change_own_bid(by, bid):
        raise PermissionDenied
    if not lifecycle.allows(Action.BID, bid.tender.status):
        raise ValidationError(_("The deadline has passed; the bid stands."))
    if bid.withdrawn_at is not None:
        raise ValidationError(_("This bid is already withdrawn."))


@requires_actor
@transaction.atomic
def bid_withdraw(*, by: User, bid: Bid) -> Bid:
    tender = locked(bid.tender)
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


@requires_actor
@transaction.atomic
def bid_confirm(*, by: User, bid: Bid) -> Bid:
    """The bidder confirms its standing bid against the tender's latest addendum: a line of
    the bid's history, nothing unsealed (the sealed content and its digest stay)."""
    tender = locked(bid.tender)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if not permissions.may_change_own_bid(by, bid):
        raise PermissionDenied
    require_allowed(tender, Action.BID, _("Bids are not accepted: the tender is %(status)s."))
    if bid.withdrawn_at is not None:
        raise ValidationError(_("This bid is withdrawn: bid again instead."))
    latest = tender.latest_addendum
    if bid.addendum >= latest:
        raise ValidationError(_("This bid already stands against addendum %(n)s.")
                              % {"n": latest})
    bid.addendum = latest
    bid.save(update_fields=["addendum"])
    now = clock.now()
    BidEvent.objects.create(bid=bid, kind=BidEventKind.CONFIRMED, version=bid.version,
                            digest=bid.digest, addendum=latest, at=now, by=by)
    audit_record(actor=by, action="bid.confirm", obj=bid, organisation=bid.bidder,
                 after={"addendum": latest, "version": bid.version})
    return bid
