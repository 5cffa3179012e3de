"""The part catalogue: what each part family of suppliers.catalogue.PART_FAMILIES asks of a
foundry, and how large its market is. The opportunity finder (insights/opportunities.py)
matches every family against the registry with the capability search's own filter.

What a family asks (grades, processes beyond casting, certificates the buyer requires) follows
DOMAIN.md ("The ministry's view": automotive makers require IATF 16949, PPAP-style sample
approval and usually machining; agricultural, pump and valve, and municipal castings ask for
less, municipal buyers an SNI mark), the grade standards of suppliers/catalogue.py (JIS G5501
grey iron FC, G5502 ductile FCD, G5101 cast steel SC, H5120 bronze BC) and the product
standards each entry names. Casting tolerances are ISO 8062-3 grades (DCTG) as cast.

Market sizes are Pasok's estimates, each derived in its entry from the figure it cites
(vehicles from Gaikindo's 2023 domestic wholesales, SOURCES below), and prices are
illustrative: pages mark both as estimates until the ministry's planners replace them.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .catalogue import PART_FAMILIES
from .models import weight_text

SECTORS = (
    ("railway", _("Railway")),
    ("automotive", _("Automotive")),
    ("agricultural", _("Agricultural machinery")),
    ("pumps_valves", _("Pumps and valves")),
    ("municipal", _("Municipal")),
)

# What the estimates are derived from, shown on the opportunity pages.
SOURCES = (
    "Gaikindo, domestic car wholesales 2023: 1,005,802 units (Katadata Databoks, "
    "https://databoks.katadata.co.id/en/transportation-logistics/statistics/89df4fba4690b0f)",
    "ISO 8062-3:2007, casting tolerance grades (DCTG)",
)


@dataclass(frozen=True)
class PartFamily:
    code: str  # one of PART_FAMILIES
    sector: str  # one of SECTORS
    grades: tuple[str, ...]  # any one of them will do
    processes: tuple[str, ...]  # beyond casting, every one needed
    certificates: tuple[str, ...]  # every one the buyer requires (CERTIFICATE_KINDS)
    weight_kg: tuple[Decimal, Decimal]  # the family's parts, lightest and heaviest
    typical_kg: Decimal  # the part a foundry is matched on (its range must cover it)
    units_a_month: int  # the market's need in Indonesia, an estimate (see `volume_basis`)
    unit_price: Decimal  # rupiah a unit, illustrative
    tolerance: str  # as cast
    standards: tuple[str, ...]
    volume_basis: str  # how units_a_month was estimated, from which source

    @property
    def label(self):
        return dict(PART_FAMILIES)[self.code]

    @property
    def sector_label(self):
        return dict(SECTORS)[self.sector]

    @property
    def weight_range(self) -> str:
        return weight_text(*self.weight_kg)

    @property
    def typical_weight(self) -> str:
        return weight_text(self.typical_kg, self.typical_kg)

    @property
    def market_a_month(self) -> Decimal:
        """Rupiah a month: the market's units at the illustrative price (ranks by size)."""
        return self.units_a_month * self.unit_price


def _kg(low, high, typical) -> dict:
    return {"weight_kg": (Decimal(str(low)), Decimal(str(high))),
            "typical_kg": Decimal(str(typical))}


AUTOMOTIVE = ("iatf16949",)

