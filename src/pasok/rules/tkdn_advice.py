"""Why a TKDN is what it is, and what would raise it.

A line's shortfall is the TKDN points its foreign share costs the product:
- Permenperin 35/2025: weight_f × cost × (100 − domestic%) / cost of factor f
- Permenperin 16/2011: cost × (100 − domestic%) / production cost
The shortfalls add up to 100 − TKDN, so they explain the whole gap.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from .tkdn import FACTORS, HUNDRED, Regime, Worksheet, as_counted, compute


@dataclass(frozen=True)
class Shortfall:
    factor: str
    index: int
    name: str
    points: Decimal  # TKDN points lost to this line's foreign share
    domestic_percent: Decimal
    tkdn_if_domestic: Decimal  # the product's TKDN if this line were 100% domestic


def _points(sheet: Worksheet) -> list[tuple[str, int, Decimal]]:
    result = compute(sheet)
    sheet = as_counted(sheet)
    out = []
    for factor in FACTORS:
        factor_cost = result.factors[factor].cost
        for i, line in enumerate(sheet.lines(factor)):
            foreign = line.cost * (HUNDRED - line.domestic_percent)
            if sheet.regime == Regime.P35_2025:
                points = sheet.factor_weights[factor] * foreign / factor_cost
            else:
                points = foreign / result.total_cost
            out.append((factor, i, points))
    return out


def tkdn_if(sheet: Worksheet, factor: str, index: int, domestic_percent: Decimal) -> Decimal:
    """The product's TKDN if line `index` of `factor` had `domestic_percent` local content
    (e.g. imported pig iron replaced by domestic pig iron with a TKDN certificate of 71%)."""
    line = sheet.lines(factor)[index]
    # The replacement is a certified product, so the counting rule leaves it as it is.
    changed = replace(line, domestic_percent=Decimal(domestic_percent),
                      certificate=line.certificate or "(replacement)")
    return compute(sheet.with_line(factor, index, changed)).tkdn_percent


def shortfalls(sheet: Worksheet, limit: int | None = None) -> list[Shortfall]:
    """Lines that pull TKDN down, largest first (lines already 100% domestic are left out)."""
    rows = sorted((p for p in _points(sheet) if p[2] > 0), key=lambda p: -p[2])[:limit]
    counted = as_counted(sheet)
    return [Shortfall(factor=f, index=i, name=sheet.lines(f)[i].name, points=points,
                      domestic_percent=counted.lines(f)[i].domestic_percent,
                      tkdn_if_domestic=tkdn_if(sheet, f, i, HUNDRED))
            for f, i, points in rows]
