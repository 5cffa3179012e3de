"""The opening (every standing bid unsealed, its digest checked), the evaluation under the
preference rules, and the optimiser's split proposal queued for the evaluation page."""

import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.actors import Actor, requires_actor
from pasok.accounts.models import User
from pasok.audit.services import audit_record
from pasok.rules import one_bid_per_maker, preference
from pasok.rules.bid_checks import check_price

from .. import sealing
from ..content import BidContent
from ..lifecycle import Action
from ..models import (
    Bid,
    BidEvaluation,
    Lot,
    SplitProposal,
    Tender,
)
from .guards import managed


@requires_actor
@transaction.atomic
def tender_open(*, by: Actor, tender: Tender) -> Tender:
    """Unseal every standing bid at or after the opening time; each digest is checked."""
    tender = managed(by, tender, Action.OPEN)
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


def _exclusion(tender: Tender, lot: Lot, bid: Bid, latest_addendum: int) -> dict | None:
    """Why `bid` is set aside, or None: not confirmed against the latest addendum, above the
    owner estimate, a required document missing, its TKDN below the minimum."""
    if bid.addendum < latest_addendum:
        return {"code": "not_confirmed", "addendum": latest_addendum}
    terms: BidContent = bid.terms
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


@requires_actor
@transaction.atomic
def tender_evaluate(*, by: User, tender: Tender) -> Tender:
    """Per lot: exclusions with their reason, then the cascade, preference and ranking."""
    tender = managed(by, tender, Action.EVALUATE)
    package = Decimal(tender.package_value)
    latest_addendum = tender.latest_addendum
    BidEvaluation.objects.filter(bid__tender=tender).delete()
    for lot in tender.lots.all():
        bids = list(lot.bids.filter(withdrawn_at__isnull=True, opened_content__isnull=False)
                    .select_related("bidder"))
        in_two_bids = _makers_in_two_bids(bids)
        candidates = []
        for bid in bids:
            exclusion = in_two_bids.get(bid.pk) or _exclusion(tender, lot, bid, latest_addendum)
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
        from ..tasks import propose_split

        transaction.on_commit(lambda: propose_split.enqueue(tender_id=tender.pk))
    return proposal
