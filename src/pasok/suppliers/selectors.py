"""Reads of the supplier registry. Every selector takes the acting user and returns only
what that user may see (pasok.accounts.permissions)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.tkdn.models import TkdnCertificate

from .models import Certificate, SupplierProfile
from .query_parse import parse_query


@dataclass
class SearchCriteria:
    """What a buyer asks for. Processes must all be offered; any one of the grades will do;
    the supplier's casting weight range must cover [weight_min, weight_max]."""

    text: str = ""
    processes: list[str] = field(default_factory=list)
    grades: list[str] = field(default_factory=list)
    weight_min: Decimal | None = None
    weight_max: Decimal | None = None
    free_capacity_kg: int | None = None
    province: str = ""
    regency: str = ""
    certificate: str = ""
    verified_only: bool = False
    size_classes: list[str] = field(default_factory=list)

    def merged_with_text(self) -> tuple["SearchCriteria", list[str]]:
        """Fold what the free text names (grades, processes, weights) into the filters;
        return the criteria and the remaining words."""
        parsed = parse_query(self.text)
        merged = SearchCriteria(**{**self.__dict__})
        merged.grades = list(dict.fromkeys([*self.grades, *parsed.grades]))
        merged.processes = list(dict.fromkeys([*self.processes, *parsed.processes]))
        if merged.weight_min is None and merged.weight_max is None:
            merged.weight_min, merged.weight_max = parsed.weight_min, parsed.weight_max
        return merged, parsed.words


def supplier_get(*, user, pk: int) -> Organisation:
    """One supplier-side organisation the user may see (raises DoesNotExist otherwise)."""
    return (Organisation.objects.visible_to(user).supplier_side()
            .select_related("profile", "cooperative", "verified_by").get(pk=pk))


def organisation_get(*, user, pk: int) -> Organisation:
    return (Organisation.objects.visible_to(user)
            .select_related("cooperative", "verified_by").get(pk=pk))


def _through_exists(through, column: str, codes: list[str]):
    return Exists(through.objects.filter(supplierprofile_id=OuterRef("pk"),
                                         **{f"{column}__in": codes}))


def search_suppliers(*, user, criteria: SearchCriteria):
    """Supplier-side organisations matching `criteria`, most relevant first: words found in
    the name, then verified ones, then the most free capacity."""
    criteria, words = criteria.merged_with_text()
    # Only what a result row shows: wide text columns would make sorting thousands of
    # matches spill to disk (bench/RESULTS.md).
    qs = (Organisation.objects.visible_to(user).supplier_side()
          .filter(profile__isnull=False).select_related("profile")
          .defer("profile__search_text", "profile__description", "profile__buyers_served"))
    through_processes = SupplierProfile.processes.through
    for code in criteria.processes:
        qs = qs.filter(_through_exists(through_processes, "process_id", [code]))
    if criteria.grades:
        qs = qs.filter(_through_exists(SupplierProfile.grades.through, "materialgrade_id",
                                       criteria.grades))
    low = criteria.weight_min if criteria.weight_min is not None else criteria.weight_max
    high = criteria.weight_max if criteria.weight_max is not None else criteria.weight_min
    if low:  # 0 is an open lower bound: anything up to `high`
        qs = qs.filter(profile__weight_min_kg__lte=low)
    if high:
        qs = qs.filter(profile__weight_max_kg__gte=high)
    if criteria.free_capacity_kg:
        qs = qs.filter(profile__free_capacity_kg__gte=criteria.free_capacity_kg)
    if criteria.province:
        qs = qs.filter(province=criteria.province)
    if criteria.regency:
        qs = qs.filter(regency__icontains=criteria.regency)
    if criteria.certificate == "tkdn":
        qs = qs.filter(Exists(TkdnCertificate.objects.filter(  # verified, not self-declared
            organisation_id=OuterRef("pk"), valid_until__gte=clock.today(),
            self_declared=False)))
    elif criteria.certificate:
        valid = Q(valid_until__isnull=True) | Q(valid_until__gte=clock.today())
        qs = qs.filter(Exists(Certificate.objects.filter(
            valid, profile_id=OuterRef("pk"), kind=criteria.certificate)))
    if criteria.verified_only:
        qs = qs.filter(verified_at__isnull=False)
    if criteria.size_classes:
        qs = qs.filter(size_class__in=criteria.size_classes)
    for word in words:
        qs = qs.filter(profile__search_text__contains=word)
    name_hits = [When(name__icontains=word, then=Value(1)) for word in words]
    relevance = sum((Case(hit, default=Value(0), output_field=IntegerField())
                     for hit in name_hits), Value(0))
    return qs.annotate(
        relevance=relevance,
        verified_rank=Case(When(verified_at__isnull=False, then=Value(1)), default=Value(0),
                         output_field=IntegerField()),
        free_kg=Coalesce("profile__free_capacity_kg", Value(0)),
    ).order_by("-relevance", "-verified_rank", "-free_kg", "name", "pk")
