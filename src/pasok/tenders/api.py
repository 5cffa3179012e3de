"""Tenders over the API: the same selectors and services as the pages, so a sealed bid is
as unreadable here as anywhere."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema, Status

from . import selectors, services
from .models import Bid

router = Router(tags=["tenders"])


class LotOut(Schema):
    id: int
    number: int
    product: str
    grade_id: str | None
    unit_weight_kg: Decimal
    quantity: int
    unit: str
    delivery_schedule: list[int]
    hps_unit_price: Decimal


class TenderOut(Schema):
    id: int
    reference: str
    title: str
    buyer: str = Field(..., alias="buyer.name")
    status: str
    bid_deadline: datetime
    opening_time: datetime
    min_tkdn_percent: Decimal
    small_business_reserved: bool
    required_documents: list[str]
    lots: list[LotOut]

    @staticmethod
    def resolve_lots(obj):
        return list(obj.lots.all())


class BidIn(Schema):
    unit_price: Decimal
    quantity: int
    monthly_capacity: int
    origin: str = "domestic"
    certificate_id: int | None = None
    worksheet_version_id: int | None = None
    siinas_registered: bool = False
    documents: list[str] = []
    total_price: Decimal | None = None


class ReceiptOut(Schema):
    bid_id: int
    version: int
    digest: str
    nonce: str
    received_at: datetime


class BidOut(Schema):
    id: int
    lot: int = Field(..., alias="lot.number")
    bidder: str = Field(..., alias="bidder.name")
    digest: str
    version: int
    received_at: datetime = Field(..., alias="submitted_at")
    withdrawn: bool
    content: dict | None

    @staticmethod
    def resolve_withdrawn(obj):
        return obj.withdrawn_at is not None


@router.get("", response=list[TenderOut], summary="Tenders the caller may see")
def tender_list(request):
    return list(selectors.tenders_for(user=request.auth))


@router.get("/{int:tender_id}", response=TenderOut)
def tender_detail(request, tender_id: int):
    return selectors.tender_get(user=request.auth, pk=tender_id)


@router.post("/{int:tender_id}/lots/{int:lot_id}/bid", response={201: ReceiptOut},
             summary="Submit or replace the caller's sealed bid on a lot")
def bid_submit(request, tender_id: int, lot_id: int, payload: BidIn):
    tender = selectors.tender_get(user=request.auth, pk=tender_id)
    bid, nonce = services.bid_submit(by=request.auth, lot=tender.lots.get(pk=lot_id),
                                     **payload.dict())
    return Status(201, {"bid_id": bid.pk, "version": bid.version, "digest": bid.digest,
                        "nonce": nonce, "received_at": bid.submitted_at})


@router.get("/{int:tender_id}/bids", response=list[BidOut],
            summary="Bids the caller may read: its own; after opening, the tender's")
def bids(request, tender_id: int):
    tender = selectors.tender_get(user=request.auth, pk=tender_id)
    visible = (Bid.objects.visible_to(request.auth).filter(tender=tender)
               .select_related("lot", "bidder"))
    result = []
    for bid in visible:
        try:
            bid.content = services.bid_content_for(user=request.auth, bid=bid)
        except PermissionDenied:
            bid.content = None
        result.append(bid)
    return result
