"""TKDN of goods (tingkat komponen dalam negeri): the local-content level of one product.

Two regimes, selectable per worksheet:

- Permenperin No. 35 Tahun 2025 (in force 12 December 2025; replaced Permenperin 16/2011 and
  46/2022). Three factors per unit of product, each a domestic share:
    KDN_f = Σ(cost × domestic_percent) / Σ cost over the lines of factor f
  (direct material: the component's certified TKDN, 0 for an import; direct labour: the share
  paid to Indonesian citizens; factory overhead: domestic share by origin and ownership),
  and the weighted total of Pasal 4:
    TKDN = 0.75 · KDN_material + 0.10 · KDN_labour + 0.15 · KDN_overhead.
  The weights come from secondary sources (DOMAIN.md); they are data in WEIGHTS so a
  correction is one line.
- Permenperin No. 16 Tahun 2011 (cost based; certificates issued under it still circulate):
    TKDN = (production cost − foreign component cost) / production cost × 100
  with production cost = direct material + direct labour + factory overhead (no profit,
  company overhead or VAT), i.e. Σ(cost × domestic_percent) / Σ cost over all lines.

Full precision throughout (Decimal); only what is shown is rounded, half up (money.round_half_up).
"""

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

HUNDRED = Decimal(100)


class Regime(StrEnum):
    P35_2025 = "permenperin-35-2025"
    P16_2011 = "permenperin-16-2011"


FACTORS = ("material", "labour", "overhead")

# Permenperin 35/2025 Pasal 4, weights of the three factors (secondary sources; see module doc).
WEIGHTS = {
    Regime.P35_2025: {"material": Decimal("0.75"), "labour": Decimal("0.10"),
                      "overhead": Decimal("0.15")},
}

UNCERTIFIED_RULES = ("declared", "foreign")
ORIGINS = ("", "domestic", "import")
# Factory overhead by what it is; depreciation of an imported machine is foreign.
OVERHEAD_CATEGORIES = ("", "energy", "machine_domestic", "machine_imported", "tools", "other")
_FOREIGN_BY_NATURE = {"import", "machine_imported"}

# Validity of a TKDN certificate in years: 5 under 35/2025, 3 under 16/2011.
CERTIFICATE_YEARS = {Regime.P35_2025: 5, Regime.P16_2011: 3}
# Permenperin 35/2025 is in force from 12 December 2025; certificates issued from that day
# follow it, earlier ones followed 16/2011.
P35_2025_IN_FORCE = dt.date(2025, 12, 12)


def regime_on(issued_on: dt.date) -> Regime:
    return Regime.P35_2025 if issued_on >= P35_2025_IN_FORCE else Regime.P16_2011


@dataclass(frozen=True)
class Line:
    """One cost line of a factor, for one unit of product. `cost` in rupiah; material lines
    also keep the quantity and unit price the cost came from."""

    name: str
    cost: Decimal
    domestic_percent: Decimal
    certificate: str = ""  # the component's TKDN certificate number, when it has one
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    origin: str = ""  # materials: "domestic" or "import" (an import is 0% local content)
    category: str = ""  # overhead: energy, machine_domestic, machine_imported, tools, other

    @property
    def domestic_cost(self) -> Decimal:
        return self.cost * self.domestic_percent / HUNDRED


def foreign_by_nature(line: Line) -> bool:
    """An import, or the depreciation of an imported machine: 0% local content, always."""
    return bool({line.origin, line.category} & _FOREIGN_BY_NATURE)


def material_line(name: str, quantity: Decimal, unit_price: Decimal, domestic_percent: Decimal,
                  certificate: str = "", origin: str = "") -> Line:
    """A material line costs quantity × unit price."""
    return Line(name, quantity * unit_price, domestic_percent, certificate, quantity, unit_price,
                origin=origin)


@dataclass(frozen=True)
class Worksheet:
    product: str
    regime: Regime = Regime.P35_2025
    # How a domestic material without a TKDN certificate counts (DOMAIN.md, the user
    # selects): "declared", at the share the supplier declares (self-assessment), or
    # "foreign", at 0, as a verifier counts data it cannot verify (Permenperin 16/2011).
    uncertified: str = "declared"
    # The factor weights this sheet is computed with: today's WEIGHTS unless the sheet was
    # saved with others (a saved version keeps the weights it was computed with).
    weights: dict[str, Decimal] | None = None

    @property
    def factor_weights(self) -> dict[str, Decimal]:
        return self.weights or WEIGHTS[Regime.P35_2025]
    materials: tuple[Line, ...] = ()
    labour: tuple[Line, ...] = ()
    overhead: tuple[Line, ...] = ()

    def lines(self, factor: str) -> tuple[Line, ...]:
        return getattr(self, {"material": "materials"}.get(factor, factor))

    def with_line(self, factor: str, index: int, line: Line) -> "Worksheet":
        lines = list(self.lines(factor))
        lines[index] = line
        return replace(self, **{{"material": "materials"}.get(factor, factor): tuple(lines)})


@dataclass(frozen=True)
class FactorResult:
    cost: Decimal
    domestic_cost: Decimal

    @property
    def domestic_percent(self) -> Decimal:
        return self.domestic_cost / self.cost * HUNDRED if self.cost else Decimal(0)


@dataclass(frozen=True)
class UncertifiedContent:
    """A material line claims part local content with no TKDN certificate number: a
    verifier will ask for evidence (unverifiable data counts as foreign)."""

    index: int
    name: str
    domestic_percent: Decimal

    def __str__(self) -> str:
        return (f"materials[{self.index}] {self.name}: {self.domestic_percent}% local content "
                "without a TKDN certificate number; a verifier will ask for evidence")


