"""A scenario's new order handed to the allocation engine: which of the scenario's foundries
would make it, month by month, within what each has free.

The engine's input (docs/interfaces.md, `pasok allocate`): MONTHS months from next month; one
line, the order's units every month at its unit weight; as candidates the scenario's foundries
(baseline.foundries_of) whose casting weight range covers that weight (suppliers' capable_of,
as a tender's notice finds its suppliers), each at the order's unit price and with what it has
free each month after every booking (suppliers.capacity.free_kg). The catalogue maps no part
family to grades or processes, so the weight alone decides; a foundry whose profile gives no
weight range is not a candidate. No partner floor: a what-if order carries no buyer's
partnership commitment. The small-business flag rides along as a plan's does."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.allocation.engine_input import organisation_of, supplier_id
from pasok.allocation.models import NO_PLAN
from pasok.allocation.solving import TIME_LIMIT
from pasok.months import add_months, month_start, month_starts
from pasok.planning.instance import parse
from pasok.planning.output import to_dict
from pasok.planning.solve import NoPlan, allocate
from pasok.rules.money import round_half_up
from pasok.rules.size_class import is_small_business
from pasok.suppliers.capacity import free_kg
from pasok.suppliers.selectors import SearchCriteria, capable_of
from pasok.web.formatting import localized_number

from .baseline import foundries_of
from .models import RunStatus, ScenarioHandoff

MONTHS = 12
# No foundry takes more than 30% of the order, so that it is spread across the cluster: its
# work reaches several foundries, and one that closes or falls behind leaves most of it made
# (a cooperative's plan caps a member's share the same way). With fewer than four able
# foundries their even share is the cap instead: the cap spreads the order, it does not leave
# units unmade that the foundries could make.
MAX_SHARE = 0.3
# A unit not made costs ten times its price: the engine makes every unit it can.
UNMET_PENALTY = 10
LINE = "order"


def refusal(order: dict) -> str | None:
    """Why this change cannot be handed off, in the reader's language; None if it can."""
    if order.get("kind") != "new_order":
        return _("Only a new order can be handed to the allocation engine.")
    if order.get("unit_weight_kg") in (None, ""):
        return _("Unit weight (kg) is needed to hand the new order to the allocation engine: "
                 "edit the scenario and give it.")
    return None


def first_month(today: dt.date) -> dt.date:
    return add_months(month_start(today), 1)


def instance_for(owner: Organisation | None, order: dict, today: dt.date,
                 closed: set[str] = frozenset()) -> dict:
    """The engine's input for one new order of a scenario of `owner`, among its foundries
    but those the scenario closes before it (`closed`: their ids); a ValidationError,
    worded for the page, when it cannot be handed off."""
    if (reason := refusal(order)) is not None:
        raise ValidationError(reason)
    weight = Decimal(str(order["unit_weight_kg"]))
    months = month_starts(first_month(today), MONTHS)
    able = list(foundries_of(owner).filter(capable_of(SearchCriteria(
        weight_min=weight, weight_max=weight))).exclude(pk__in=[int(pk) for pk in closed])
        .order_by("name", "pk"))
    if not able:
        raise ValidationError(_("None of the scenario's foundries casts pieces of %(kg)s kg.")
                              % {"kg": localized_number(weight, 2)})
    free = free_kg([org.pk for org in able], months)
    price = float(order["unit_price"])
    return {
        "periods": MONTHS,
        "first_month": months[0].isoformat(),
        "unmet_penalty": UNMET_PENALTY * price,
        "suppliers": [{"id": supplier_id(org.pk), "name": org.name,
                       "capacity_kg": [free[(org.pk, month)] for month in months],
                       "small": is_small_business(org.size_class)} for org in able],
        "lines": [{"id": LINE, "buyer": str(order["buyer"]), "product": order["family"],
                   "unit_weight_kg": float(weight), "demand": [order["units_per_month"]] * MONTHS,
                   "max_share": max(MAX_SHARE, 1 / len(able)),
                   "candidates": [{"supplier": supplier_id(org.pk), "unit_cost": price}
                                  for org in able]}],
        "partner_floors": [],
    }


def current(handoff: ScenarioHandoff) -> bool:
    """Whether the change at the hand-off's index is still the order handed off. Its
    foundries do not count: the engine chooses among all of the scenario's."""
    changes = handoff.scenario.changes

    def order(change: dict) -> dict:
        return {k: v for k, v in change.items() if k != "foundries"}

    return handoff.change < len(changes) and order(changes[handoff.change]) == order(
        handoff.order)


