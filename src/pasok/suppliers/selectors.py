"""Reads of the supplier registry. Every selector takes the acting user and returns only
what that user may see (pasok.accounts.permissions)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils.translation import gettext_lazy as _

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.months import add_months, month_start, month_starts
from pasok.tkdn.models import TkdnCertificate

from .capacity import Holder
from .capacity import source as booking_source
from .models import BookedMonth, CapacityBooking, Certificate, SupplierProfile
from .query_parse import ParsedQuery, parse_query

SORTS = (
    ("fit", _("best fit")),
    ("free", _("most free capacity")),
    ("name", _("name")),
    ("tkdn", _("highest TKDN")),
)
SORT_CODES = tuple(code for code, _label in SORTS)


def coming_month() -> dt.date:
    """The month a search asks about unless told: the next calendar month."""
    return add_months(month_start(clock.today()), 1)


@dataclass
class SearchCriteria:
    """What a buyer asks for. Processes must all be offered; any one of the grades will do;
    the supplier's casting weight range must cover [weight_min, weight_max]; at least
    `free_capacity_kg` free in `month` (None: the coming month). `need_kg` only ranks: the
    share of it a supplier has free. The free text matches a supplier's name whole, or its
    grades, processes, weights and words (query_parse) all hold."""

    text: str = ""
    processes: list[str] = field(default_factory=list)
    grades: list[str] = field(default_factory=list)
    weight_min: Decimal | None = None
    weight_max: Decimal | None = None
    free_capacity_kg: int | None = None
    need_kg: int | None = None
    month: dt.date | None = None
    province: str = ""
    regency: str = ""
    certificate: str = ""
    verified_only: bool = False
    size_classes: list[str] = field(default_factory=list)
    sort: str = "fit"

    @property
    def parsed(self) -> ParsedQuery:
        return parse_query(self.text)

    @property
    def asked_month(self) -> dt.date:
        return self.month or coming_month()

    @property
    def asked_kg(self) -> int | None:
        """The kilograms a result's free capacity is measured against."""
        return self.need_kg or self.free_capacity_kg or None

    def text_weights(self) -> tuple[Decimal | None, Decimal | None]:
        """The weight range the text names, unless the form gives one."""
        if self.weight_min is not None or self.weight_max is not None:
            return None, None
        return self.parsed.weight_min, self.parsed.weight_max


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


def offers_process(code: str) -> Exists:
    """The supplier's profile offers the process."""
    return _through_exists(SupplierProfile.processes.through, "process_id", [code])


def casts_a_grade(codes: list[str]) -> Exists:
    """The supplier's profile casts one of the grades at least."""
    return _through_exists(SupplierProfile.grades.through, "materialgrade_id", codes)


def covers_weights(weight_min, weight_max) -> Q:
    """The supplier's casting weight range covers [min, max] (one given: that weight)."""
    low = weight_min if weight_min is not None else weight_max
    high = weight_max if weight_max is not None else weight_min
    condition = Q()
    if low:  # 0 is an open lower bound: anything up to `high`
        condition &= Q(profile__weight_min_kg__lte=low)
    if high:
        condition &= Q(profile__weight_max_kg__gte=high)
    return condition


def holds_certificate(kind: str, organisation: str = "pk") -> Exists:
    """A valid certificate of the kind: a verified TKDN certificate for "tkdn" (not a
    self-declared one), else one on the profile that has not expired; of the organisation
    the outer row's `organisation` column names (an RFQ's quotation: "supplier_id")."""
    if kind == "tkdn":
        return Exists(TkdnCertificate.objects.filter(
            organisation_id=OuterRef(organisation), valid_until__gte=clock.today(),
            self_declared=False))
    valid = Q(valid_until__isnull=True) | Q(valid_until__gte=clock.today())
    return Exists(Certificate.objects.filter(valid, profile_id=OuterRef(organisation),
                                             kind=kind))


