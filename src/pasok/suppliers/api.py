from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from pasok.accounts import permissions
from pasok.accounts.models import Organisation
from pasok.accounts.services import organisation_verify
from pasok.months import month_start
from pasok.web.file_limits import check_size
from pasok.web.numbers import NOTATIONS

from . import bounds, selectors
from .importing import FILE_LIMIT, import_suppliers
from .query_parse import parse_query
from .services import profile_save

router = Router(tags=["suppliers"])


class SearchParams(Schema):
    q: str = ""
    process: list[str] = Field(default_factory=list)
    grade: list[str] = Field(default_factory=list)
    weight_min: bounds.SEARCH_WEIGHT_MIN.schema_type() | None = None
    weight_max: bounds.SEARCH_WEIGHT_MAX.schema_type() | None = None
    month: date | None = Field(None, description="Free capacity in this month (its first "
                                                 "day); default: the coming month")
    free_capacity: bounds.SEARCH_FREE_KG.schema_type() | None = Field(
        None, description="Free kg that month at least")
    need: bounds.SEARCH_NEED_KG.schema_type() | None = Field(
        None, description="kg needed that month: ranks by the share of it free")
    province: str = ""
    regency: str = ""
    certificate: str = ""
    verified: bool = False
    size: list[str] = Field(default_factory=list)
    sort: Literal[selectors.SORT_CODES] = "fit"

    @field_validator("q")
    @classmethod
    def weights_readable(cls, q: str) -> str:
        """A weight in the query that cannot be read is refused, as on the page."""
        if problems := parse_query(q).problems:
            # A custom error keeps the message ours: a ValueError reads "Value error, ...".
            raise PydanticCustomError("unreadable_weight", "{problems}",
                                      {"problems": " ".join(problems)})
        return q

    def criteria(self) -> selectors.SearchCriteria:
        return selectors.SearchCriteria(
            text=self.q, processes=self.process, grades=self.grade,
            weight_min=self.weight_min, weight_max=self.weight_max,
            free_capacity_kg=self.free_capacity, need_kg=self.need,
            month=month_start(self.month) if self.month else None, province=self.province,
            regency=self.regency, certificate=self.certificate, verified_only=self.verified,
            size_classes=self.size, sort=self.sort)


class SupplierSummary(Schema):
    id: int
    name: str
    kind: str
    verified: bool = Field(..., alias="is_verified")
    size_class: str
    regency: str
    province: str
    monthly_capacity_kg: int = Field(..., alias="profile.monthly_capacity_kg")
    free_capacity_kg: int = Field(..., alias="free_kg",
                                  description="Free in the month searched for")


class CertificateOut(Schema):
    kind: str
    number: str
    product: str
    issued_on: date | None
    valid_until: date | None


class FurnaceOut(Schema):
    kind: str
    tonnes_per_heat: Decimal
    count: int


class ProductOut(Schema):
    name: str
    grade_id: str | None
    unit_weight_kg: Decimal | None


class ProfileOut(Schema):
    processes: list[str]
    grades: list[str]
    weight_min_kg: Decimal | None
    weight_max_kg: Decimal | None
    monthly_capacity_kg: int
    workforce_total: int
    workforce_women: int
    description: str
    buyers_served: list[str]
    furnaces: list[FurnaceOut]
    certificates: list[CertificateOut]
    products: list[ProductOut]

    @staticmethod
    def resolve_processes(obj):
        return [p.pk for p in obj.processes.all()]

    @staticmethod
    def resolve_grades(obj):
        return [g.pk for g in obj.grades.all()]

    @staticmethod
    def resolve_furnaces(obj):
        return list(obj.furnaces.all())

    @staticmethod
    def resolve_certificates(obj):
        return list(obj.certificates.all())

    @staticmethod
    def resolve_products(obj):
        return list(obj.products.all())


class CapacityMonthOut(Schema):
    month: date
    capacity_kg: int
    booked_kg: int
    free_kg: int


class SupplierDetail(Schema):
    id: int
    name: str
    kind: str
    nib: str | None
    npwp: str
    verified: bool = Field(..., alias="is_verified")
    verified_at: str | None
    size_class: str
    address: str
    district: str
    regency: str
    province: str
    cooperative_id: int | None
    profile: ProfileOut
    capacity: list[CapacityMonthOut] = Field(
        ..., description="Booked and free capacity in this month and the next five")

    @staticmethod
    def resolve_capacity(obj, context):
        return selectors.capacity_calendar(user=context["request"].auth, organisation=obj)

    @staticmethod
    def resolve_verified_at(obj):
        return obj.verified_at.isoformat() if obj.verified_at else None


class ProfileIn(Schema):
    processes: list[str] | None = None
    grades: list[str] | None = None
    weight_min_kg: bounds.PROFILE["weight_min_kg"].schema_type() | None = None
    weight_max_kg: bounds.PROFILE["weight_max_kg"].schema_type() | None = None
    monthly_capacity_kg: bounds.PROFILE["monthly_capacity_kg"].schema_type() | None = None
    workforce_total: bounds.PROFILE["workforce_total"].schema_type() | None = None
    workforce_women: bounds.PROFILE["workforce_women"].schema_type() | None = None
    description: str | None = None
    buyers_served: list[str] | None = None


class ImportProblemOut(Schema):
    row: int
    column: str
    message: str


class ImportReportOut(Schema):
    dry_run: bool
    rows: int
    created: int
    problems: list[ImportProblemOut]


@router.get("", response=list[SupplierSummary], summary="Capability search")
@paginate(PageNumberPagination, page_size=20)
def search(request, params: Query[SearchParams]):
    if not permissions.may_search_suppliers(request.auth):
        raise PermissionDenied
    return selectors.search_suppliers(user=request.auth, criteria=params.criteria())


@router.get("/{int:supplier_id}", response=SupplierDetail, summary="One supplier's profile")
def detail(request, supplier_id: int):
    return selectors.supplier_get(user=request.auth, pk=supplier_id)


@router.patch("/{int:supplier_id}/profile", response=SupplierDetail,
              summary="Change a capability profile (only the fields given)")
def update_profile(request, supplier_id: int, payload: ProfileIn):
    org = selectors.supplier_get(user=request.auth, pk=supplier_id)
    data = payload.dict(exclude_unset=True)
    profile_save(by=request.auth, organisation=org, processes=data.pop("processes", None),
                 grades=data.pop("grades", None), fields=data)
    return selectors.supplier_get(user=request.auth, pk=supplier_id)


@router.post("/{int:supplier_id}/verify", response=SupplierDetail, summary="Verify a supplier")
def verify(request, supplier_id: int):
    org = get_object_or_404(Organisation.objects.visible_to(request.auth).supplier_side(),
                            pk=supplier_id)
    organisation_verify(by=request.auth, organisation=org)
    return selectors.supplier_get(user=request.auth, pk=supplier_id)


@router.post("/import", response={200: ImportReportOut, 422: ImportReportOut},
             summary="Bulk import from CSV or XLSX (all or nothing)")
def bulk_import(request, file: File[UploadedFile], dry_run: bool = True,
                notation: Literal["id", "en"] = "id"):
    """Numbers written as text are read in `notation`: id (1.250.000 and 12,5, the default)
    or en (1,250,000 and 12.5). A file over the import's size limit: 413."""
    check_size(file.name, file.size, FILE_LIMIT)  # before it is read
    report = import_suppliers(by=request.auth, file_name=file.name, data=file.read(),
                              dry_run=dry_run, notation=NOTATIONS[notation])
    return Status(422 if report.problems else 200, report)
