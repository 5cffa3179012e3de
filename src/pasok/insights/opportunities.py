"""The opportunity finder (issue 14): for each family of the part catalogue, which foundries
can make it today, what they could offer a month after what is booked, and what the rest
lack; a cooperative's members together; a foundry's own next steps. Ranked by
rules.opportunities.

Every requirement is one of the capability search's own conditions (suppliers.selectors:
the grade, the casting weight, each process, a valid certificate), so "can make it today" is
exactly what a search with the family's criteria finds (`search_criteria`), not a second
matcher. One query a family counts, in the database, the foundries meeting everything and
those lacking one requirement alone."""

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Max, Q, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation
from pasok.contracts.models import ContractItem, PartnershipCommitment
from pasok.mediation.models import Pairing
from pasok.months import add_months, month_start
from pasok.rfqs.models import Rfq
from pasok.rules.opportunities import Reach
from pasok.suppliers.catalogue import CERTIFICATE_KINDS, PROCESSES
from pasok.suppliers.part_catalogue import FAMILIES, PART_CATALOGUE, PartFamily
from pasok.suppliers.selectors import (
    SearchCriteria,
    casts_a_grade,
    coming_month,
    covers_weights,
    holds_certificate,
    offers_process,
    with_free_kg,
)
from pasok.tenders.models import Lot

from . import capacity_used
from .dashboard import foundries
from .models import ImportedAlternative, OpportunityCount


@dataclass(frozen=True)
class Requirement:
    key: str  # rules.opportunities' key
    label: str
    condition: Q


def requirements(family: PartFamily) -> list[Requirement]:
    """What a foundry needs for the family: the capability search's conditions, named."""
    grades = " / ".join(family.grades)
    found = [
        Requirement("grade", _("grade %(grades)s") % {"grades": grades},
                    Q(casts_a_grade(list(family.grades)))),
        Requirement("weight", _("castings of %(weight)s")
                    % {"weight": family.typical_weight},
                    covers_weights(family.typical_kg, family.typical_kg)),
    ]
    found += [Requirement(f"process:{code}", dict(PROCESSES)[code], Q(offers_process(code)))
              for code in family.processes]
    found += [Requirement(f"certificate:{kind}", dict(CERTIFICATE_KINDS)[kind],
                          Q(holds_certificate(kind)))
              for kind in family.certificates]
    return found


def labels(family: PartFamily) -> dict[str, str]:
    return {r.key: r.label for r in requirements(family)}


def search_criteria(family: PartFamily) -> SearchCriteria:
    """The capability search that finds the foundries able to make the family today (the
    search takes one certificate: the catalogue asks at most one of a family)."""
    return SearchCriteria(processes=list(family.processes), grades=list(family.grades),
                          weight_min=family.typical_kg, weight_max=family.typical_kg,
                          certificate=family.certificates[0] if family.certificates else "")


def _met(condition: Q) -> Case:
    """True or False, never NULL (a profile without a weight range meets no weight)."""
    return Case(When(condition, then=Value(True)), default=Value(False),
                output_field=BooleanField())


def _flags(families) -> tuple[dict[str, Case], dict[str, list[tuple[str, str]]]]:
    """Every distinct requirement of `families` once, as a column (`f<i>`), and each
    family's requirements with their columns: families share grades, weights, processes
    and certificates, and a foundry's row computes each once."""
    columns, by_family, named = {}, {}, {}
    for family in families:
        own = []
        for r in requirements(family):
            same = {"grade": f"grade:{'/'.join(family.grades)}",
                    "weight": f"weight:{family.typical_kg}"}.get(r.key, r.key)
            if same not in named:
                named[same] = f"f{len(named)}"
                columns[named[same]] = _met(r.condition)
            own.append((r.key, named[same]))
        by_family[family.code] = own
    return columns, by_family


