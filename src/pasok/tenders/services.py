"""Writes of the tender life cycle: draft, publish, bid (sealed), open, evaluate, award,
cancel. Keyword-only, atomic, audited; the preference rules are pasok.rules.preference."""

import hashlib
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.models import Organisation, User
from pasok.audit.services import audit_record
from pasok.months import month_start
from pasok.rules import preference, small_business
from pasok.rules.bid_checks import check_price
from pasok.suppliers.capacity import capacity_bookings_refresh_for_tender
from pasok.tkdn.models import TkdnCertificate, WorksheetVersion
from pasok.web.formatting import localized_number
from pasok.web.links import base_url

from . import documents as bid_documents
from . import sealing
from .models import Bid, BidDocument, BidEvaluation, Lot, Question, Status, Tender
from .selectors import cooperative_members


def _may_manage(by: User, tender_or_buyer) -> bool:
    buyer_id = getattr(tender_or_buyer, "buyer_id", getattr(tender_or_buyer, "pk", None))
    return by.is_platform_admin or (by.can_write_for_org and by.organisation_id == buyer_id)


def _locked(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().get(pk=tender.pk)


def _require_status(tender: Tender, *allowed: str) -> None:
    status = tender.status
    if status not in allowed:
        raise ValidationError(_("Not possible while the tender is %(status)s.")
                              % {"status": Status(status).label})


@transaction.atomic
def tender_create(*, by: User, buyer: Organisation, title: str, bid_deadline, opening_time,
                  description: str = "", min_tkdn_percent=Decimal(0),
                  max_preference_percent=preference.MAX_PREFERENCE_PERCENT,
                  split_award_allowed: bool = False, required_documents=(),
                  small_business_reserved: bool = True,
                  reservation_exemption: str = "", first_delivery_month=None) -> Tender:
    if not buyer.is_buyer or not _may_manage(by, buyer):
        raise PermissionDenied
    year = clock.now().year
    count = Tender.objects.filter(reference__startswith=f"PSK-{year}-").count()
    tender = Tender(buyer=buyer, reference=f"PSK-{year}-{count + 1:05d}", title=title,
                    description=description, min_tkdn_percent=min_tkdn_percent,
                    max_preference_percent=max_preference_percent, bid_deadline=bid_deadline,
                    opening_time=opening_time, split_award_allowed=split_award_allowed,
                    first_delivery_month=(month_start(first_delivery_month)
                                          if first_delivery_month else None),
                    required_documents=list(required_documents),
                    small_business_reserved=small_business_reserved,
                    reservation_exemption=reservation_exemption, created_at=clock.now())
    if opening_time < bid_deadline:
        raise ValidationError({"opening_time": [_("Opening cannot be before the deadline.")]})
    tender.full_clean()
    tender.save()
    audit_record(actor=by, action="tender.create", obj=tender, organisation=buyer,
                 after={"reference": tender.reference, "title": title})
    return tender


@transaction.atomic
def lot_add(*, by: User, tender: Tender, product: str, unit_weight_kg, quantity: int,
            hps_unit_price, grade=None, drawing_reference: str = "", unit: str = "pcs",
            delivery_schedule=()) -> Lot:
    tender = _locked(tender)
    if not _may_manage(by, tender):
        raise PermissionDenied
    _require_status(tender, Status.DRAFT)
    schedule = [int(q) for q in delivery_schedule]
    if schedule and (any(q < 0 for q in schedule) or sum(schedule) != quantity):
        raise ValidationError({"delivery_schedule": [
            _("The monthly quantities must be 0 or more and add up to the lot quantity.")]})
    number = (tender.lots.aggregate(n=Max("number"))["n"] or 0) + 1
    lot = Lot(tender=tender, number=number, product=product, grade=grade,
              drawing_reference=drawing_reference, unit_weight_kg=unit_weight_kg,
              quantity=quantity, unit=unit, delivery_schedule=schedule,
              hps_unit_price=hps_unit_price)
    lot.full_clean()
    lot.save()
    audit_record(actor=by, action="tender.lot_add", obj=lot, organisation=tender.buyer,
                 after={"product": product, "quantity": quantity,
                        "hps_unit_price": hps_unit_price})
    return lot


@transaction.atomic
def tender_publish(*, by: User, tender: Tender) -> Tender:
    tender = _locked(tender)
    if not _may_manage(by, tender):
        raise PermissionDenied
    _require_status(tender, Status.DRAFT)
    errors = {}
    if not tender.lots.exists():
        errors["lots"] = [_("Add at least one lot.")]
    if tender.bid_deadline <= clock.now():
        errors["bid_deadline"] = [_("The deadline has already passed.")]
    if (small_business.must_reserve(Decimal(tender.package_value))
            and not tender.small_business_reserved and not tender.reservation_exemption.strip()):
        errors["reservation_exemption"] = [_(
            "A package up to Rp15 miliar is reserved for small businesses and cooperatives; "
            "record the technical reason to open it to all.")]
    if errors:
        raise ValidationError(errors)
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


def _tkdn_source(bidder: Organisation, certificate_id, worksheet_version_id):
    """(tkdn, bmp, source) from an unexpired certificate or a worksheet version of the
    bidder's own; expired certificates are not offered."""
    if certificate_id:
        cert = TkdnCertificate.objects.filter(pk=certificate_id, organisation=bidder).first()
        if cert is None:
            raise ValidationError({"certificate": [_("Not one of your certificates.")]})
        if cert.valid_until < clock.today():
            raise ValidationError({"certificate": [_("This certificate has expired.")]})
        return cert.tkdn_percent, cert.bmp_percent, f"certificate:{cert.pk}"
    if worksheet_version_id:
        version = WorksheetVersion.objects.filter(pk=worksheet_version_id,
                                                  worksheet__organisation=bidder).first()
        if version is None:
            raise ValidationError({"worksheet_version": [_("Not one of your worksheets.")]})
        bmp = getattr(getattr(bidder, "bmp", None), "bmp_percent", Decimal(0))
        return version.tkdn_percent, bmp, f"worksheet_version:{version.pk}"
    return None, Decimal(0), ""


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


def _named_in(bid: Bid) -> set[int]:
    """The members a cooperative's standing bid names (read from its seal, server-side)."""
    return {m["organisation"] for m in sealing.unseal(bid.sealed).get("members", ())}


def _checked_members(lot: Lot, bidder: Organisation, quantity: int,
                     members: Sequence) -> list[dict]:
    """A cooperative's bid names the members who will make it and each one's share; the
    shares add up to the bid's quantity, and a member bidding on the lot itself cannot also
    be named (whichever came second is refused)."""
    is_cooperative = bidder.kind == "cooperative"
    rows = [(int(member), int(share)) for member, share in members]
    if not is_cooperative:
        if rows:
            raise ValidationError({"members": [
                _("Only a cooperative bids on behalf of members.")]})
        return []
    if not rows:
        raise ValidationError({"members": [
            _("Name the members who will make the goods and each one's quantity.")]})
    ids = [member for member, _share in rows]
    found = {org.pk: org for org in cooperative_members(cooperative=bidder).filter(pk__in=ids)}
    errors = []
    if len(set(ids)) != len(ids):
        errors.append(_("Name each member once."))
    for member, share in rows:
        if member not in found:
            errors.append(_("Organisation %(id)s is not an active member of this "
                            "cooperative.") % {"id": member})
        if share <= 0:
            errors.append(_("Each member's quantity must be more than 0."))
    total = sum(share for _member, share in rows)
    if total != quantity:
        errors.append(_("The members' quantities add up to %(total)s, not the %(n)s units "
                        "offered.") % {"total": localized_number(total),
                                       "n": localized_number(quantity)})
    own_bids = Bid.objects.filter(lot=lot, bidder_id__in=found, withdrawn_at__isnull=True)
    for bidder_id in sorted(own_bids.values_list("bidder_id", flat=True)):
        errors.append(_("%(member)s already bids on this lot itself; a member cannot also "
                        "be named in the cooperative's bid.") % {"member": found[bidder_id]})
    if errors:
        raise ValidationError({"members": list(dict.fromkeys(errors))})
    return [{"organisation": member, "name": found[member].name, "quantity": share}
            for member, share in rows]


def _refuse_if_named(lot: Lot, bidder: Organisation) -> None:
    """A supplier named in a cooperative's standing bid on this lot does not bid on it
    itself."""
    if bidder.kind != "supplier":
        return
    cooperative_bids = lot.bids.filter(bidder__kind="cooperative", withdrawn_at__isnull=True)
    for bid in cooperative_bids.select_related("bidder"):
        if bidder.pk in _named_in(bid):
            raise ValidationError(_(
                "%(cooperative)s already bids on this lot naming your organisation as a "
                "maker; you cannot also bid on it yourself.") % {"cooperative": bid.bidder})


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


@transaction.atomic
def bid_submit(*, by: User, lot: Lot, unit_price, quantity: int, monthly_capacity: int,
               origin: str = "domestic", certificate_id=None, worksheet_version_id=None,
               siinas_registered: bool = False,
               documents: Mapping[str, bid_documents.Upload] | None = None,
               members: Sequence[tuple[int, int]] = (),
               total_price=None) -> tuple[Bid, str]:
    """Submit or replace the bid of `by`'s organisation on `lot`. Returns the bid and the
    receipt nonce (the digest is bid.digest, the server time bid.submitted_at).

    `documents` maps required documents (names from tender.required_documents) to files;
    a replacement keeps the files of the kinds it does not upload again. A cooperative names
    `members`: (member organisation id, quantity) pairs adding up to `quantity`."""
    tender = _locked(lot.tender)  # serialises bids with the deadline, awards and cancels
    if by.organisation_id is None or not by.can_write_for_org:
        raise PermissionDenied
    bidder = Organisation.objects.get(pk=by.organisation_id)  # its standing as of now
    if not bidder.is_supplier_side:
        raise PermissionDenied
    if tender.status != Status.PUBLISHED:
        raise ValidationError(_("Bids are not accepted: the tender is %(status)s.")
                              % {"status": Status(tender.status).label})
    if not bidder.is_verified:
        raise ValidationError(_("Your organisation is not verified yet."))
    if tender.small_business_reserved and not small_business.may_bid_on_reserved(
            size_class=bidder.size_class, is_cooperative=bidder.kind == "cooperative"):
        raise ValidationError(_("This package is reserved for small businesses and "
                                "cooperatives."))
    errors = {}
    unit_price, quantity = Decimal(unit_price), int(quantity)
    if unit_price <= 0:
        errors["unit_price"] = [_("The price must be more than 0.")]
    if not 0 < quantity <= lot.quantity:
        errors["quantity"] = [_("Offer between 1 and %(n)s units.") % {"n": lot.quantity}]
    if int(monthly_capacity) <= 0:
        errors["monthly_capacity"] = [_("The monthly capacity must be more than 0.")]
    if origin not in ("domestic", "import"):
        errors["origin"] = [_("Domestic or import.")]
    if errors:
        raise ValidationError(errors)
    uploads = _checked_documents(tender, documents or {})
    named = _checked_members(lot, bidder, quantity, members)
    _refuse_if_named(lot, bidder)
    tkdn, bmp, source = _tkdn_source(bidder, certificate_id, worksheet_version_id)
    now = clock.now()
    bid = Bid.objects.select_for_update().filter(lot=lot, bidder=bidder).first()
    attached = _kept_documents(bid, set(uploads))
    for kind, (upload, content_type) in uploads.items():
        attached[kind] = {"filename": bid_documents.clean_filename(upload.filename),
                          "content_type": content_type, "sha256": upload.sha256,
                          "size": len(upload.data)}
    nonce = sealing.new_nonce()
    content = {"lot": lot.number, "bidder": bidder.pk, "unit_price": unit_price,
               "quantity": quantity, "monthly_capacity": int(monthly_capacity),
               "origin": origin, "tkdn_percent": tkdn, "bmp_percent": bmp,
               "tkdn_source": source, "siinas_registered": bool(siinas_registered),
               "documents": attached, "members": named, "nonce": nonce,
               "total_price": None if total_price is None else Decimal(total_price)}
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


@transaction.atomic
def bid_withdraw(*, by: User, bid: Bid) -> Bid:
    tender = _locked(bid.tender)
    if by.organisation_id != bid.bidder_id or not by.can_write_for_org:
        raise PermissionDenied
    if tender.status != Status.PUBLISHED:
        raise ValidationError(_("The deadline has passed; the bid stands."))
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    bid.withdrawn_at = clock.now()
    bid.save(update_fields=["withdrawn_at"])
    bid.documents.all().delete()  # a withdrawn bid keeps no files
    audit_record(actor=by, action="bid.withdraw", obj=bid, organisation=bid.bidder,
                 after={"withdrawn_at": bid.withdrawn_at})
    return bid


@transaction.atomic
def tender_open(*, by: User | None, tender: Tender) -> Tender:
    """Unseal every standing bid at or after the opening time; each digest is checked."""
    tender = _locked(tender)
    if by is not None and not _may_manage(by, tender):
        raise PermissionDenied
    _require_status(tender, Status.CLOSED)
    if clock.now() < tender.opening_time:
        raise ValidationError(_("The opening time has not come yet."))
    for bid in tender.bids.filter(withdrawn_at__isnull=True).select_for_update():
        content = sealing.unseal(bid.sealed)
        if sealing.digest(content) != bid.digest or not _documents_match(bid, content):
            raise ValidationError(_("Bid %(id)s does not match its receipt.") % {"id": bid.pk})
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


def _exclusion(tender: Tender, lot: Lot, content: dict) -> dict | None:
    price = check_price(unit_price=Decimal(content["unit_price"]), quantity=content["quantity"],
                        stated_total=None if content.get("total_price") is None
                        else Decimal(content["total_price"]),
                        hps_unit_price=lot.hps_unit_price)
    if price.above_owner_estimate:
        return {"code": "above_owner_estimate", "total": str(price.corrected_total)}
    # The documents the bid uploaded (their digests are in the content, checked at opening).
    missing = set(tender.required_documents) - set(content["documents"])
    if missing:
        return {"code": "missing_documents", "documents": sorted(missing)}
    tkdn = content["tkdn_percent"]
    if tender.min_tkdn_percent and (tkdn is None or Decimal(tkdn) < tender.min_tkdn_percent):
        return {"code": "tkdn_below_minimum", "minimum": str(tender.min_tkdn_percent)}
    return None


@transaction.atomic
def tender_evaluate(*, by: User, tender: Tender) -> Tender:
    """Per lot: exclusions with their reason, then the cascade, preference and ranking."""
    tender = _locked(tender)
    if not _may_manage(by, tender):
        raise PermissionDenied
    _require_status(tender, Status.OPENED)
    package = Decimal(tender.package_value)
    BidEvaluation.objects.filter(bid__tender=tender).delete()
    for lot in tender.lots.all():
        bids = list(lot.bids.filter(withdrawn_at__isnull=True, opened_content__isnull=False))
        candidates = []
        for bid in bids:
            exclusion = _exclusion(tender, lot, bid.opened_content)
            if exclusion:
                BidEvaluation.objects.create(bid=bid, exclusion=exclusion)
                continue
            c = bid.opened_content
            candidates.append((bid, preference.Bid(
                id=str(bid.pk), price=Decimal(c["unit_price"]) * c["quantity"],
                origin=c["origin"],
                tkdn_percent=None if c["tkdn_percent"] is None else Decimal(c["tkdn_percent"]),
                bmp_percent=Decimal(c["bmp_percent"] or 0),
                siinas_registered=c["siinas_registered"])))
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
    return tender


@transaction.atomic
def tender_award(*, by: User, tender: Tender) -> Tender:
    """Award each lot whole to its rank-1 bid (split awards come with the allocation
    engine)."""
    tender = _locked(tender)
    if not _may_manage(by, tender):
        raise PermissionDenied
    _require_status(tender, Status.EVALUATED)
    winners = BidEvaluation.objects.filter(bid__tender=tender, rank=1)
    for evaluation in winners.select_related("bid"):
        evaluation.awarded = True
        evaluation.awarded_quantity = evaluation.bid.opened_content["quantity"]
        evaluation.save(update_fields=["awarded", "awarded_quantity"])
    tender.awarded_at = clock.now()
    tender.save(update_fields=["awarded_at"])
    capacity_bookings_refresh_for_tender(tender, by=by)
    from .tasks import send_award_notices

    links = base_url()  # the request's address, for the e-mails' links
    transaction.on_commit(lambda: send_award_notices.enqueue(tender_id=tender.pk,
                                                             base_url=links))
    audit_record(actor=by, action="tender.award", obj=tender, organisation=tender.buyer,
                 after={"winners": sorted(winners.values_list("bid_id", flat=True))})
    return tender


@transaction.atomic
def tender_cancel(*, by: User, tender: Tender, reason: str) -> Tender:
    tender = _locked(tender)
    if not _may_manage(by, tender):
        raise PermissionDenied
    if tender.status in (Status.AWARDED, Status.CANCELLED):
        raise ValidationError(_("An awarded or cancelled tender cannot be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the tender is cancelled.")]})
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
    _require_status(tender, Status.PUBLISHED)
    if not text.strip():
        raise ValidationError({"text": [_("Write the question.")]})
    question = Question.objects.create(tender=tender, asked_by_id=by.organisation_id,
                                       text=text.strip(), asked_at=clock.now())
    audit_record(actor=by, action="tender.question", obj=question,
                 organisation=tender.buyer, after={"text": question.text})
    return question


