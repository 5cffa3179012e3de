"""Default type I and type II multipliers of the cluster's sector, with their source and year,
for rules.scenario (definitions: Miller & Blair, Input–Output Analysis, 2nd ed. 2009, ch. 6).

The values wanted are BPS's for "industri barang dari logam" / basic metals from the 2016
input–output table (185 or 52 sectors). No published type I *and* type II output and
employment multipliers for that sector could be found and cited; the one nearby published
figure seen (Suseno, "Analisis Dampak Ekonomi Sektor Besi dan Baja Dasar terhadap
Perekonomian Nasional", Statistika 18(1):57–70, 2018: output multiplier 1.9884, employment
1.99 for basic iron and steel) is a single, open-model value for another sector aggregation,
so it is not used. The defaults are therefore the illustrative values of docs/interfaces.md,
flagged `illustrative` so every page and export says so; a ministry officer replaces them
with the table's values for a scenario.
"""

from dataclasses import dataclass
from decimal import Decimal

from .scenario import Multipliers


@dataclass(frozen=True)
class MultiplierSet:
    multipliers: Multipliers
    sector: str
    source: str
    year: int | None
    illustrative: bool


DEFAULT = MultiplierSet(
    multipliers=Multipliers(output_type1=Decimal("1.8"), output_type2=Decimal("2.3"),
                            employment_type1=Decimal("1.5"), employment_type2=Decimal("1.9")),
    sector="metal casting (KBLI 2431 and 2432, within basic metals)",
    source="docs/interfaces.md, example values; not BPS input–output figures",
    year=None,
    illustrative=True,
)
