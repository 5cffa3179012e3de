"""A run as people read it, from its stored input and result: the allocation per line
(member × month), unmet demand, utilisation per member and month, the explanation in words.
For a member foundry (`only`: its supplier id) just its own rows."""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.utils.formats import date_format

from pasok.months import month_starts

from .explain_text import infeasibility_explanation, supplier_explanation, unmet_explanation
from .models import PlanRun


def month_labels(first: dt.date, periods: int) -> list[str]:
    return [date_format(d, "M Y") for d in month_starts(first, periods)]


def stored_month_labels(data: dict) -> list[str]:
    """The month labels of a run's stored input."""
    return month_labels(dt.date.fromisoformat(data["first_month"]), data["periods"])


def first_months(months: list[str], n: int) -> str:
    """"Sep 2026 – Nov 2026": the first `n` months of the labels."""
    if n <= 0 or not months:
        return ""
    return months[0] if n == 1 else f"{months[0]} – {months[min(n, len(months)) - 1]}"


def per_month(value, periods: int) -> list[float]:
    return list(value) if isinstance(value, list) else [value] * periods


@dataclass
class Row:
    supplier: str
    name: str
    cells: list[int]

    @property
    def total(self) -> int:
        return sum(self.cells)


@dataclass
class LineTable:
    id: str
    product: str
    buyer: str
    unit_weight_kg: float
    demand: list[int]
    rows: list[Row]
    unmet: list[int]

    @property
    def total_demand(self) -> int:
        return sum(self.demand)

    @property
    def total_unmet(self) -> int:
        return sum(self.unmet)


@dataclass
class Utilisation:
    supplier: str
    name: str
    kg: list[float]
    capacity: list[float]

    @property
    def shares(self) -> list[float | None]:
        return [k / c if c else None for k, c in zip(self.kg, self.capacity, strict=True)]


class RunView:
    def __init__(self, run: PlanRun, *, only: str | None = None):
        self.run = run
        self.data = run.instance or {}
        self.result = run.result or {}
        self.only = only
        self.periods = self.data.get("periods", 0)
        self.months = stored_month_labels(self.data) if self.data else []
        self.names = {s["id"]: s.get("name", s["id"]) for s in self.data.get("suppliers", ())}
        self.line_labels = {li["id"]: f"{li.get('product', li['id'])} ({li['buyer']})"
                            for li in self.data.get("lines", ())}

    @property
    def whole(self) -> bool:
        return self.only is None

    def _units(self) -> dict[tuple[str, str], list[int]]:
        units = {}
        for a in self.result.get("allocations", ()):
            cells = units.setdefault((a["line"], a["supplier"]), [0] * self.periods)
            cells[a["period"]] = a["quantity"]
        return units

    @cached_property
    def lines(self) -> list[LineTable]:
        units = self._units()
        unmet = {}
        for u in self.result.get("unmet", ()):
            unmet.setdefault(u["line"], [0] * self.periods)[u["period"]] = u["quantity"]
        tables = []
        for line in self.data.get("lines", ()):
            offering = [c["supplier"] for c in line["candidates"]]
            if self.only and self.only not in offering:
                continue
            shown = [self.only] if self.only else offering
            rows = [Row(s, self.names.get(s, s), units.get((line["id"], s), [0] * self.periods))
                    for s in shown]
            if self.whole:
                rows = [r for r in rows if r.total] + [r for r in rows if not r.total]
            tables.append(LineTable(line["id"], line.get("product", line["id"]), line["buyer"],
                                    line["unit_weight_kg"], per_month(line["demand"],
                                                                      self.periods),
                                    rows, unmet.get(line["id"], [0] * self.periods)))
        return tables

    @property
    def total_unmet(self) -> int:
        return sum(u["quantity"] for u in self.result.get("unmet", ()))

    @cached_property
    def utilisation(self) -> list[Utilisation]:
        weight = {li["id"]: li["unit_weight_kg"] for li in self.data.get("lines", ())}
        kg = {}
        for a in self.result.get("allocations", ()):
            cells = kg.setdefault(a["supplier"], [0.0] * self.periods)
            cells[a["period"]] += a["quantity"] * weight[a["line"]]
        return [Utilisation(s["id"], s.get("name", s["id"]),
                            kg.get(s["id"], [0.0] * self.periods),
                            per_month(s["capacity_kg"], self.periods))
                for s in self.data.get("suppliers", ())
                if self.only in (None, s["id"])]

    @cached_property
    def explanation(self) -> list[dict]:
        entries = self.result.get("explanation", {}).get("suppliers", ())
        return [supplier_explanation(e, self.names, self.months, self.line_labels)
                for e in entries if self.only in (None, e["supplier"])]

    @cached_property
    def infeasibility(self) -> list[str]:
        return infeasibility_explanation(self.result, self.names, self.only)

    @cached_property
    def unmet_reasons(self) -> list[str]:
        if not self.whole:
            return []
        return [unmet_explanation(e, self.months, self.line_labels)
                for e in self.result.get("explanation", {}).get("unmet", ())]

    @cached_property
    def fairness(self) -> dict | None:
        fair = self.result.get("fairness")
        if not fair or not self.whole:
            return None
        return {**fair, "partner_names": [self.names.get(p, p) for p in fair["partners"]],
                "price_percent": 100 * fair["price"],
                "before_percent": 100 * fair["min_utilisation_before"],
                "after_percent": 100 * fair["min_utilisation_after"],
                "tolerance_percent": 100 * fair["tolerance"]}
