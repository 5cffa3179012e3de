"""Reads of tenders and bids, always through the permission querysets."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from pasok.accounts.models import Organisation
from pasok.tkdn.models import WorksheetVersion
from pasok.tkdn.selectors import offerable_certificates

from . import sealing
from .models import Bid, BidDocument, Tender


def tenders_for(*, user):
    return (Tender.objects.visible_to(user).select_related("buyer")
            .prefetch_related("lots"))


def tender_get(*, user, pk: int) -> Tender:
    return tenders_for(user=user).get(pk=pk)


def own_bids(*, user, tender: Tender) -> dict[int, Bid]:
    """The user's organisation's bids on `tender`, by lot id."""
    if user.organisation_id is None:
        return {}
    bids = Bid.objects.visible_to(user).filter(tender=tender, bidder_id=user.organisation_id)
    return {bid.lot_id: bid for bid in bids}


def _document_list():
    """A bid's documents without their (large, sealed) bytes."""
    return Prefetch("documents", queryset=BidDocument.objects.defer("sealed"))


def opened_bids(*, user, tender: Tender):
    """Every bid of an opened tender the user may see, with its evaluation and documents."""
    return (Bid.objects.visible_to(user).filter(tender=tender, opened_content__isnull=False)
            .select_related("bidder", "lot", "evaluation").prefetch_related(_document_list())
            .order_by("lot__number", "pk"))


def own_bid_documents(*, user, bid: Bid | None) -> dict[str, tuple[BidDocument, dict]]:
    """{required document: (document, what its seal says: file name, size…)} of the user's
    own standing bid, for the bid page."""
    if bid is None or bid.withdrawn_at is not None or bid.bidder_id != user.organisation_id:
        return {}
    documents = list(BidDocument.objects.visible_to(user).filter(bid=bid).defer("sealed"))
    if not documents:
        return {}
    named = sealing.unseal(bid.sealed).get("documents") or {}
    return {d.kind: (d, named.get(d.kind, {})) for d in documents}


def replacement_initial(*, user, bid: Bid | None) -> tuple[dict, list[dict]]:
    """What the bid page starts from when the user's organisation replaces its standing bid:
    what that bid says (its fields, and a cooperative's member rows)."""
    if bid is None or bid.withdrawn_at is not None or bid.bidder_id != user.organisation_id:
        return {}, []
    content = sealing.unseal(bid.sealed)
    initial = {name: content.get(name) for name in (
        "unit_price", "quantity", "total_price", "monthly_capacity", "origin",
        "siinas_registered")}
    initial["tkdn_source"] = content.get("tkdn_source") or ""
    return initial, [{"member": m["organisation"], "quantity": m["quantity"]}
                     for m in content.get("members", ())]


def bid_document_file(*, user, tender: Tender, pk: int) -> tuple[BidDocument, str, bytes]:
    """A document of a bid the user may see, its file name and its bytes; DoesNotExist for
    anyone else, the same as for a document that does not exist."""
    from .services import bid_content_for

    document = (BidDocument.objects.visible_to(user).select_related("bid")
                .get(pk=pk, bid__tender=tender))
    try:
        content = bid_content_for(user=user, bid=document.bid)
    except PermissionDenied as exc:
        raise BidDocument.DoesNotExist from exc
    meta = (content.get("documents") or {}).get(document.kind) or {}
    return document, meta.get("filename") or document.kind, sealing.unseal_bytes(
        document.sealed)


def evaluations_by_lot(*, user, tender: Tender) -> list[tuple]:
    """[(lot, [bids ranked first, then the rest, excluded last])] for the evaluation page."""
    bids = list(opened_bids(user=user, tender=tender))

    def order(bid):
        e = getattr(bid, "evaluation", None)
        if e is None:
            return (3, 0)
        if e.exclusion:
            return (2, 0)
        return (0, e.rank) if e.rank else (1, 0)

    return [(lot, sorted((b for b in bids if b.lot_id == lot.pk), key=order))
            for lot in tender.lots.all()]


def cooperative_members(*, cooperative):
    """The members a cooperative's bid may name: its active supplier members."""
    return Organisation.objects.filter(cooperative=cooperative, kind="supplier",
                                       is_active=True).order_by("name")


def tkdn_sources(*, user, organisation):
    """What a bid may cite for its TKDN: unexpired certificates and worksheet versions."""
    certificates = offerable_certificates(user=user, organisation=organisation)
    versions = (WorksheetVersion.objects.filter(worksheet__organisation=organisation)
                .select_related("worksheet").order_by("worksheet__product", "-number"))
    return certificates, versions