def _capability(processes: list[str], grades: list[str], weight_min, weight_max) -> list:
    """Conditions: every process, any grade, a weight range covering [min, max]."""
    conditions = [offers_process(code) for code in processes]
    if grades:
        conditions.append(casts_a_grade(grades))
    if weights := covers_weights(weight_min, weight_max):
        conditions.append(weights)
    return conditions


def capable_of(criteria: SearchCriteria) -> Q:
    """Suppliers whose profile can cast what `criteria` asks (its processes, grades and
    weights, not the text): the search's filter, and who a tender's notice goes to
    (tenders/tasks.py, a lot's criteria_for_lot)."""
    return Q(*_capability(criteria.processes, criteria.grades, criteria.weight_min,
                          criteria.weight_max))


def criteria_for_lot(lot) -> SearchCriteria:
    """What a tender's lot asks of a supplier: its grade when it names one, and a casting
    weight range that covers its unit weight."""
    return SearchCriteria(grades=[lot.grade_id] if lot.grade_id else [],
                          weight_min=lot.unit_weight_kg, weight_max=lot.unit_weight_kg)


def _text_condition(qs, criteria: SearchCriteria) -> Q | None:
    """The typed text: everything it names (its grades, processes and weights; each other
    word in the search text). Where it names grades, processes or weights, also a supplier
    whose name holds the whole text, so "Presisi Logam" (a process word) is found by name.
    Words alone need no such escape: the search text holds the name."""
    phrase = " ".join(criteria.text.split())
    parsed = criteria.parsed
    capability = _capability(parsed.processes, parsed.grades, *criteria.text_weights())
    named = [*capability, *(Q(profile__search_text__contains=w) for w in parsed.words)]
    if not named:
        return None
    if capability:
        # Asked apart (the search text's index finds the phrase), so the usual query keeps
        # its plain plan when no name holds it.
        in_name = list(qs.filter(profile__search_text__contains=phrase.lower(),
                                 name__icontains=phrase)
                       .values_list("pk", flat=True)[:NAME_HITS])
        if in_name:
            return Q(pk__in=in_name) | Q(*named)
    return Q(*named)


NAME_HITS = 50  # suppliers found by the whole text in their name, at most


def with_free_kg(qs, month: dt.date):
    """`free_kg`: a supplier's free capacity in `month` (kg, never below 0), the profile's
    monthly capacity less that month's bookings. An indexed subquery (one BookedMonth row,
    unique per organisation and month): PostgreSQL runs it only for the rows a filter or
    the sort needs, and otherwise for the page's twenty rows alone."""
    booked = BookedMonth.objects.filter(organisation=OuterRef("pk"), month=month)
    return qs.annotate(free_kg=Greatest(
        Coalesce("profile__monthly_capacity_kg", Value(0))
        - Coalesce(Subquery(booked.values("kg")[:1]), Value(0)), Value(0)))


