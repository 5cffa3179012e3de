from datetime import date
from decimal import Decimal
from uuid import UUID

from ninja import Field, Router, Schema, Status

from pasok.accounts.models import Organisation
from pasok.accounts.permissions import VIEW_PRIVATE
from pasok.rules.tkdn_json import result_to_dict
from pasok.suppliers import selectors as supplier_selectors

from . import selectors, services

router = Router(tags=["local content (TKDN)"])


class FactorOut(Schema):
    cost: float
    domestic_percent: float


class ResultOut(Schema):
    regime: str
    product: str
    tkdn_percent: float
    factors: dict[str, FactorOut]
    total_cost: float
    warnings: list[str]


class VersionOut(Schema):
    worksheet_id: UUID = Field(..., alias="worksheet.public_id")
    number: int
    regime: str
    tkdn_percent: Decimal
    created_at: str
    data: dict
    result: ResultOut

    @staticmethod
    def resolve_created_at(obj):
        return obj.created_at.isoformat()


class WorksheetOut(Schema):
    id: UUID = Field(..., alias="public_id")
    product: str
    latest: VersionOut | None


class WorksheetIn(Schema):
    """The worksheet JSON of `pasok tkdn compute` (docs/interfaces.md)."""

    regime: str = "permenperin-35-2025"
    product: str
    uncertified: str = "declared"  # or "foreign": how material without a certificate counts
    materials: list[dict]
    labour: list[dict] = []
    overhead: list[dict] = []


class CertificateOut(Schema):
    id: int
    number: str
    regime: str
    product: str
    tkdn_percent: Decimal
    bmp_percent: Decimal
    issued_on: date
    valid_until: date
    verifier: str
    self_declared: bool
    status: str


@router.post("/compute", response=ResultOut,
             summary="Compute a TKDN without saving (same as `pasok tkdn compute`)")
def compute_only(request, payload: WorksheetIn):
    _sheet, result = services.parse_worksheet(payload.dict())
    return result_to_dict(result)


@router.get("/suppliers/{int:supplier_id}/worksheets", response=list[WorksheetOut],
            summary="A supplier's worksheets (its own people, cooperative and ministry only)")
def worksheets(request, supplier_id: int):
    org = Organisation.objects.restrict(request.auth, VIEW_PRIVATE).get(pk=supplier_id)
    return list(selectors.worksheets_of(user=request.auth, organisation=org))


@router.post("/suppliers/{int:supplier_id}/worksheets", response={201: VersionOut},
             summary="Save a new worksheet (its first version)")
def worksheet_create(request, supplier_id: int, payload: WorksheetIn):
    org = supplier_selectors.supplier_get(user=request.auth, pk=supplier_id)
    return Status(201, services.worksheet_save(by=request.auth, organisation=org,
                                               data=payload.dict()))


@router.get("/worksheets/{uuid:worksheet_id}", response=WorksheetOut)
def worksheet_detail(request, worksheet_id: UUID):
    return selectors.worksheet_get(user=request.auth, public_id=worksheet_id)


@router.post("/worksheets/{uuid:worksheet_id}/versions", response={201: VersionOut},
             summary="Save a new version of a worksheet")
def worksheet_version_create(request, worksheet_id: UUID, payload: WorksheetIn):
    worksheet = selectors.worksheet_get(user=request.auth, public_id=worksheet_id)
    version = services.worksheet_save(by=request.auth, organisation=worksheet.organisation,
                                      worksheet=worksheet, data=payload.dict())
    return Status(201, version)


@router.get("/suppliers/{int:supplier_id}/certificates", response=list[CertificateOut])
def certificates(request, supplier_id: int):
    org = supplier_selectors.supplier_get(user=request.auth, pk=supplier_id)
    return selectors.certificates_of(user=request.auth, organisation=org)