def count(scope, families=PART_CATALOGUE, month=None) -> dict[str, Reach]:
    """The families over the foundries of `scope`: how many meet everything (and their free
    kilograms in `month`, the coming one unless told), how many lack one requirement alone.
    One query: the foundries grouped by which requirements they meet."""
    columns, by_family = _flags(families)
    groups = list(with_free_kg(scope, month or coming_month()).annotate(**columns)
                  .values(*columns).annotate(n=Count("pk"), free=Sum("free_kg")).order_by())
    found = {}
    for family in families:
        own = by_family[family.code]
        able = [g for g in groups if all(g[column] for _key, column in own)]
        short = {key: sum(g["n"] for g in groups if not g[column]
                          and all(g[c] for k, c in own if k != key))
                 for key, column in own}
        found[family.code] = Reach(family.code, sum(g["n"] for g in able), short,
                                   sum(g["free"] or 0 for g in able), family.typical_kg,
                                   family.market_a_month)
    return found


def reach(scope, family: PartFamily, month=None) -> Reach:
    """One family over the foundries of `scope` (count)."""
    return count(scope, [family], month)[family.code]


def cluster_scope(cooperative_id: int | None):
    """The foundries the finder counts: the cluster's (or a cooperative's members') with a
    capability profile."""
    return foundries(cooperative_id).filter(profile__isnull=False)


# -- the counts kept (OpportunityCount), counted again by a task when the data changed ----------

def scope_name(cooperative_id: int | None) -> str:
    return "cluster" if cooperative_id is None else f"cooperative:{cooperative_id}"


def month_after(today: dt.date) -> dt.date:
    """The month whose free capacity the counts measure: the coming one."""
    return add_months(month_start(today), 1)


def data_key(cooperative_id: int | None, today: dt.date) -> str:
    """A fingerprint of what the counts read: the day (certificates expire; the coming month
    moves), the scope's foundries and their profiles (a profile's every change, its
    processes, grades and certificates too, moves `updated_at`), the coming month's
    bookings. Two aggregate queries."""
    scope = cluster_scope(cooperative_id)
    profiles = scope.aggregate(n=Count("pk"), ids=Sum("pk"),
                               updated=Max("profile__updated_at"))
    booked = capacity_used.fingerprint(scope, [month_after(today)])
    text = repr((today, sorted(profiles.items()), sorted(booked.items())))
    return hashlib.sha256(text.encode()).hexdigest()


def counts_record(reaches: dict[str, Reach]) -> dict:
    return {code: {"today": r.today, "one_short": dict(r.one_short), "free_kg": r.free_kg}
            for code, r in reaches.items()}


@dataclass(frozen=True)
class Counted:
    """The kept counts of a scope: `reaches` None until first counted; `fresh` when they
    were counted from today's data."""

    reaches: dict[str, Reach] | None
    counted_at: dt.datetime | None
    fresh: bool
    key: str
    queued_at: dt.datetime | None = None

    def seconds_queued(self, now: dt.datetime) -> int:
        return max(0, int((now - self.queued_at).total_seconds())) if self.queued_at else 0


def counted(cooperative_id: int | None, today: dt.date) -> Counted:
    key = data_key(cooperative_id, today)
    row = OpportunityCount.objects.filter(scope=scope_name(cooperative_id)).first()
    if row is None or not row.counts:
        return Counted(None, None, False, key, row.queued_at if row else None)
    reaches = {code: Reach(code, kept["today"], kept["one_short"], kept["free_kg"],
                           FAMILIES[code].typical_kg, FAMILIES[code].market_a_month)
               for code, kept in row.counts.items() if code in FAMILIES}
    return Counted(reaches, row.counted_at,
                   row.data_key == key and len(reaches) == len(FAMILIES), key, row.queued_at)


LISTED = 10  # foundries named on a family's page for each group (the search shows all)