def _flag(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


# What a result row, the API list and the exports show, and nothing more: every other
# column would be carried through the sort of all matches (bench/RESULTS.md).
RESULT_FIELDS = ("name", "kind", "nib", "size_class", "district", "regency", "province",
                 "verified_at", "cooperative", "profile__weight_min_kg",
                 "profile__weight_max_kg", "profile__monthly_capacity_kg",
                 "profile__workforce_total")


def search_suppliers(*, user, criteria: SearchCriteria):
    """Supplier-side organisations matching `criteria`, annotated with `free_kg` (in the
    asked month), in the asked order. Best fit: the whole text in the name, then words of
    it in the name, then the share of the asked kilograms free that month (capped at all
    of it, so a large foundry does not outrank one that has enough; without kilograms
    asked, whether the profile states a capacity at all), then verified, then name."""
    qs = (Organisation.objects.visible_to(user).supplier_side()
          .filter(profile__isnull=False).select_related("profile").only(*RESULT_FIELDS))
    qs = qs.filter(capable_of(criteria))
    if (text := _text_condition(qs, criteria)) is not None:
        qs = qs.filter(text)
    qs = with_free_kg(qs, criteria.asked_month)
    if criteria.free_capacity_kg:
        qs = qs.filter(free_kg__gte=criteria.free_capacity_kg)
    if criteria.province:
        qs = qs.filter(province=criteria.province)
    if criteria.regency:
        qs = qs.filter(regency__icontains=criteria.regency)
    if criteria.certificate:
        qs = qs.filter(holds_certificate(criteria.certificate))
    if criteria.verified_only:
        qs = qs.filter(verified_at__isnull=False)
    if criteria.size_classes:
        qs = qs.filter(size_class__in=criteria.size_classes)
    return _ordered(qs, criteria)


COVERED_MAX = 1000  # the asked kilograms all free, in thousandths


def _ordered(qs, criteria: SearchCriteria):
    if criteria.sort == "name":
        return qs.order_by("name", "pk")
    if criteria.sort == "free":
        return qs.order_by("-free_kg", "name", "pk")
    if criteria.sort == "tkdn":
        best = (TkdnCertificate.objects.filter(organisation_id=OuterRef("pk"),
                                               valid_until__gte=clock.today())
                .order_by("-tkdn_percent").values("tkdn_percent")[:1])
        return qs.annotate(tkdn=Subquery(best)).order_by(F("tkdn").desc(nulls_last=True),
                                                         "name", "pk")
    phrase = " ".join(criteria.text.split())
    words = criteria.parsed.words if phrase else []
    asked = criteria.asked_kg
    # Without kilograms asked, a profile that states a capacity comes before one that does
    # not, and the month's bookings are read for the page's rows only.
    covered = (Least(F("free_kg"), Value(asked)) * COVERED_MAX / Value(asked) if asked
               else _flag(Q(profile__monthly_capacity_kg__gt=0)))
    # One number, so PostgreSQL ranks after joining the profile (a top-20 heap) rather
    # than sorting every organisation by its name first: the whole text in the name
    # outweighs any number of words in it, a word outweighs any share of capacity (0–1000).
    word = Value(COVERED_MAX + 1)
    phrase_weight = Value((COVERED_MAX + 1) * (len(words) + 1))
    in_name = sum((_flag(Q(name__icontains=w)) * word for w in words), Value(0))
    if phrase:
        in_name = in_name + _flag(Q(name__icontains=phrase)) * phrase_weight
    return qs.annotate(covered=covered).annotate(
        fit=in_name + F("covered"), verified_rank=_flag(Q(verified_at__isnull=False)),
    ).order_by("-fit", "-verified_rank", "name", "pk")


@dataclass
class BookedBy:
    code: str  # the source's name ("award", "plan")
    source: str  # its label
    holder: Holder
    kg: int


@dataclass
class CapacityMonth:
    month: dt.date
    capacity_kg: int
    booked: list[BookedBy]

    @property
    def booked_kg(self) -> int:
        return sum(b.kg for b in self.booked)

    @property
    def free_kg(self) -> int:
        return max(0, self.capacity_kg - self.booked_kg)

    @property
    def overbooked_kg(self) -> int:
        return max(0, self.booked_kg - self.capacity_kg)


PROFILE_MONTHS = 6


def capacity_calendar(*, user, organisation: Organisation, first: dt.date | None = None,
                      months: int = PROFILE_MONTHS) -> list[CapacityMonth]:
    """The organisation's capacity, what books it (each record named and linked as `user`
    may see it) and what is free, per month from `first` (this month unless told)."""
    profile = getattr(organisation, "profile", None)
    capacity = profile.monthly_capacity_kg if profile else 0
    starts = month_starts(first or month_start(clock.today()), months)
    rows = list(CapacityBooking.objects.filter(organisation=organisation, month__in=starts))
    holders = {name: booking_source(name).holders(
        user=user, ref_ids={r.ref_id for r in rows if r.source == name})
        for name in {r.source for r in rows}}
    calendar = {m: CapacityMonth(m, capacity, []) for m in starts}
    for r in rows:
        calendar[r.month].booked.append(BookedBy(
            r.source, str(booking_source(r.source).label), holders[r.source][r.ref_id], r.kg))
    return list(calendar.values())
