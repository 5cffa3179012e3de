"""Reads of tenders and bids, always through the permission querysets."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.models import Organisation, OrgKind
from pasok.tkdn.models import TkdnCertificate, Worksheet, WorksheetVersion
from pasok.tkdn.selectors import offerable_certificates

from . import sealing
from .content import BidContent
from .models import Bid, BidDocument, BidEvent, Lot, Tender


def tenders_for(*, user):
    return (Tender.objects.visible_to(user).select_related("buyer")
            .prefetch_related(Prefetch("lots", queryset=Lot.objects.select_related("grade"))))


def tender_list(*, user):
    """The tender list's rows: the buyer's name, not the lots (the list shows none)."""
    return Tender.objects.visible_to(user).select_related("buyer").order_by("-bid_deadline",
                                                                              "-pk")


def tender_get(*, user, pk: int) -> Tender:
    return tenders_for(user=user).get(pk=pk)


def lot_of(tender: Tender, pk: int) -> Lot:
    """Lot `pk` of `tender`, from the lots `tender_get` fetched with it (a missing one is a
    404, as any record not found is)."""
    found = next((lot for lot in tender.lots.all() if lot.pk == pk), None)
    if found is None:
        raise Lot.DoesNotExist(f"tender {tender.pk} has no lot {pk}")
    return found


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
            .select_related("bidder", "lot", "evaluation", "award")
            .prefetch_related(_document_list())
            .order_by("lot__number", "pk"))


def standing_bid_counts(*, user, tender: Tender) -> dict[int, int] | None:
    """How many standing bids each lot has (lot id → count), for the tender's buyer and the
    platform and ministry, who see the tender already; None for everyone else. Only the
    count: who bid and what stays sealed, so this one read counts bids that visible_to
    would not show."""
    if not permissions.sees_bid_counts(user, tender):
        return None
    counts = dict(Bid.objects.filter(tender=tender, withdrawn_at__isnull=True)
                  .values_list("lot_id").annotate(n=Count("pk")))
    return {lot.pk: counts.get(lot.pk, 0) for lot in tender.lots.all()}


@dataclass
class OwnBid:
    """The user's organisation's bid on a lot, unsealed once: what it says (None once
    withdrawn), its documents with what their seal says (file name, size), its history."""

    bid: Bid
    content: BidContent | None
    documents: dict[str, tuple[BidDocument, dict]] = field(default_factory=dict)
    events: list[BidEvent] = field(default_factory=list)

    def initial(self) -> tuple[dict, list[dict]]:
        """What the bid page starts from to replace it: its fields, and a cooperative's
        member rows."""
        c = self.content
        if c is None:
            return {}, []
        initial = {"unit_price": c.unit_price, "quantity": c.quantity,
                   "total_price": c.total_price, "monthly_capacity": c.monthly_capacity,
                   "origin": c.origin, "siinas_registered": c.siinas_registered,
                   "tkdn_source": c.tkdn_source}
        return initial, [{"member": m.organisation, "quantity": m.quantity,
                          **({"tkdn_source": m.source} if m.source else {})}
                         for m in c.members]


def own_bid(*, user, bid: Bid | None, history: bool = False) -> OwnBid | None:
    """The user's organisation's bid `bid` (None for anyone else's)."""
    if bid is None or bid.bidder_id != user.organisation_id:
        return None
    own = OwnBid(bid, None)
    if bid.withdrawn_at is None:
        raw = sealing.unseal(bid.sealed) if bid.opened_content is None else bid.opened_content
        own.content = BidContent.of(raw)
        documents = BidDocument.objects.visible_to(user).filter(bid=bid).defer("sealed")
        own.documents = {d.kind: (d, own.content.documents.get(d.kind, {}))
                         for d in documents}
    if history:
        own.events = list(BidEvent.objects.visible_to(user).filter(bid=bid)
                          .select_related("by"))
    return own


def own_bid_get(*, user, tender: Tender, public_id) -> OwnBid:
    """A bid of the user's organisation on `tender`, with its history; Bid.DoesNotExist
    for anyone else's, before and after the opening."""
    if user.organisation_id is None:
        raise Bid.DoesNotExist
    bid = (Bid.objects.visible_to(user).select_related("lot", "bidder")
           .get(public_id=public_id, tender=tender, bidder_id=user.organisation_id))
    return own_bid(user=user, bid=bid, history=True)


def bid_document_file(*, user, tender: Tender, public_id) -> tuple[BidDocument, str, bytes]:
    """A document of a bid the user may see, its file name and its bytes; DoesNotExist for
    anyone else, the same as for a document that does not exist."""
    from .services import bid_content_for

    document = (BidDocument.objects.visible_to(user).select_related("bid")
                .get(public_id=public_id, bid__tender=tender))
    try:
        content = bid_content_for(user=user, bid=document.bid)
    except PermissionDenied as exc:
        raise BidDocument.DoesNotExist from exc
    meta = (content.get("documents") or {}).get(document.kind) or {}
    return document, meta.get("filename") or document.kind, sealing.unseal_bytes(
        document.sealed)


def evaluations_by_lot(*, user, tender: Tender) -> list[tuple]:
    """[(lot, [bids ranked first, then the rest, excluded last])] for the evaluation page;
    each bid's `terms` are what it says (content.BidContent)."""
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
    return Organisation.objects.filter(cooperative=cooperative, kind=OrgKind.SUPPLIER,
                                       is_active=True).order_by("name")


def tkdn_sources(*, user, organisation):
    """What a bid may cite for its TKDN: unexpired certificates and worksheet versions."""
    certificates = offerable_certificates(user=user, organisation=organisation)
    versions = (WorksheetVersion.objects.filter(worksheet__organisation=organisation)
                .select_related("worksheet").order_by("worksheet__product", "-number"))
    return certificates, versions


def member_tkdn_sources(*, user, members) -> dict[int, tuple[list, list]]:
    """member id → (unexpired certificates, worksheet versions) the cooperative may cite
    for that member (it reads its members' worksheets: VIEW_PRIVATE), in two queries."""
    found = {member.pk: ([], []) for member in members}
    for cert in (TkdnCertificate.objects.visible_to(user)
                 .filter(organisation__in=list(found), valid_until__gte=clock.today())
                 .order_by("product", "-valid_until")):
        found[cert.organisation_id][0].append(cert)
    for version in (WorksheetVersion.objects
                    .filter(worksheet__in=Worksheet.objects.visible_to(user)
                            .filter(organisation__in=list(found)))
                    .select_related("worksheet").order_by("worksheet__product", "-number")):
        found[version.worksheet.organisation_id][1].append(version)
    return found