@transaction.atomic
def question_answer(*, by: User, question: Question, answer: str) -> Question:
    if not _may_manage(by, question.tender):
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


def _splittable(by: User, tender: Tender) -> Tender:
    tender = _locked(tender)
    if not _may_manage(by, tender):
        raise PermissionDenied
    _require_status(tender, Status.EVALUATED)
    if not tender.split_award_allowed:
        raise ValidationError(_("This tender does not allow split awards."))
    return tender


@transaction.atomic
def tender_award_split(*, by: User, tender: Tender, quantities: dict[int, int]) -> Tender:
    """Award each lot across several admissible bids, by hand: `quantities` maps bid ids to
    units. Each share is at most what the bid offered, and every lot's shares add up to the
    lot. (The allocation engine proposes a split in split_proposal; the checks stay here.)"""
    tender = _splittable(by, tender)
    evaluations = {e.bid_id: e for e in BidEvaluation.objects.filter(
        bid__tender=tender, admissible=True).select_related("bid", "bid__lot")}
    errors = []
    for bid_id, quantity in quantities.items():
        e = evaluations.get(bid_id)
        if e is None:
            errors.append(_("Bid %(id)s is not admissible.") % {"id": bid_id})
        elif not 0 <= quantity <= e.bid.opened_content["quantity"]:
            errors.append(_("%(bidder)s offered %(n)s units at most.") % {
                "bidder": e.bid.bidder.name, "n": e.bid.opened_content["quantity"]})
    for lot in tender.lots.all():
        total = sum(q for b, q in quantities.items()
                    if b in evaluations and evaluations[b].bid.lot_id == lot.pk)
        if total != lot.quantity:
            errors.append(_("Lot %(lot)s: the shares add up to %(total)s, not %(n)s.") % {
                "lot": lot.number, "total": total, "n": lot.quantity})
    if errors:
        raise ValidationError(errors)
    for bid_id, quantity in quantities.items():
        e = evaluations[bid_id]
        e.awarded, e.awarded_quantity = quantity > 0, quantity or None
        e.save(update_fields=["awarded", "awarded_quantity"])
    tender.awarded_at = clock.now()
    tender.save(update_fields=["awarded_at"])
    capacity_bookings_refresh_for_tender(tender, by=by)
    audit_record(actor=by, action="tender.award_split", obj=tender, organisation=tender.buyer,
                 after={"quantities": {str(k): v for k, v in quantities.items()}})
    from .tasks import send_award_notices

    links = base_url()  # the request's address, for the e-mails' links
    transaction.on_commit(lambda: send_award_notices.enqueue(tender_id=tender.pk,
                                                             base_url=links))
    return tender


@transaction.atomic
def tender_award_optimised(*, by: User, tender: Tender) -> Tender:
    """Award every lot split as the allocation engine proposes (split_proposal), in one
    step; refused, naming the lot, where the admissible bids cannot cover a lot."""
    from .split_proposal import propose_split

    tender = _splittable(by, tender)
    proposals = propose_split(tender)
    short = [_("Lot %(lot)s: the admissible bids leave %(n)s units uncovered.")
             % {"lot": p.number, "n": p.short} for p in proposals if p.short]
    if short:
        raise ValidationError(short)
    quantities = {bid: q for p in proposals for bid, q in p.quantities.items()}
    return tender_award_split(by=by, tender=tender, quantities=quantities)