PART_CATALOGUE = (
    PartFamily(
        "brake_block", "railway", grades=("P10",), processes=(), certificates=(),
        **_kg(8, 14, 10), units_a_month=40_000, unit_price=Decimal(250_000),
        tolerance="ISO 8062-3 DCTG 10", standards=("UIC 832",),
        volume_basis=_("Blocks for PT KAI's and PT INKA's fleet: a cast-iron block lasts "
                       "about a month of service")),
    PartFamily(
        "rail_casting", "railway", grades=("SC450", "SC480"), processes=("heat_treatment",),
        certificates=("iso9001",), **_kg(20, 250, 60), units_a_month=500,
        unit_price=Decimal(4_500_000), tolerance="ISO 8062-3 DCTG 10",
        standards=("JIS G5101",),
        volume_basis=_("Axle boxes and coupler parts for PT INKA's wagon and carriage "
                       "output, a few hundred vehicles a year")),
    PartFamily(
        "brake_drum", "automotive", grades=("FC200", "FC250"), processes=("machining",),
        certificates=AUTOMOTIVE, **_kg(4, 60, 30), units_a_month=120_000,
        unit_price=Decimal(185_000), tolerance="ISO 8062-3 DCTG 8",
        standards=("SAE J431", "JIS G5501"),
        volume_basis=_("A drum on every wheel of the trucks and buses, about a quarter of "
                       "the vehicles sold, and two on most cars, from Gaikindo's 2023 "
                       "figure; the typical part is a truck drum, as the cluster casts")),
    PartFamily(
        "brake_disc", "automotive", grades=("FC200", "FC250"), processes=("machining",),
        certificates=AUTOMOTIVE, **_kg(4, 15, 6), units_a_month=170_000,
        unit_price=Decimal(300_000), tolerance="ISO 8062-3 DCTG 8",
        standards=("SAE J431", "JIS G5501"),
        volume_basis=_("Two front discs a car sold, from Gaikindo's 2023 figure")),
    PartFamily(
        "flywheel", "automotive", grades=("FC250", "FC300"), processes=("machining",),
        certificates=AUTOMOTIVE, **_kg(6, 20, 9), units_a_month=50_000,
        unit_price=Decimal(600_000), tolerance="ISO 8062-3 DCTG 8",
        standards=("SAE J431", "JIS G5501"),
        volume_basis=_("One flywheel a car with a manual gearbox, about six in ten cars "
                       "sold, from Gaikindo's 2023 figure")),
    PartFamily(
        "exhaust_manifold", "automotive", grades=("FCD400", "FCD450"),
        processes=("machining",), certificates=AUTOMOTIVE, **_kg(3, 12, 5),
        units_a_month=80_000, unit_price=Decimal(450_000), tolerance="ISO 8062-3 DCTG 8",
        standards=("JIS G5502",),
        volume_basis=_("One manifold a car sold, from Gaikindo's 2023 figure")),
    PartFamily(
        "housing", "automotive", grades=("FC250", "FCD450", "AC4C", "ADC12"),
        processes=("machining",), certificates=AUTOMOTIVE, **_kg(2, 40, 12),
        units_a_month=80_000, unit_price=Decimal(500_000), tolerance="ISO 8062-3 DCTG 8",
        standards=("JIS G5501", "JIS G5502"),
        volume_basis=_("One gearbox or differential housing a car sold, from Gaikindo's "
                       "2023 figure")),
    PartFamily(
        "bracket", "automotive", grades=("FCD400", "FCD450", "FCD500"),
        processes=("machining",), certificates=AUTOMOTIVE, **_kg(0.5, 10, 2),
        units_a_month=250_000, unit_price=Decimal(60_000), tolerance="ISO 8062-3 DCTG 9",
        standards=("JIS G5502",),
        volume_basis=_("About three brackets and hubs a car sold, from Gaikindo's 2023 "
                       "figure")),
    PartFamily(
        "agri_parts", "agricultural", grades=("FC200", "FC250", "FCD450"), processes=(),
        certificates=("iso9001",), **_kg(2, 80, 15), units_a_month=30_000,
        unit_price=Decimal(150_000), tolerance="ISO 8062-3 DCTG 10",
        standards=("JIS G5501",),
        volume_basis=_("Gear housings, wheels and plough parts for hand tractors and "
                       "threshers made in Indonesia, a few parts a machine")),
    PartFamily(
        "pump_valve", "pumps_valves", grades=("FC200", "FC250", "FCD450", "BC6"),
        processes=("machining",), certificates=("iso9001",), **_kg(1, 150, 10),
        units_a_month=40_000, unit_price=Decimal(250_000), tolerance="ISO 8062-3 DCTG 9",
        standards=("JIS G5501", "JIS H5120"),
        volume_basis=_("Pump casings and valve bodies for water utilities (PDAM) and "
                       "irrigation pumps")),
    PartFamily(
        "municipal", "municipal", grades=("FC200", "FC250", "FCD500"), processes=("painting",),
        certificates=("sni",), **_kg(20, 120, 45), units_a_month=15_000,
        unit_price=Decimal(900_000), tolerance="ISO 8062-3 DCTG 11",
        standards=("EN 124",),
        volume_basis=_("Manhole covers and grates for the cities' drainage, sewer and "
                       "telecom works")),
)

FAMILIES = {family.code: family for family in PART_CATALOGUE}