def execute(handoff_id: int) -> str:
    """Solve a queued hand-off with the allocation engine and keep its answer (the task's
    body)."""
    handoff = ScenarioHandoff.objects.filter(pk=handoff_id).first()
    if handoff is None:
        return "gone"  # its scenario was deleted while it was queued
    rows = ScenarioHandoff.objects.filter(pk=handoff.pk)
    rows.update(status=RunStatus.RUNNING)
    try:
        inst = parse(handoff.instance)
        payload = to_dict(inst, allocate(inst, time_limit=TIME_LIMIT))
    except NoPlan:
        rows.update(status=RunStatus.FAILED, error=NO_PLAN, finished_at=clock.now())
        return RunStatus.FAILED
    except ValueError as exc:  # bad input: InstanceError names the field
        rows.update(status=RunStatus.FAILED, error=str(exc), finished_at=clock.now())
        return RunStatus.FAILED
    except Exception:
        rows.update(status=RunStatus.FAILED, error=_("The engine failed; hand it off again."),
                    finished_at=clock.now())
        raise  # the worker logs it
    rows.update(status=RunStatus.DONE, result=payload, error="", finished_at=clock.now())
    return RunStatus.DONE


@dataclass(frozen=True)
class Share:
    """What one foundry would make of the order."""
    organisation_id: int
    name: str
    units: tuple[int, ...]  # each month's
    kg_per_month: Decimal  # on average over the months
    used_percent: Decimal | None  # of its free capacity over the months (None: none free)

    @property
    def total(self) -> int:
        return sum(self.units)

    @property
    def per_month(self) -> Decimal:
        return Decimal(self.total) / len(self.units)


@dataclass(frozen=True)
class Proposal:
    status: str  # the engine's: optimal, feasible (infeasible cannot be: no floors)
    months: tuple[dt.date, ...]
    shares: tuple[Share, ...]  # the foundries that would make some, the most first
    candidates: int  # how many foundries could cast it
    made: tuple[int, ...]  # each month's units made
    unmet: tuple[int, ...]  # each month's units the cluster cannot make

    @property
    def unmet_total(self) -> int:
        return sum(self.unmet)

    @property
    def foundries(self) -> list[str]:
        """The engine's choice as a scenario's change names its foundries."""
        return [str(share.organisation_id) for share in self.shares]


def proposal(handoff: ScenarioHandoff) -> Proposal | None:
    """The engine's answer for the page; None until it has one."""
    if handoff.status != RunStatus.DONE or not handoff.result:
        return None
    data, result = handoff.instance, handoff.result
    line = data["lines"][0]
    periods, weight = data["periods"], Decimal(str(line["unit_weight_kg"]))
    months = tuple(month_starts(dt.date.fromisoformat(data["first_month"]), periods))
    units = {s["id"]: [0] * periods for s in data["suppliers"]}
    for a in result.get("allocations", ()):
        units[a["supplier"]][a["period"]] += a["quantity"]
    unmet = [0] * periods
    for u in result.get("unmet", ()):
        unmet[u["period"]] += u["quantity"]
    shares = []
    for s in data["suppliers"]:
        made = units[s["id"]]
        if not any(made):
            continue
        free = sum(s["capacity_kg"])
        kg = sum(made) * weight
        shares.append(Share(organisation_of(s["id"]), s["name"], tuple(made),
                            kg / periods, kg * 100 / free if free else None))
    shares.sort(key=lambda share: (-share.total, share.name))
    return Proposal(result["status"], months, tuple(shares), len(data["suppliers"]),
                    tuple(sum(units[s["id"]][t] for s in data["suppliers"])
                          for t in range(periods)), tuple(unmet))


def units_a_month(found: Proposal) -> list[tuple[Share, int]]:
    """Each chosen foundry's whole units a month, as a scenario's new order gives them: its
    average over the engine's months rounded down, then the units left to reach the order's
    average made (rounded half up) one each to the largest remainders, the foundry making
    more first on a tie; a foundry left with none is dropped."""
    periods = len(found.months)
    target = int(round_half_up(Decimal(sum(s.total for s in found.shares)) / periods, 0))
    units = [s.total // periods for s in found.shares]
    # sorted() is stable: on equal remainders the shares' order (the most first) decides.
    by_remainder = sorted(range(len(units)), key=lambda k: -(found.shares[k].total % periods))
    for k in by_remainder[:target - sum(units)]:
        units[k] += 1
    return [(share, n) for share, n in zip(found.shares, units, strict=True) if n]
