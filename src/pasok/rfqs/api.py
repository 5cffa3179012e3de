"""Requests for quotation over the API: the same selectors and services as the pages, so a
sealed quotation is as unreadable here as anywhere (what it says is never listed: the
caller's receipt only)."""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Router, Schema, Status

from . import bounds, selectors, services

router = Router(tags=["requests for quotation"])


class RfqOut(Schema):
    id: UUID = Field(..., alias="public_id")
    reference: str
    buyer: str = Field(..., alias="buyer.name")
    part_name: str
    family: str = Field(..., description="The part family (suppliers.catalogue.PART_FAMILIES)")
    grade: str = Field(..., alias="grade_id")
    unit_weight_kg: Decimal
    annual_volume: int
    target_unit_price: Decimal
    certificate: str = Field(..., description="The certificate needed, or empty")
    deadline: datetime


class QuotationIn(Schema):
    unit_price: bounds.UNIT_PRICE.schema_type()
    lead_time_weeks: bounds.LEAD_TIME_WEEKS.schema_type()
    monthly_capacity: bounds.MONTHLY_CAPACITY.schema_type()
    valid_until: date
    note: str = ""


class QuotationReceiptOut(Schema):
    quotation_id: UUID = Field(..., description="The quotation's public id (random)")
    version: int
    digest: str
    nonce: str
    received_at: datetime


@router.get("", response=list[RfqOut],
            summary="Requests for quotation the caller may see (a buyer's own, a supplier's "
                    "invitations)")
def rfq_list(request):
    return list(selectors.rfq_list(user=request.auth))


@router.post("/{uuid:rfq_id}/quotation", response={201: QuotationReceiptOut},
             summary="Submit or replace the caller's sealed quotation")
def quotation_submit(request, rfq_id: UUID, payload: QuotationIn):
    rfq = selectors.rfq_get(user=request.auth, public_id=rfq_id)
    quotation, nonce = services.quotation_submit(by=request.auth, rfq=rfq, **payload.dict())
    return Status(201, {"quotation_id": quotation.public_id, "version": quotation.version,
                        "digest": quotation.digest, "nonce": nonce,
                        "received_at": quotation.submitted_at})
