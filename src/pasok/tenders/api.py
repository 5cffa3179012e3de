"""Tenders over the API: the same selectors and services as the pages, so a sealed bid is
as unreadable here as anywhere."""

import base64
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from . import bounds, documents, selectors, services
from .bid_tkdn import MemberShare
from .documents import Upload
from .models import Bid, BidDocument

router = Router(tags=["tenders"])


class LotOut(Schema):
    id: int
    number: int
    product: str
    family: str = Field(..., description="The part family (suppliers.catalogue.PART_FAMILIES)")
    grade_id: str | None
    unit_weight_kg: Decimal
    quantity: int
    unit: str
    delivery_schedule: list[int]
    hps_unit_price: Decimal
    covered_quantity: int | None = Field(None, description="Units the award covered")
    uncovered_quantity: int | None = Field(
        None, description="Units the award left uncovered (for a new tender)")


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


class DocumentIn(Schema):
    kind: str = Field(..., description="One of the tender's required_documents")
    filename: str
    content_base64: str = Field(..., description="The file (PDF, JPEG or PNG, at most "
                                                 "10 MB), base64-encoded")


class MemberIn(Schema):
    organisation_id: int
    quantity: bounds.MEMBER_QUANTITY.schema_type()
    certificate_id: int | None = Field(None, description="With tkdn_from_members: this "
                                                         "member's TKDN certificate")
    worksheet_version_id: int | None = Field(None, description="… or worksheet version")


class BidIn(Schema):
    unit_price: bounds.UNIT_PRICE.schema_type()
    quantity: bounds.BID_QUANTITY.schema_type()
    monthly_capacity: bounds.MONTHLY_CAPACITY.schema_type()
    origin: str = "domestic"
    certificate_id: int | None = None
    worksheet_version_id: int | None = None
    siinas_registered: bool = False
    documents: list[DocumentIn] = Field(
        [], description="Files for the tender's required documents; a replacement keeps "
                        "the files of the documents it does not send again")
    members: list[MemberIn] = Field(
        [], description="A cooperative's bid: the members who will make it and each one's "
                        "quantity, adding up to `quantity`")
    tkdn_from_members: bool = Field(
        False, description="A cooperative's TKDN and BMP weighted from the members' values "
                           "(each member's certificate_id or worksheet_version_id)")
    total_price: bounds.TOTAL_PRICE.schema_type() | None = None

    def service_arguments(self) -> dict:
        data = self.dict(exclude={"documents", "members"})
        uploads, errors = {}, []
        for document in self.documents:
            try:
                data_bytes = base64.b64decode(document.content_base64, validate=True)
            except ValueError:
                errors.append(_("%(kind)s: the file is not valid base64.")
                              % {"kind": document.kind})
                continue
            uploads[document.kind] = Upload(document.filename, data_bytes)
        if errors:
            raise ValidationError({"documents": errors})
        return {**data, "documents": uploads,
                "members": [MemberShare(m.organisation_id, m.quantity, m.certificate_id,
                                        m.worksheet_version_id) for m in self.members]}


class ReceiptOut(Schema):
    bid_id: UUID = Field(..., description="The bid's public id (random: it tells nothing of "
                                          "other bids)")
    version: int
    digest: str
    nonce: str
    received_at: datetime


class DocumentOut(Schema):
    id: UUID = Field(..., alias="public_id")
    kind: str
    content_type: str
    size: int
    sha256: str


class BidOut(Schema):
    id: UUID = Field(..., alias="public_id")
    lot: int = Field(..., alias="lot.number")
    bidder: str = Field(..., alias="bidder.name")
    digest: str
    version: int
    received_at: datetime = Field(..., alias="submitted_at")
    withdrawn: bool
    content: dict | None
    documents: list[DocumentOut] = Field(
        [], description="Download each from /tenders/{tender_id}/documents/{id}")

    @staticmethod
    def resolve_withdrawn(obj):
        return obj.withdrawn_at is not None

    @staticmethod
    def resolve_documents(obj):
        return obj.documents_out


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
    bid, nonce = services.bid_submit(by=request.auth, lot=selectors.lot_of(tender, lot_id),
                                     **payload.service_arguments())
    return Status(201, {"bid_id": bid.public_id, "version": bid.version, "digest": bid.digest,
                        "nonce": nonce, "received_at": bid.submitted_at})


@router.get("/{int:tender_id}/bids", response=list[BidOut],
            summary="Bids the caller may read: its own; after opening, the tender's")
def bids(request, tender_id: int):
    tender = selectors.tender_get(user=request.auth, pk=tender_id)
    visible = (Bid.objects.visible_to(request.auth).filter(tender=tender)
               .select_related("lot", "bidder")
               .prefetch_related(Prefetch("documents",
                                          queryset=BidDocument.objects.defer("sealed"))))
    result = []
    for bid in visible:
        try:
            bid.content = services.visible_bid_content(user=request.auth, bid=bid)
        except PermissionDenied:
            bid.content = None
        bid.documents_out = list(bid.documents.all()) if bid.content is not None else []
        result.append(bid)
    return result


@router.get("/{int:tender_id}/documents/{uuid:document_id}",
            summary="A bid's document (the file), for whoever may read the bid",
            description="The bidder's people before the opening; afterwards whoever may read "
                        "the opened bid. Anyone else gets 404.",
            response={200: None})
def bid_document(request, tender_id: int, document_id: UUID):
    tender = selectors.tender_get(user=request.auth, pk=tender_id)
    document, filename, data = selectors.bid_document_file(user=request.auth, tender=tender,
                                                           public_id=document_id)
    return documents.download(document, filename, data)