@dataclass(frozen=True)
class TkdnResult:
    regime: Regime
    product: str
    tkdn_percent: Decimal
    factors: dict[str, FactorResult]
    total_cost: Decimal
    warnings: tuple[UncertifiedContent, ...] = field(default=())


# What a worksheet error says, by code: English, the words of docs/interfaces.md and the CLI.
# The pages and the API word the same code in the reader's language (tkdn/texts.py), so a
# message is never matched as a string.
ERRORS = {
    "required": "is required",
    "not_a_number": "must be a number",
    "too_large": "is too large",
    "not_text": "must be text",
    "not_a_list": "must be a list",
    "not_an_object": "must be an object",
    "not_one_of": "must be one of {choices}",
    "uncertified_rule": "must be declared or foreign",
    "weights": "must give material, labour and overhead, adding up to 1",
    "empty": "must not be empty",
    "negative": "must be >= 0",
    "percent_range": "must be between 0 and 100",
    "foreign_by_nature": "must be 0 for an import",
    "factor_total_zero": "the lines of this factor total 0; {regime} weighs every factor, "
                         "so each needs a cost",
    "production_cost_zero": "the production cost totals 0",
}


class WorksheetError(ValueError):
    """Bad input: the path of the field (`materials[3].cost`), a code from ERRORS with its
    parameters, and the English message (`must be >= 0`)."""

    def __init__(self, path: str, code: str, **params):
        self.path, self.code, self.params = path, code, params
        self.message = ERRORS[code].format(**params)
        super().__init__(f"{path}: {self.message}")


def validate(sheet: Worksheet) -> None:
    """Raise WorksheetError for the first problem found."""
    if sheet.weights is not None and (set(sheet.weights) != set(FACTORS) or sum(
            sheet.weights.values()) != 1 or min(sheet.weights.values()) < 0):
        raise WorksheetError("weights", "weights")
    if sheet.uncertified not in UNCERTIFIED_RULES:
        raise WorksheetError("uncertified", "uncertified_rule")
    if not sheet.materials:
        raise WorksheetError("materials", "empty")
    for factor in FACTORS:
        key = {"material": "materials"}.get(factor, factor)
        for i, line in enumerate(sheet.lines(factor)):
            if line.cost < 0:
                raise WorksheetError(f"{key}[{i}].cost", "negative")
            if not 0 <= line.domestic_percent <= 100:
                raise WorksheetError(f"{key}[{i}].domestic_percent", "percent_range")
            if line.domestic_percent and foreign_by_nature(line):
                raise WorksheetError(f"{key}[{i}].domestic_percent", "foreign_by_nature",
                                     what=line.origin or line.category)
        if sheet.regime == Regime.P35_2025 and sum(
                (line.cost for line in sheet.lines(factor)), Decimal(0)) == 0:
            raise WorksheetError(key, "factor_total_zero", regime=sheet.regime.value)
    if sheet.regime == Regime.P16_2011 and sum(
            (line.cost for f in FACTORS for line in sheet.lines(f)), Decimal(0)) == 0:
        raise WorksheetError("materials", "production_cost_zero")


def _factor(lines) -> FactorResult:
    return FactorResult(cost=sum((ln.cost for ln in lines), Decimal(0)),
                        domestic_cost=sum((ln.domestic_cost for ln in lines), Decimal(0)))


def _uncertified(sheet: Worksheet) -> list[int]:
    """Material lines claiming local content with no certificate to show for it."""
    return [i for i, line in enumerate(sheet.materials)
            if line.domestic_percent > 0 and not line.certificate and line.origin != "import"]


def as_counted(sheet: Worksheet) -> Worksheet:
    """The sheet as the selected rule counts it: under "foreign" uncertified claims are 0."""
    if sheet.uncertified != "foreign":
        return sheet
    materials = list(sheet.materials)
    for i in _uncertified(sheet):
        materials[i] = replace(materials[i], domestic_percent=Decimal(0))
    return replace(sheet, materials=tuple(materials))


def _warnings(sheet: Worksheet) -> tuple[UncertifiedContent, ...]:
    return tuple(UncertifiedContent(i, sheet.materials[i].name,
                                    sheet.materials[i].domestic_percent)
                 for i in _uncertified(sheet))


def compute(sheet: Worksheet) -> TkdnResult:
    """The TKDN of one unit of product under its regime, with the share of each factor."""
    validate(sheet)
    warnings = _warnings(sheet)
    sheet = as_counted(sheet)
    factors = {f: _factor(sheet.lines(f)) for f in FACTORS}
    total = sum((r.cost for r in factors.values()), Decimal(0))
    if sheet.regime == Regime.P35_2025:
        weights = sheet.factor_weights
        tkdn = sum((weights[f] * factors[f].domestic_percent for f in FACTORS), Decimal(0))
    else:
        tkdn = sum((r.domestic_cost for r in factors.values()), Decimal(0)) / total * HUNDRED
    return TkdnResult(regime=sheet.regime, product=sheet.product, tkdn_percent=tkdn,
                      factors=factors, total_cost=total, warnings=warnings)


def combined_tkdn(items: list[tuple[Decimal, Decimal]]) -> Decimal:
    """TKDN of several products bought together: Σ(TKDN_j × price_j) / Σ price_j."""
    total = sum((price for _tkdn, price in items), Decimal(0))
    if total <= 0:
        raise ValueError("the prices must add up to more than 0")
    return sum((tkdn * price for tkdn, price in items), Decimal(0)) / total
