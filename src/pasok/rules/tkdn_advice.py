"""Why a TKDN is what it is, and what would raise it.

A line's shortfall is the TKDN points its foreign share costs the product:
- Permenperin 35/2025: weight_f × cost × (100 − domestic%) / cost of factor f
- Permenperin 16/2011: cost × (100 − domestic%) / production cost
The shortfalls add up to 100 − TKDN, so they explain the whole gap.

The what-if replaces a line by a domestic product with a TKDN certificate at the same cost:
an import becomes a domestic material, an imported machine a domestic one (its depreciation
then counts as local content), and the certificate makes the counting rule for uncertified
material leave it as it is. Worked example (docs/interfaces.md, TKDN 48.18%): the imported pig
iron, Rp58.900 of Rp97.520 material, replaced by domestic pig iron certified at 71% raises
the material share from 35.91% to 78.79%, so TKDN = 0.75 × 78.79 + 0.10 × 100
+ 0.15 × 75 = 80.34%.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from .tkdn import FACTORS, HUNDRED, Line, Regime, Worksheet, as_counted, compute

# The certificate a what-if replacement is assumed to have (it is never saved).
REPLACEMENT_CERTIFICATE = "(replacement)"
_DOMESTIC_KIND = {"import": "domestic", "machine_imported": "machine_domestic"}


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


def replacement(line: Line, domestic_percent: Decimal) -> Line:
    """`line` replaced by a domestic, certified product of `domestic_percent` local content
    at the same cost."""
    return replace(line, domestic_percent=Decimal(domestic_percent),
                   origin=_DOMESTIC_KIND.get(line.origin, line.origin),
                   category=_DOMESTIC_KIND.get(line.category, line.category),
                   certificate=line.certificate or REPLACEMENT_CERTIFICATE)


def tkdn_if(sheet: Worksheet, factor: str, index: int, domestic_percent: Decimal) -> Decimal:
    """The product's TKDN if line `index` of `factor` were replaced by a domestic product
    with a TKDN certificate of `domestic_percent` (e.g. imported pig iron by domestic pig
    iron certified at 71%)."""
    changed = replacement(sheet.lines(factor)[index], domestic_percent)
    return compute(sheet.with_line(factor, index, changed)).tkdn_percent


def shortfalls(sheet: Worksheet, limit: int | None = None) -> list[Shortfall]:
    """Lines that pull TKDN down, largest first (lines already 100% domestic are left out)."""
    rows = sorted((p for p in _points(sheet) if p[2] > 0), key=lambda p: -p[2])[:limit]
    counted = as_counted(sheet)
    return [Shortfall(factor=f, index=i, name=sheet.lines(f)[i].name, points=points,
                      domestic_percent=counted.lines(f)[i].domestic_percent,
                      tkdn_if_domestic=tkdn_if(sheet, f, i, HUNDRED))
            for f, i, points in rows]
