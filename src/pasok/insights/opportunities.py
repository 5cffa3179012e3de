"""The opportunity finder (issue 14): for each family of the part catalogue, which foundries
can make it today, what they could offer a month after what is booked, and what the rest
lack; a cooperative's members together; a foundry's own next steps. Ranked by
rules.opportunities.

Every requirement is one of the capability search's own conditions (suppliers.selectors:
the grade, the casting weight, each process, a valid certificate), so "can make it today" is
exactly what a search with the family's criteria finds (`search_criteria`), not a second
matcher. One query a family counts, in the database, the foundries meeting everything and
those lacking one requirement alone."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Q, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation
from pasok.contracts.models import ContractItem, PartnershipCommitment
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

from .dashboard import foundries
from .models import ImportedAlternative


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


def _flagged(scope, family: PartFamily):
    """The scope's foundries with one boolean column a requirement, `ok_<i>`."""
    flags = {f"ok_{i}": _met(r.condition) for i, r in enumerate(requirements(family))}
    return scope.annotate(**flags), list(flags)


def reach(scope, family: PartFamily, month=None) -> Reach:
    """The family over the foundries of `scope`: how many meet everything (and their free
    kilograms in `month`, the coming one unless told), how many lack one requirement alone."""
    keys = [r.key for r in requirements(family)]
    rows, flags = _flagged(with_free_kg(scope, month or coming_month()), family)
    every = Q(**dict.fromkeys(flags, True))
    counts = {"today": Count("pk", filter=every), "free": Sum("free_kg", filter=every)}
    for i, flag in enumerate(flags):
        alone = Q(**{f: True for f in flags if f != flag}, **{flag: False})
        counts[f"short_{i}"] = Count("pk", filter=alone)
    found = rows.aggregate(**counts)
    return Reach(family.code, found["today"],
                 {key: found[f"short_{i}"] for i, key in enumerate(keys)},
                 found["free"] or 0, family.typical_kg, family.market_a_month)


def cluster_scope(cooperative_id: int | None):
    """The foundries the finder counts: the cluster's (or a cooperative's members') with a
    capability profile."""
    return foundries(cooperative_id).filter(profile__isnull=False)


def cluster_reach(cooperative_id: int | None, month=None) -> list[Reach]:
    """Every family of the catalogue over the cluster (or a cooperative's members)."""
    scope = cluster_scope(cooperative_id)
    return [reach(scope, family, month) for family in PART_CATALOGUE]


LISTED = 10  # foundries named on a family's page for each group (the search shows all)


def able_today(cooperative_id: int | None, family: PartFamily) -> list[Organisation]:
    """The foundries meeting everything, most free capacity first (`free_kg` the coming
    month), at most LISTED."""
    rows, flags = _flagged(with_free_kg(cluster_scope(cooperative_id), coming_month()),
                           family)
    return list(rows.filter(**dict.fromkeys(flags, True)).only("name", "regency")
                .order_by("-free_kg", "name")[:LISTED])


@dataclass(frozen=True)
class Short:
    requirement: Requirement
    foundries: list  # at most LISTED of them, by name


def one_short(cooperative_id: int | None, family: PartFamily) -> list[Short]:
    """For each requirement, foundries that lack it alone (a query a requirement)."""
    rows, flags = _flagged(cluster_scope(cooperative_id), family)
    found = []
    for requirement, flag in zip(requirements(family), flags, strict=True):
        alone = {f: f != flag for f in flags}
        named = list(rows.filter(**alone).only("name", "regency").order_by("name")[:LISTED])
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
    one query for the whole catalogue."""
    flags, keys = {}, {}
    for family in PART_CATALOGUE:
        for i, r in enumerate(requirements(family)):
            name = f"{family.code}__{i}"
            flags[name] = _met(r.condition)
            keys[name] = (family.code, r.key)
    row = (Organisation.objects.filter(pk=organisation.pk).annotate(**flags)
           .values(*flags).get())
    missing = {family.code: [] for family in PART_CATALOGUE}
    for name, met in row.items():
        if not met:
            code, key = keys[name]
            missing[code].append(key)
    return {code: tuple(lacks) for code, lacks in missing.items()}


def buyers_by_family() -> dict[str, set[int]]:
    """Family → the buyers who buy it on the platform: in published tenders' lots, in
    contracts, in partnership commitments and in imports they recorded."""
    found = defaultdict(set)
    sources = (
        Lot.objects.filter(tender__published_at__isnull=False)
        .values_list("family", "tender__buyer_id"),
        ContractItem.objects.values_list("family", "contract__buyer_id"),
        PartnershipCommitment.objects.values_list("family", "buyer_id"),
        ImportedAlternative.objects.filter(buyer__isnull=False)
        .values_list("family", "buyer_id"),
    )
    for rows in sources:
        for family, buyer in rows.distinct():
            found[family].add(buyer)
    return found


def family(code: str) -> PartFamily:
    """The catalogue's family (KeyError: not in the catalogue)."""
    return FAMILIES[code]