def able_today(cooperative_id: int | None, family: PartFamily) -> list[Organisation]:
    """The foundries meeting everything, most free capacity first (`free_kg` the coming
    month), at most LISTED: the capability search's filter (semi-joins, as it runs)."""
    rows = with_free_kg(cluster_scope(cooperative_id), coming_month())
    return list(rows.filter(*(r.condition for r in requirements(family)))
                .only("name", "regency").order_by("-free_kg", "name")[:LISTED])


@dataclass(frozen=True)
class Short:
    requirement: Requirement
    foundries: list  # at most LISTED of them, by name


def one_short(cooperative_id: int | None, family: PartFamily) -> list[Short]:
    """For each requirement, foundries that lack it alone (a query a requirement)."""
    found, scope, needed = [], cluster_scope(cooperative_id), requirements(family)
    for requirement in needed:
        others = (r.condition for r in needed if r is not requirement)
        named = list(scope.filter(*others).exclude(requirement.condition)
                     .only("name", "regency").order_by("name")[:LISTED])
        if named:
            found.append(Short(requirement, named))
    return found


@dataclass(frozen=True)
class Together:
    """A cooperative's members as one maker of a family: who casts it (the grade in the
    weight, one member), who meets each other requirement, and what none meets."""

    casters: list[str]
    others: list[tuple[Requirement, list[str]]]
    missing: tuple[str, ...]  # requirement labels

    @property
    def can(self) -> bool:
        return not self.missing


def members_together(cooperative_id: int, family: PartFamily) -> Together:
    """One casts, another machines: the grade and the weight must be one member's (the
    caster's); each process and certificate any member's, or the cooperative's own
    profile's for a certificate. One query."""
    found = requirements(family)
    casting, rest = found[:2], found[2:]
    flags = {"casts": _met(casting[0].condition & casting[1].condition)}
    flags.update({f"ok_{i}": _met(r.condition) for i, r in enumerate(rest)})
    rows = list(Organisation.objects.filter(Q(pk=cooperative_id) | Q(
        pk__in=cluster_scope(cooperative_id).values("pk"))).annotate(**flags)
        .values("pk", "name", *flags).order_by("name"))
    members = [row for row in rows if row["pk"] != cooperative_id]
    casters = [row["name"] for row in members if row["casts"]]
    others = []
    for i, r in enumerate(rest):
        holders = members if r.key.startswith("process:") else rows
        others.append((r, [row["name"] for row in holders if row[f"ok_{i}"]]))
    missing = (() if casters else (casting[0].label, casting[1].label))
    missing += tuple(r.label for r, names in others if not names)
    return Together(casters, others, missing)


def missing_for(organisation: Organisation) -> dict[str, tuple[str, ...]]:
    """Family → the requirements the foundry lacks for it (none: it can make it today), in
    one query for the whole catalogue (each distinct requirement asked once, as `count`)."""
    columns, by_family = _flags(PART_CATALOGUE)
    row = Organisation.objects.filter(pk=organisation.pk).annotate(**columns).values(
        *columns).get()
    return {code: tuple(key for key, column in own if not row[column])
            for code, own in by_family.items()}


def buyers_by_family() -> dict[str, set[int]]:
    """Family → the buyers who buy it on the platform, or asked for it: in published
    tenders' lots, requests for quotation, contracts, partnership commitments, imports they
    recorded and business matching's pairings."""
    found = defaultdict(set)
    sources = (
        Lot.objects.filter(tender__published_at__isnull=False)
        .values_list("family", "tender__buyer_id"),
        Rfq.objects.values_list("family", "buyer_id"),
        ContractItem.objects.values_list("family", "contract__buyer_id"),
        PartnershipCommitment.objects.values_list("family", "buyer_id"),
        ImportedAlternative.objects.filter(buyer__isnull=False)
        .values_list("family", "buyer_id"),
        Pairing.objects.values_list("family", "buyer_id"),
    )
    for rows in sources:
        for family, buyer in rows.distinct():
            found[family].add(buyer)
    return found

