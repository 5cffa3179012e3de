"""The demo cluster: the foundries of Ceper, Klaten, their cooperative, their buyers, the ministry.

`plan_cluster` is pure: from a seed it describes every organisation, profile, person and
local-content record (TKDN worksheets, BMP declaration, TKDN certificates) as plain data, so the
same seed always gives the same cluster and it can be checked without a database.
`load_cluster` writes a plan through the services (organisation_create, profile_save,
user_create, organisation_verify, worksheet_save, bmp_declare, certificate_record), so the audit
log shows who verified whom and who saved which worksheet.

Foundry names, identifiers (NIB, NPWP) and people are invented. The buyers and the ministry are
real public bodies; the two smaller automotive makers are invented.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation, OrgKind, User
from pasok.accounts.services import (
    nib_document_upload,
    organisation_create,
    organisation_verify,
    user_create,
)
from pasok.rules.bmp import BmpClaim, bmp_percent
from pasok.rules.identifiers import npwp_check_digit
from pasok.rules.money import round_half_up
from pasok.rules.size_class import is_small_business
from pasok.rules.tkdn import Regime, compute
from pasok.rules.tkdn_json import worksheet_from_dict
from pasok.suppliers.catalogue import GRADES
from pasok.suppliers.services import profile_save
from pasok.tkdn.services import bmp_declare, certificate_record, default_valid_until, worksheet_save

from .documents import nib_pdf
from .logins import DEMO_DOMAIN, DEMO_PASSWORD

DEFAULT_SEED = 2016
# Installed melting capacity the cluster reports (DOMAIN.md): about 150,000 t a year.
CLUSTER_CAPACITY_T_MONTH = 12_500
UNVERIFIED_FOUNDRIES = 15
# Heats an induction furnace melts in a month (4 a day, 25 working days).
INDUCTION_HEATS_A_MONTH = 100
JUTA = 1_000_000
COOPERATIVE_NAME = "Koperasi Industri Logam Batur Jaya"
KAI = "PT Kereta Api Indonesia (Persero)"
INKA = "PT INKA (Persero)"
IMPORT_AGENT = "PT Nusantara Komposit Niaga"
COMPOSITE_BLOCK = "Blok rem komposit (UIC 541-4) impor"
# TKDN certificates issued from 12 Dec 2025 fall under Permenperin 35/2025 (5 years' validity),
# those before under Permenperin 16/2011 (3 years).
P35_IN_FORCE = dt.date(2025, 12, 12)
TKDN_VERIFIERS = ("PT Sucofindo (Persero)", "PT Surveyor Indonesia (Persero)")
TKDN_EXPIRED_SHARE = 0.12
# Certificates dated to expire inside each expiry-warning window of pasok.tkdn (30 and 90
# days), so the demo shows the warnings: ((fewest, most days left), how many certificates).
TKDN_EXPIRING = (((5, 28), 2), ((35, 85), 2))
# Brake-block foundries, besides the demo member, that keep one TKDN worksheet.
WORKSHEET_FOUNDRIES = 10

_FAMILY = dict(GRADES)


# --- The plan: plain data -------------------------------------------------------------------

@dataclass(frozen=True)
class ProfilePlan:
    fields: dict
    processes: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    furnaces: tuple[dict, ...] = ()
    certificates: tuple[dict, ...] = ()
    products: tuple[dict, ...] = ()


def worksheet_tkdn(data: dict) -> Decimal:
    """The TKDN of a worksheet (docs/interfaces.md JSON) as worksheet_save stores it."""
    return round_half_up(compute(worksheet_from_dict(data)).tkdn_percent, 2)


@dataclass(frozen=True)
class WorksheetPlan:
    """One product's cost build-up (the worksheet JSON of docs/interfaces.md), oldest version
    first, each saved on its day."""

    versions: tuple[dict, ...]
    saved_on: tuple[dt.date, ...]

    @property
    def product(self) -> str:
        return self.versions[-1]["product"]

    @property
    def tkdn_percent(self) -> Decimal:
        return worksheet_tkdn(self.versions[-1])


@dataclass(frozen=True)
class BmpPlan:
    claims: tuple[dict, ...]  # {"factor", "evidence"}
    declared_on: dt.date

    @property
    def bmp_percent(self) -> Decimal:
        return bmp_percent([BmpClaim(c["factor"], c["evidence"]) for c in self.claims])


@dataclass(frozen=True)
class TkdnCertificatePlan:
    product: str
    regime: str
    tkdn_percent: Decimal
    bmp_percent: Decimal
    issued_on: dt.date
    valid_until: dt.date
    number: str = ""  # blank when self-declared
    verifier: str = ""
    self_declared: bool = False
    worksheet: str = ""  # the product of the worksheet whose latest version it certifies


@dataclass(frozen=True)
class OrgPlan:
    key: str
    fields: dict
    member: bool = False  # of the cooperative
    verifier: str | None = None  # "ministry", "cooperative" or None (stays unverified)
    profile: ProfilePlan | None = None
    tier: str = ""  # foundries: the PP 7/2021 class their capital puts them in
    line: str = ""  # foundries: what they mainly cast (a key of LINES)
    worksheets: tuple[WorksheetPlan, ...] = ()
    bmp: BmpPlan | None = None
    tkdn_certificates: tuple[TkdnCertificatePlan, ...] = ()


@dataclass(frozen=True)
class UserPlan:
    email: str
    full_name: str
    org_key: str | None
    org_role: str
    platform_role: str = ""


@dataclass(frozen=True)
class ClusterPlan:
    seed: int
    today: dt.date  # what certificate dates are relative to
    organisations: tuple[OrgPlan, ...]
    users: tuple[UserPlan, ...]

    @property
    def foundries(self) -> list[OrgPlan]:
        """The suppliers that cast (every one has a size tier); not the import agent."""
        return [o for o in self.organisations if o.fields["kind"] == OrgKind.SUPPLIER and o.tier]

    @property
    def workforce(self) -> int:
        return sum(f.profile.fields["workforce_total"] for f in self.foundries)

    @property
    def workforce_women(self) -> int:
        return sum(f.profile.fields["workforce_women"] for f in self.foundries)

    @property
    def tkdn_certificates(self) -> list[TkdnCertificatePlan]:
        return [c for f in self.foundries for c in f.tkdn_certificates]

    @property
    def capacity_t_year(self) -> int:
        kg_month = sum(f.profile.fields["monthly_capacity_kg"] for f in self.foundries)
        return kg_month * 12 // 1000


# --- Reference data: places, sizes, product lines ---------------------------------------------

@dataclass(frozen=True)
class Place:
    district: str
    regency: str
    weight: float  # share of the cluster's foundries, in per cent
    lat: float
    lng: float
    area_code: str
    kpp: str  # tax office digits of the NPWP (illustrative)
    streets: tuple[str, ...]
    villages: tuple[str, ...] = ()


PLACES = (
    Place("Ceper", "Klaten", 70, -7.668, 110.676, "0272", "525",
          ("Jl. Raya Batur", "Jl. Pengecoran Logam", "Jl. Sentra Industri Logam",
           "Jl. Raya Ceper–Pedan", "Jl. Kujon Baru"),
          ("Batur", "Batur", "Batur", "Tegalrejo", "Tegalrejo", "Kujon", "Mlese",
           "Ngawonggo", "Dlimas")),
    Place("Pedan", "Klaten", 8, -7.694, 110.702, "0272", "525",
          ("Jl. Raya Pedan", "Jl. Pedan–Cawas", "Jl. Pasar Pedan")),
    Place("Trucuk", "Klaten", 5, -7.716, 110.652, "0272", "525",
          ("Jl. Raya Trucuk", "Jl. Trucuk–Cawas")),
    Place("Juwiring", "Klaten", 4, -7.653, 110.775, "0272", "525",
          ("Jl. Raya Juwiring", "Jl. Juwiring–Wonosari")),
    Place("Delanggu", "Klaten", 3, -7.619, 110.701, "0272", "525",
          ("Jl. Raya Solo–Yogya", "Jl. Delanggu–Polanharjo")),
    Place("Karanganom", "Klaten", 2, -7.652, 110.628, "0272", "525",
          ("Jl. Raya Karanganom", "Jl. Karanganom–Jatinom")),
    Place("Sawit", "Boyolali", 1.5, -7.585, 110.672, "0276", "527",
          ("Jl. Raya Sawit", "Jl. Sawit–Tegalrejo")),
    Place("Kartasura", "Sukoharjo", 1.5, -7.554, 110.742, "0271", "532",
          ("Jl. Slamet Riyadi", "Jl. Raya Kartasura")),
    Place("Margadana", "Kota Tegal", 3, -6.862, 109.114, "0283", "501",
          ("Jl. Perindustrian (LIK Takaru)", "Jl. Raya Margadana", "Jl. Kapten Sudibyo")),
)


@dataclass(frozen=True)
class Tier:
    name: str
    count: tuple[int, int] | None  # None: the rest of TOTAL_FOUNDRIES
    capacity_t: tuple[float, float, float]  # monthly melting capacity: low, high, most likely
    workforce: tuple[int, int]
    capital_juta: tuple[int, int]  # business capital, Rp juta: inside this PP 7/2021 class
    price_per_kg: tuple[int, int]  # Rp; the bigger shops sell machined, finished castings
    max_casting_kg: int
    heaviest_kg: tuple[int, ...]  # what the melting plant lets it pour, whatever its line
    member_chance: float  # of joining the cooperative (foundries around Ceper only)
    lines: dict  # product line -> weight
    prefixes: dict  # legal form -> weight


TIERS = (
    Tier("large", (5, 7), (400, 1200, 900), (100, 300), (12_000, 60_000), (24_000, 35_000),
         3000, (500, 1000, 1500), 0.0,
         {"machine_parts": 45, "automotive": 30, "pipe_valve": 15, "brake_block": 10},
         {"PT": 1}),
    Tier("medium", (20, 26), (60, 250, 170), (30, 80), (5_200, 9_800), (20_000, 30_000),
         1000, (100, 150, 250, 400), 0.1,
         {"machine_parts": 35, "automotive": 25, "pipe_valve": 22, "brake_block": 10,
          "municipal": 8},
         {"PT": 6, "CV": 4}),
    Tier("small", (75, 90), (15, 40, 25), (8, 20), (1_100, 4_800), (14_000, 19_000), 300, (),
         0.85,
         {"brake_block": 28, "machine_parts": 28, "pipe_valve": 20, "municipal": 18,
          "household": 6},
         {"CV": 6, "UD": 3, "PT": 1}),
    Tier("micro", None, (5, 20, 8), (5, 12), (150, 950), (12_000, 17_000), 150, (),
         0.92,
         {"household": 30, "brake_block": 27, "municipal": 18, "machine_parts": 13,
          "pipe_valve": 12},
         {"UD": 11, "CV": 9}),
)
TOTAL_FOUNDRIES = (245, 258)
# Kota Tegal's foundries (LIK Takaru) work for shipyards and machine shops.
TEGAL_LINES = {"ship_parts": 6, "machine_parts": 4}


@dataclass(frozen=True)
class ProductSpec:
    name: str
    grades: tuple[str, ...]  # preferred first; the first the foundry can pour is used
    weight_kg: tuple[float, float]


@dataclass(frozen=True)
class Line:
    description: str
    products: tuple[ProductSpec, ...]
    weight_min_kg: tuple[float, ...]
    weight_max_kg: tuple[float, ...]
    grades: tuple[str, ...]  # offered besides the products' grades
    buyers: tuple[str, ...]


LINES = {
    "brake_block": Line(
        "Blok rem kereta api dari besi cor fosfor (UIC 832, P10) sejak {year}.",
        (ProductSpec("Blok rem kereta api besi cor fosfor (gerbong barang)", ("P10",), (11, 14)),
         ProductSpec("Blok rem kereta api besi cor fosfor (kereta penumpang)", ("P10",),
                     (12, 16)),
         ProductSpec("Blok rem lokomotif besi cor fosfor", ("P10",), (18, 24)),
         ProductSpec("Komponen rem kendaraan niaga", ("FC250",), (3, 12)),
         ProductSpec("Pemberat (counterweight) besi cor", ("FC150",), (10, 50))),
        (5, 6, 8), (40, 50, 60), ("FC200",),
        (KAI, INKA, "Balai Yasa Yogyakarta (PT KAI)")),
    "municipal": Line(
        "Tutup manhole, grating dan perlengkapan saluran dari besi cor sejak {year}.",
        (ProductSpec("Tutup manhole D400", ("FCD400", "FC250"), (45, 110)),
         ProductSpec("Tutup manhole B125", ("FC200",), (25, 45)),
         ProductSpec("Grating saluran (street inlet)", ("FC200",), (20, 40)),
         ProductSpec("Kaki tiang lampu jalan", ("FC200",), (30, 90)),
         ProductSpec("Tutup boks katup (surface box)", ("FC200",), (8, 20))),
        (15, 20, 25), (100, 120, 150), ("FC150",),
        ("PDAM", "Dinas PUPR Kabupaten Klaten", "kontraktor jalan dan drainase",
         "toko bahan bangunan Solo Raya")),
    "pipe_valve": Line(
        "Fitting pipa, badan katup dan rumah pompa untuk PDAM dan industri sejak {year}.",
        (ProductSpec("Pipa fitting (tee, elbow, reducer)", ("FCD450", "FC200"), (2, 40)),
         ProductSpec("Badan katup (gate valve)", ("FCD450", "FC250"), (5, 60)),
         ProductSpec("Rumah pompa", ("FC250",), (8, 80)),
         ProductSpec("Flens pipa", ("FCD450", "FC200"), (2, 25)),
         ProductSpec("Kopling pipa (gibault joint)", ("FCD450", "FC200"), (3, 15))),
        (1, 2, 3), (80, 100, 150), ("FC200", "FC250", "FCD450"),
        ("PDAM", "PT Barata Indonesia (Persero)", "distributor pipa Surabaya",
         "kontraktor jaringan air minum")),
    "machine_parts": Line(
        "Suku cadang mesin dan komponen industri sejak {year}.",
        (ProductSpec("Pulley", ("FC200", "FC250"), (2, 60)),
         ProductSpec("Roda gigi", ("FCD450", "FC300"), (1, 80)),
         ProductSpec("Bracket mesin", ("FCD450", "FC250"), (1, 25)),
         ProductSpec("Rumah bantalan (bearing housing)", ("FC250",), (3, 40)),
         ProductSpec("Rangka dasar mesin (bed)", ("FC250",), (120, 450)),
         ProductSpec("Komponen mesin pabrik gula", ("FC250",), (20, 300)),
         ProductSpec("Komponen baja cor alat berat", ("SC450",), (20, 300)),
         ProductSpec("Gigi bucket ekskavator", ("SCMn1",), (5, 40))),
        (0.5, 1, 2, 3), (150, 250, 350, 500), ("FC200", "FC250", "FC300", "FCD450"),
        ("PT Pindad", "PT Barata Indonesia (Persero)", "pabrik gula PTPN",
         "industri tekstil Solo Raya", "bengkel bubut Klaten")),
    "automotive": Line(
        "Komponen otomotif dari besi cor kelabu dan nodular sejak {year}.",
        (ProductSpec("Komponen rem kendaraan niaga", ("FC250",), (4, 15)),
         ProductSpec("Dudukan mesin (engine mounting)", ("FCD450",), (2, 8)),
         ProductSpec("Tromol rem truk (brake drum)", ("FC250",), (25, 45)),
         ProductSpec("Hub roda", ("FCD500", "FCD450"), (6, 20)),
         ProductSpec("Rumah diferensial", ("FCD450",), (15, 40)),
         ProductSpec("Bracket pegas daun (spring bracket)", ("FCD450",), (2, 10))),
        (1, 1.5, 2), (60, 80, 120), ("FC250", "FCD450"),
        ("PT Pindad", "karoseri Jawa Tengah", "distributor suku cadang Jakarta",
         "pemasok tier-2 komponen otomotif Bekasi")),
    "household": Line(
        "Peralatan rumah tangga dan komponen alat pertanian dari besi cor sejak {year}.",
        (ProductSpec("Wajan besi cor", ("FC150",), (1.5, 4)),
         ProductSpec("Komponen pompa air tangan", ("FC150", "FC200"), (1, 6)),
         ProductSpec("Komponen mesin penggiling padi", ("FC200",), (2, 20)),
         ProductSpec("Pemberat timbangan", ("FC150",), (1, 20)),
         ProductSpec("Tungku dan rangka kompor", ("FC150",), (3, 15)),
         ProductSpec("Pagar dan ornamen besi cor", ("FC150",), (2, 30))),
        (0.5, 1), (20, 30, 40), ("FC150",),
        ("pedagang besi Klaten", "toko alat pertanian Solo Raya",
         "eksportir kerajinan Yogyakarta")),
    "ship_parts": Line(
        "Komponen kapal dan mesin dari perunggu, aluminium dan besi cor sejak {year}.",
        (ProductSpec("Baling-baling kapal (perunggu)", ("BC6",), (10, 150)),
         ProductSpec("Bushing perunggu", ("BC6",), (0.5, 20)),
         ProductSpec("Komponen aluminium (AC4C)", ("AC4C",), (0.2, 5)),
         ProductSpec("Rumah pompa kapal", ("FC250",), (5, 60)),
         ProductSpec("Komponen mesin kapal", ("FCD450", "FC250"), (2, 80))),
        (0.2, 0.5), (150, 200), ("FC200",),
        ("galangan kapal Tegal", "bengkel kapal Pantura", "industri mesin Tegal")),
}

# Words of Indonesian small-firm names.
NAME_HEADS = ("Logam", "Cor", "Baja", "Besi", "Sinar", "Karya", "Tekno", "Putra", "Sumber",
              "Cahaya", "Bintang", "Mega", "Tri", "Dwi", "Panca", "Mitra", "Prima", "Guna")
NAME_TAILS = ("Jaya", "Makmur", "Sentosa", "Mulya", "Abadi", "Mandiri", "Barokah",
              "Manunggal", "Utama", "Sejahtera", "Perkasa", "Agung", "Lestari", "Rejeki",
              "Santoso", "Kencana", "Sakti", "Wijaya", "Gemilang")
FAMILY_NAMES = ("Harjo", "Wiryo", "Sastro", "Joyo", "Prawiro", "Suryo", "Hadi", "Kusumo",
                "Atmo", "Darmo", "Marto", "Noto", "Parto", "Slamet", "Sutrisno")
METALS = ("Logam", "Cor", "Baja", "Besi")
PT_SUFFIXES = ("Metalindo", "Metal Industri", "Logamindo", "Casting Indonesia", "Foundry")


# --- Small helpers --------------------------------------------------------------------------

def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _dec(value: float, places: int = 1) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def _unique(rng: random.Random, taken: set, make):
    """Draw `make(rng)` until it gives a value not yet taken."""
    while (value := make(rng)) in taken:
        pass
    taken.add(value)
    return value


def _nib(rng: random.Random) -> str:
    return f"{rng.choice(('8120', '9120'))}{rng.randrange(10**9):09d}"


def _npwp_head(rng: random.Random) -> str:
    return f"{rng.choice(('01', '02', '03'))}{rng.randrange(10**6):06d}"


class _Identities:
    """Unique NIBs, NPWPs and names across the whole cluster."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.nibs, self.npwp_heads, self.names = set(), set(), set()

    def nib(self) -> str:
        return _unique(self.rng, self.nibs, _nib)

    def npwp(self, kpp: str) -> str:
        head = _unique(self.rng, self.npwp_heads, _npwp_head)
        return head + npwp_check_digit(head) + kpp + "000"

    def firm_name(self, prefixes: dict, large: bool) -> str:
        body = _unique(self.rng, self.names, lambda rng: _name_body(rng, large))
        return f"{_weighted(self.rng, prefixes)} {body}"


def _name_body(rng: random.Random, large: bool) -> str:
    head, tail = rng.choice(NAME_HEADS), rng.choice(NAME_TAILS)
    if large:
        return f"{head} {tail} {rng.choice(PT_SUFFIXES)}"
    pattern = rng.randrange(5)  # 3 and 4: the plain two-word name, the commonest
    if pattern == 0:
        return f"{rng.choice(FAMILY_NAMES)} {rng.choice(METALS)}"
    if pattern == 1:
        return f"Putra {rng.choice(FAMILY_NAMES)} {tail}"
    if pattern == 2:
        return f"{head} {tail} {rng.choice([t for t in NAME_TAILS if t != tail])}"
    return f"{head} {tail}"


# --- Foundries --------------------------------------------------------------------------------

def _address(rng: random.Random, place: Place) -> str:
    street = f"{rng.choice(place.streets)} No. {rng.randint(1, 120)}"
    rt_rw = f"RT {rng.randint(1, 8):02d}/RW {rng.randint(1, 12):02d}"
    village = f", Desa {rng.choice(place.villages)}" if place.villages else ""
    return f"{street}, {rt_rw}{village}"


def _phone(rng: random.Random, place: Place, tier: str) -> str:
    if tier == "micro":  # micro workshops answer on the owner's mobile
        return f"08{rng.choice(('12', '13', '21', '52', '57', '95'))}-" \
               f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    return f"({place.area_code}) {rng.randint(310_000, 329_999)}"


def _location(rng: random.Random, place: Place) -> dict:
    return {
        "address": _address(rng, place), "district": place.district,
        "regency": place.regency, "province": "Jawa Tengah",
        "latitude": _dec(place.lat + rng.uniform(-0.012, 0.012), 6),
        "longitude": _dec(place.lng + rng.uniform(-0.012, 0.012), 6),
    }


def _furnaces(rng: random.Random, tier: str, capacity_t: float, induction: bool) -> list[dict]:
    """Melting plant that fits the capacity: cupolas for the small shops, induction above."""
    if is_small_business(tier):
        size = (1.0 if capacity_t < 12 else 1.5) if tier == "micro" else rng.choice((1.5, 2.0))
        rows = [{"kind": "cupola", "tonnes_per_heat": _dec(size, 2),
                 "count": 2 if capacity_t > 28 else 1}]
        if induction:
            rows.append({"kind": "induction", "count": 1,
                         "tonnes_per_heat": _dec(rng.choice((0.25, 0.3, 0.5)), 2)})
        return rows
    options, most = ((0.5, 0.75, 1.0, 1.5, 2.0), 3) if tier == "medium" else ((1.5, 2.0, 3.0), 5)
    size = rng.choice([t for t in options if t * INDUCTION_HEATS_A_MONTH * most >= capacity_t]
                      or options[-1:])
    count = max(1 if tier == "medium" else 2, round(capacity_t / (size * INDUCTION_HEATS_A_MONTH)))
    rows = [{"kind": "induction", "tonnes_per_heat": _dec(size, 2), "count": count}]
    if rng.random() < (0.4 if tier == "medium" else 0.5):  # the old cupola still runs
        cupola = rng.choice((2.0, 3.0) if tier == "medium" else (3.0, 5.0))
        rows.append({"kind": "cupola", "tonnes_per_heat": _dec(cupola, 2), "count": 1})
    return rows


def _can_pour(grade: str, induction: bool) -> bool:
    """Ductile iron and steel need the control an induction furnace gives."""
    return induction or _FAMILY[grade] not in ("ductile_iron", "cast_steel")


def _products(rng: random.Random, line: str, extra_line: str | None, induction: bool,
              max_kg: int) -> list[dict]:
    def pourable(spec):
        return [g for g in spec.grades if _can_pour(g, induction)]

    def makeable(name):
        return [s for s in LINES[name].products if pourable(s) and s.weight_kg[1] <= max_kg]

    specs = makeable(line)
    chosen = rng.sample(specs, k=min(len(specs), rng.randint(2, 4)))
    if extra_line:
        chosen.append(rng.choice(makeable(extra_line)))
    return [{"name": s.name, "grade_id": pourable(s)[0],
             "unit_weight_kg": _dec(rng.uniform(*s.weight_kg))} for s in chosen]


def _grades(rng: random.Random, line: str, products: list[dict], induction: bool,
            tier: str) -> list[str]:
    offered = [p["grade_id"] for p in products]
    offered += [g for g in LINES[line].grades if _can_pour(g, induction)]
    if induction and tier in ("medium", "large"):
        offered += rng.sample(("FCD400", "FCD500", "FCD600"), k=rng.randint(0, 2))
    return [code for code, _family in GRADES if code in offered]


def process_mix(rng: random.Random, tier: str, line: str) -> list[str]:
    """The processes a foundry of this size and product line runs (also used by bench/)."""
    bigger = tier in ("medium", "large")
    chances = {
        "no_bake": {"large": 1, "medium": 0.7, "small": 0.05}.get(tier, 0),
        "lost_foam": 0.08 if bigger else 0,
        "investment": 0.2 if tier == "large" or line == "ship_parts" else 0,
        "centrifugal": 0.15 if bigger and line in ("pipe_valve", "ship_parts") else 0,
        "machining": {"large": 1, "medium": 0.8, "small": 0.25, "micro": 0.05}[tier],
        "heat_treatment": {"large": 0.7, "medium": 0.35}.get(tier, 0),
        "painting": 0.7 if line == "municipal" else (0.5 if bigger else 0.1),
    }
    return ["green_sand", *(code for code, chance in chances.items() if rng.random() < chance)]


def _certificate(rng: random.Random, kind: str, product: str, today: dt.date,
                 years: int) -> dict:
    expired = rng.random() < 0.12
    age = rng.randint(years * 365 + 30, years * 365 + 700) if expired else \
        rng.randint(30, years * 365 - 30)
    issued = today - dt.timedelta(days=age)
    number = {
        "iso9001": f"ID-QMS-{issued.year}-{rng.randint(1000, 9999)}",
        "sni": f"{rng.randint(100, 999)}/SPPT-SNI/LSPro/{issued.year}",
    }[kind]
    return {"kind": kind, "number": number, "product": product, "issued_on": issued,
            "valid_until": issued + dt.timedelta(days=round(365.25 * years)) - dt.timedelta(1)}


def profile_certificates(rng: random.Random, tier: str, products: list[dict],
                         today: dt.date) -> list[dict]:
    """ISO 9001 for the larger shops, SNI for manhole covers (also used by bench/). TKDN
    certificates are records of their own (pasok.tkdn), planned in `_local_content`."""
    rows = []
    if rng.random() < {"large": 0.8, "medium": 0.35}.get(tier, 0):
        rows.append(_certificate(rng, "iso9001", "", today, 3))
    manholes = [p["name"] for p in products if p["name"].startswith("Tutup manhole")]
    if manholes and tier != "micro" and rng.random() < 0.4:
        rows.append(_certificate(rng, "sni", manholes[0], today, 4))
    return rows


def _money(rng: random.Random, tier: Tier, capacity_t: float, fraction: float) -> dict:
    """Capital inside the foundry's class (which the service derives from it, PP 7/2021);
    sales from its capacity used at 35–65%."""
    low, high = tier.capital_juta
    capital = low + (high - low) * min(1.0, max(0.0, fraction + rng.uniform(-0.1, 0.1)))
    sales = capacity_t * 1000 * 12 * rng.uniform(0.35, 0.65) * rng.uniform(*tier.price_per_kg)
    return {"business_capital": Decimal(round(capital / 10) * 10 * JUTA),
            "annual_sales": Decimal(round(sales / (10 * JUTA)) * 10 * JUTA)}


def _workforce(rng: random.Random, tier: Tier, fraction: float) -> tuple[int, int]:
    """People grow slower than capacity: the bigger shops are more mechanised."""
    low, high = tier.workforce
    total = round(low + (high - low) * fraction**1.5 + rng.randint(-2, 2))
    total = min(high, max(low, total))
    share = rng.uniform(0, 0.15) if tier.name == "micro" else rng.uniform(0.05, 0.2)
    return total, round(total * share)


def _foundry(rng: random.Random, ids: _Identities, key: str, tier: Tier, capacity_t: float,
             today: dt.date) -> OrgPlan:
    place = rng.choices(PLACES, weights=[p.weight for p in PLACES])[0]
    tegal = place.regency == "Kota Tegal"
    line = _weighted(rng, TEGAL_LINES if tegal else tier.lines)
    others = [n for n in tier.lines if n not in (line, "brake_block")]
    extra_line = rng.choice(others) if others and rng.random() < 0.35 else None
    induction = tier.name in ("medium", "large") or (tier.name == "small" and rng.random() < 0.25)
    member = place.regency == "Klaten" and rng.random() < tier.member_chance
    low, high, _mode = tier.capacity_t
    fraction = min(1.0, max(0.0, (capacity_t - low) / (high - low)))
    products = _products(rng, line, extra_line, induction, tier.max_casting_kg)
    weights = [p["unit_weight_kg"] for p in products]
    workforce, women = _workforce(rng, tier, fraction)
    description = LINES[line].description.format(year=_founded(rng, tier.name))
    buyers = rng.sample(LINES[line].buyers, k=rng.randint(1, 3))
    if member:
        description += f" Anggota {COOPERATIVE_NAME}."
        if line == "brake_block":
            buyers.append(COOPERATIVE_NAME)
    fields = {
        "name": ids.firm_name(tier.prefixes, large=tier.name == "large"), "kind": OrgKind.SUPPLIER,
        "nib": ids.nib(), "npwp": ids.npwp(place.kpp), **_location(rng, place),
        "phone": _phone(rng, place, tier.name), **_money(rng, tier, capacity_t, fraction),
    }
    profile = ProfilePlan(
        fields={
            "weight_min_kg": min(_dec(rng.choice(LINES[line].weight_min_kg)), *weights),
            "weight_max_kg": max(_heaviest(rng, tier, line), *weights),
            "monthly_capacity_kg": round(capacity_t * 2) * 500,
            "workforce_total": workforce, "workforce_women": women,
            "description": description, "buyers_served": buyers,
        },
        processes=tuple(process_mix(rng, tier.name, line)),
        grades=tuple(_grades(rng, line, products, induction, tier.name)),
        furnaces=tuple(_furnaces(rng, tier.name, capacity_t, induction)),
        certificates=tuple(profile_certificates(rng, tier.name, products, today)),
        products=tuple(products),
    )
    return OrgPlan(key=key, fields=fields, member=member,
                   verifier="cooperative" if member else "ministry", profile=profile,
                   tier=tier.name, line=line)


def _heaviest(rng: random.Random, tier: Tier, line: str) -> Decimal:
    """The heaviest casting offered: what the line needs, or what the melting plant allows."""
    heaviest = rng.choice(LINES[line].weight_max_kg)
    if tier.heaviest_kg:
        heaviest = max(heaviest, rng.choice(tier.heaviest_kg))
    return _dec(min(heaviest, tier.max_casting_kg), 0)


def _founded(rng: random.Random, tier: str) -> int:
    first = {"large": 1965, "medium": 1970, "small": 1975, "micro": 1980}[tier]
    return rng.randint(first, 2022 if tier == "micro" else 2015)


def _tier_capacities(rng: random.Random) -> list[tuple[Tier, float]]:
    """Each foundry's size class and monthly capacity (t), scaled so the cluster totals the
    capacity it reports; shuffled so sizes mix in the list."""
    total = rng.randint(*TOTAL_FOUNDRIES)
    counts = {t.name: rng.randint(*t.count) for t in TIERS if t.count}
    rest = next(t.name for t in TIERS if t.count is None)
    counts[rest] = total - sum(counts.values())
    drawn = [(t, rng.triangular(*t.capacity_t)) for t in TIERS for _ in range(counts[t.name])]
    scale = CLUSTER_CAPACITY_T_MONTH / sum(c for _t, c in drawn)
    rng.shuffle(drawn)
    return [(t, c * scale) for t, c in drawn]


def _leave_unverified(rng: random.Random, foundries: list[OrgPlan]) -> list[OrgPlan]:
    """Some independent small shops have signed up but are not checked yet."""
    candidates = [f.key for f in foundries if not f.member and is_small_business(f.tier)]
    chosen = set(rng.sample(candidates, k=min(UNVERIFIED_FOUNDRIES, len(candidates))))
    return [replace(f, verifier=None) if f.key in chosen else f for f in foundries]


# --- Local content: TKDN worksheets, BMP, TKDN certificates ----------------------------------

# Components whose makers hold a TKDN certificate: (TKDN %, certificate number), invented.
BACKING_PLATES = ((48.5, "0917/SJ-IND.8/TKDN/7/2024"), (52.14, "2231/SJ-IND.8/TKDN/1/2026"),
                  (44.8, "1608/SJ-IND.8/TKDN/3/2025"))
LOCAL_PIG_IRON = (68.4, "0384/SJ-IND.8/TKDN/12/2025")
PIG_IRON_IMPORTED = "Besi kasar (pig iron) impor"
MANHOLE_COVER = "Tutup manhole B125"


def _brake_blocks(foundry: OrgPlan) -> list[dict]:
    return [p for p in foundry.profile.products if p["name"].startswith("Blok rem")]


def _has_cupola(foundry: OrgPlan) -> bool:
    return any(f["kind"] == "cupola" for f in foundry.profile.furnaces)


def _material(name: str, quantity: float, unit_price: float, domestic: float,
              certificate: str = "") -> dict:
    line = {"name": name, "quantity": round(quantity, 2), "unit_price": _rupiah(unit_price),
            "domestic_percent": domestic}
    return {**line, "certificate": certificate} if certificate else line


def _cost(name: str, cost: float, domestic: float) -> dict:
    return {"name": name, "cost": _rupiah(cost), "domestic_percent": domestic}


def _rupiah(value: float) -> int:
    """To the hundred rupiah, as prices are quoted."""
    return round(value / 100) * 100


def _brake_block_sheet(rng: random.Random, product: str, unit_kg: float, *, cupola: bool,
                       regime: Regime = Regime.P35_2025) -> dict:
    """The cost of one brake block as a Ceper foundry's accountant writes it: the charge per
    block (runners and risers go back into the melt, so only the melt loss is added), rupiah
    prices of 2025–26, the steel backing plate bought per piece from a local press shop."""
    metal = (unit_kg - 1.2) * 1.06
    pig_iron = metal * rng.uniform(0.34, 0.44)
    steel = metal * rng.uniform(0.22, 0.32)
    plate_tkdn, plate_certificate = rng.choice(BACKING_PLATES)
    materials = [
        _material(PIG_IRON_IMPORTED, pig_iron, rng.uniform(9_400, 10_200), 0),
        _material("Scrap baja lokal", steel, rng.uniform(6_900, 7_600), 100),
        _material("Scrap besi cor lokal", metal - pig_iron - steel, rng.uniform(5_300, 6_000), 100),
        # Phosphoric iron (P10) needs about 1% P: ferro-phosphorus of about 23% P.
        _material("Ferro fosfor impor", metal * 0.037, rng.uniform(21_000, 25_000), 0),
        _material("Ferro silikon impor", metal * 0.011, rng.uniform(24_000, 28_000), 0),
        _material("Kokas impor", metal * rng.uniform(0.11, 0.14), rng.uniform(7_800, 9_000), 0)
        if cupola else _material("Karburiser impor", metal * 0.012, rng.uniform(11_000, 13_000), 0),
        _material("Pasir silika & bentonit", unit_kg * rng.uniform(0.15, 0.2),
                  rng.uniform(1_000, 1_300), 100),
        _material("Pelat punggung baja", 1, rng.uniform(14_500, 17_500), plate_tkdn,
                  plate_certificate),
    ]
    per_block = unit_kg / 12
    labour = [_cost("Upah cetak & tuang (WNI)", per_block * rng.uniform(11_000, 14_000), 100),
              _cost("Upah gerinda & finishing (WNI)", per_block * rng.uniform(4_000, 6_000), 100)]
    if cupola:
        energy = [_cost("Listrik blower kupola & penerangan",
                        per_block * rng.uniform(2_500, 3_500), 100),
                  _cost("Penyusutan kupola & rangka cetak (buatan lokal)",
                        rng.uniform(2_000, 3_000), 100)]
    else:
        energy = [_cost("Listrik tungku induksi (PLN)", per_block * rng.uniform(9_000, 11_000),
                        100),
                  _cost("Penyusutan tungku induksi impor", rng.uniform(2_500, 4_000), 0)]
    overhead = [*energy,
                _cost("Penyusutan mesin gerinda impor", rng.uniform(800, 1_500), 0),
                _cost("Uji kekerasan Brinell & komposisi kimia", rng.uniform(800, 1_200), 100),
                _cost("Perawatan & alat bantu", rng.uniform(1_000, 1_500), 100)]
    return {"regime": regime.value, "product": product, "materials": materials,
            "labour": labour, "overhead": overhead}


def _with_local_pig_iron(rng: random.Random, sheet: dict, share: float) -> dict:
    """The same sheet once `share` of the imported pig iron is bought from a domestic maker
    with a TKDN certificate (cheaper: no freight from the port, no import duty)."""
    tkdn, certificate = LOCAL_PIG_IRON
    materials = []
    for line in sheet["materials"]:
        if line["name"] != PIG_IRON_IMPORTED:
            materials.append(line)
            continue
        local = round(line["quantity"] * share, 2)
        materials += [{**line, "quantity": round(line["quantity"] - local, 2)},
                      _material("Besi kasar (pig iron) lokal", local,
                                line["unit_price"] - rng.uniform(300, 600), tkdn, certificate)]
    return {**sheet, "materials": materials}


def _manhole_sheet(rng: random.Random, unit_kg: float) -> dict:
    """A B125 manhole cover under the cost-based Permenperin 16/2011: mostly local scrap."""
    metal = unit_kg * 1.05
    return {
        "regime": Regime.P16_2011.value, "product": MANHOLE_COVER,
        "materials": [
            _material("Scrap besi cor lokal", metal * 0.6, rng.uniform(5_300, 6_000), 100),
            _material("Scrap baja lokal", metal * 0.2, rng.uniform(6_900, 7_600), 100),
            _material(PIG_IRON_IMPORTED, metal * 0.2, rng.uniform(9_400, 10_200), 0),
            _material("Ferro silikon impor", metal * 0.01, rng.uniform(24_000, 28_000), 0),
            _material("Kokas impor", metal * 0.12, rng.uniform(7_800, 9_000), 0),
            _material("Pasir silika & bentonit", unit_kg * 0.18, rng.uniform(1_000, 1_300), 100),
            _material("Cat aspal (coating hitam)", unit_kg * 0.008, rng.uniform(28_000, 32_000),
                      100),
        ],
        "labour": [_cost("Upah cetak & tuang (WNI)", unit_kg * rng.uniform(900, 1_100), 100),
                   _cost("Upah finishing & pengecatan (WNI)", unit_kg * rng.uniform(300, 400),
                         100)],
        "overhead": [
            _cost("Listrik blower kupola & penerangan", unit_kg * rng.uniform(200, 280), 100),
            _cost("Penyusutan kupola & rangka cetak (buatan lokal)",
                  unit_kg * rng.uniform(130, 170), 100),
            _cost("Uji beban tutup manhole (sampel)", rng.uniform(1_500, 2_500), 100),
        ],
    }


def _member_bmp(declared_on: dt.date) -> BmpPlan:
    return BmpPlan(claims=(
        {"factor": "partnership",
         "evidence": f"Anggota {COOPERATIVE_NAME}; memasok blok rem untuk kontrak koperasi "
                     "dengan PT KAI (perjanjian kemitraan No. 014/KILBJ/I/2026)."},
        {"factor": "hr_development",
         "evidence": "Dua operator kupola dan satu juru cetak bersertifikat kompetensi BNSP "
                     "setelah pelatihan di Politeknik Manufaktur Ceper (2025)."},
        {"factor": "siinas_reporting",
         "evidence": "Laporan kegiatan industri semester II/2025 sudah dikirim lewat SIINas "
                     "(tanda terima terlampir)."},
    ), declared_on=declared_on)


def _regime(issued_on: dt.date) -> str:
    return (Regime.P35_2025 if issued_on >= P35_IN_FORCE else Regime.P16_2011).value


def _years_before(day: dt.date, years: int) -> dt.date:
    if (day.month, day.day) == (2, 29):
        day = day.replace(day=28)
    return day.replace(year=day.year - years)


def _issued_for(valid_until: dt.date) -> dt.date:
    """The issue date of a certificate that runs out on `valid_until`: 3 years before under
    16/2011, 5 under 35/2025. (No certificate can end between 11 Dec 2028 and 11 Dec 2030;
    there the 3-year answer is kept.)"""
    after = valid_until + dt.timedelta(days=1)
    five = _years_before(after, 5)
    return five if five >= P35_IN_FORCE else _years_before(after, 3)


def _issued_valid(rng: random.Random, today: dt.date) -> dt.date:
    """An issue date within five years whose certificate runs beyond the 90-day warning."""
    while True:
        issued = today - dt.timedelta(days=rng.randint(7, 5 * 365))
        if default_valid_until(_regime(issued), issued) > today + dt.timedelta(days=90):
            return issued


def _tkdn_certificate(rng: random.Random, numbers: set, product: str, issued_on: dt.date, *,
                      self_declared: bool, tkdn_percent: Decimal | None = None,
                      bmp: Decimal | None = None, worksheet: str = "") -> TkdnCertificatePlan:
    """A brake block's TKDN: 40–65% for Ceper cast iron (the pig iron, alloys and coke are
    imported); verified by Sucofindo or Surveyor Indonesia, or self-declared (no number)."""
    regime = _regime(issued_on)
    if tkdn_percent is None:
        tkdn_percent = _dec(rng.uniform(40, 65), 2)
    if bmp is None:  # BMP needs a verifier
        bmp = Decimal(0) if self_declared else Decimal(rng.choice((0, 0, 1, 2, 4, 4, 5, 6, 8)))
    number, verifier = "", ""
    if not self_declared:
        number = _unique(rng, numbers, lambda r: f"{r.randint(1000, 9999)}/SJ-IND.8/TKDN/"
                                                 f"{issued_on.month}/{issued_on.year}")
        verifier = rng.choice(TKDN_VERIFIERS)
    return TkdnCertificatePlan(
        product=product, regime=regime, tkdn_percent=tkdn_percent,
        bmp_percent=bmp.quantize(Decimal("0.01")), issued_on=issued_on,
        valid_until=default_valid_until(regime, issued_on), number=number, verifier=verifier,
        self_declared=self_declared, worksheet=worksheet)


def _member_records(rng: random.Random, member: OrgPlan, numbers: set,
                    today: dt.date) -> OrgPlan:
    """The foundry the demo member logs into: a brake-block worksheet under Permenperin
    35/2025 saved twice (the second buys part of its pig iron at home), a manhole-cover one
    under 16/2011, a BMP declaration, the certificate of the worksheet's latest version and
    the old 16/2011 certificate of a brake block, about to run out."""
    blocks = _brake_blocks(member)
    block = next((p for p in blocks if "gerbong barang" in p["name"]), blocks[0])
    first = _brake_block_sheet(rng, block["name"], float(block["unit_weight_kg"]),
                               cupola=_has_cupola(member))
    brake = WorksheetPlan(versions=(first, _with_local_pig_iron(rng, first, 0.4)),
                          saved_on=(today - dt.timedelta(days=75), today - dt.timedelta(days=40)))
    products = list(member.profile.products)
    manhole = next((p for p in products if p["name"] == MANHOLE_COVER), None)
    if manhole is None:  # a side line many brake-block shops pour for the PDAM
        manhole = {"name": MANHOLE_COVER, "grade_id": "FC200",
                   "unit_weight_kg": _dec(rng.uniform(28, 38))}
        products.append(manhole)
    cover = WorksheetPlan(versions=(_manhole_sheet(rng, float(manhole["unit_weight_kg"])),),
                          saved_on=(today - dt.timedelta(days=30),))
    bmp = _member_bmp(today - dt.timedelta(days=38))
    current = _tkdn_certificate(rng, numbers, block["name"], today - dt.timedelta(days=21),
                                self_declared=False, tkdn_percent=brake.tkdn_percent,
                                bmp=bmp.bmp_percent, worksheet=brake.product)
    old_product = next((p["name"] for p in blocks if p is not block), block["name"])
    old = _tkdn_certificate(rng, numbers, old_product,
                            _issued_for(today + dt.timedelta(days=rng.randint(10, 25))),
                            self_declared=False)
    return replace(member, profile=replace(member.profile, products=tuple(products)),
                   worksheets=(brake, cover), bmp=bmp, tkdn_certificates=(current, old))


def _local_content(rng: random.Random, foundries: list[OrgPlan], member: OrgPlan,
                   today: dt.date) -> list[OrgPlan]:
    """TKDN certificates for about half the brake-block makers (Kemenperin pays for small
    industry's certification, so even micro shops hold one), a third of them self-declared
    (small industry may declare its own), ~12% expired and a few inside each expiry warning;
    worksheets for a few more."""
    numbers = set()
    holders = [f for f in foundries if f.key != member.key and _brake_blocks(f)
               and rng.random() < (0.15 if f.tier == "micro" else 0.5)]
    expired = max(1, round(TKDN_EXPIRED_SHARE * (len(holders) + 2)))
    ends = [(-700, -1)] * expired + [days for days, n in TKDN_EXPIRING for _ in range(n)]
    ending = dict(zip(rng.sample([f.key for f in holders], k=len(ends)), ends, strict=True))
    small = [f.key for f in holders if is_small_business(f.tier)]
    declared = set(rng.sample(small, k=min(len(small), round((len(holders) + 2) / 3))))
    certificates = {}
    for foundry in holders:
        if foundry.key in ending:
            issued = _issued_for(today + dt.timedelta(days=rng.randint(*ending[foundry.key])))
        else:
            issued = _issued_valid(rng, today)
        certificates[foundry.key] = (_tkdn_certificate(
            rng, numbers, _brake_blocks(foundry)[0]["name"], issued,
            self_declared=foundry.key in declared),)
    candidates = [f for f in foundries if f.key != member.key and _brake_blocks(f)]
    worksheets = {}
    for foundry in rng.sample(candidates, k=min(WORKSHEET_FOUNDRIES, len(candidates))):
        block = _brake_blocks(foundry)[0]
        regime = Regime.P16_2011 if rng.random() < 0.2 else Regime.P35_2025
        sheet = _brake_block_sheet(rng, block["name"], float(block["unit_weight_kg"]),
                                   cupola=_has_cupola(foundry), regime=regime)
        if rng.random() < 0.3:
            sheet = _with_local_pig_iron(rng, sheet, rng.uniform(0.25, 0.4))
        worksheets[foundry.key] = (WorksheetPlan(
            versions=(sheet,), saved_on=(today - dt.timedelta(days=rng.randint(3, 150)),)),)
    member_records = _member_records(rng, member, numbers, today)
    return [member_records if f.key == member.key else
            replace(f, tkdn_certificates=certificates.get(f.key, ()),
                    worksheets=worksheets.get(f.key, ()))
            for f in foundries]


# --- The cooperative, buyers, ministry, people ------------------------------------------------

def _cooperative(ids: _Identities) -> OrgPlan:
    fields = {"name": COOPERATIVE_NAME, "kind": OrgKind.COOPERATIVE, "nib": ids.nib(),
              "npwp": ids.npwp("525"), "business_capital": Decimal(2_400 * JUTA),
              "address": "Jl. Raya Batur No. 1, RT 02/RW 05, Desa Batur", "district": "Ceper",
              "regency": "Klaten", "province": "Jawa Tengah", "latitude": Decimal("-7.667200"),
              "longitude": Decimal("110.673900"), "phone": "(0272) 551234"}
    # Capacity stays on the members' profiles: counting it here too would count it twice.
    profile = ProfilePlan(
        fields={"description": "Koperasi para pengecor logam Ceper: memegang kontrak blok rem "
                               "dan membaginya kepada anggota.",
                "buyers_served": [KAI, INKA], "weight_min_kg": Decimal(5),
                "weight_max_kg": Decimal(60)},
        processes=("green_sand",), grades=("FC200", "FC250", "P10"),
        products=({"name": "Blok rem kereta api besi cor fosfor (gerbong barang)",
                   "grade_id": "P10", "unit_weight_kg": Decimal("12.5")},),
    )
    return OrgPlan(key="cooperative", fields=fields, verifier="ministry", profile=profile)


BUYERS = (
    ("kai", KAI, OrgKind.BUMN_BUYER, "Jl. Perintis Kemerdekaan No. 1", "Bandung Wetan",
     "Kota Bandung", "Jawa Barat", "441"),
    ("inka", INKA, OrgKind.BUMN_BUYER, "Jl. Yos Sudarso No. 71", "Taman", "Kota Madiun",
     "Jawa Timur", "623"),
    ("otoparts", "PT Astra Otoparts Tbk", OrgKind.PRIVATE_BUYER,
     "Jl. Raya Pegangsaan Dua Km 2,2", "Kelapa Gading", "Jakarta Utara", "DKI Jakarta", "092"),
    ("mpo", "PT Mitra Presisi Otomotif", OrgKind.PRIVATE_BUYER,
     "Kawasan Industri Jababeka II, Jl. Industri Selatan 6 Blok PP", "Cikarang Selatan",
     "Bekasi", "Jawa Barat", "413"),
    ("gkn", "PT Garuda Komponen Niaga", OrgKind.PRIVATE_BUYER,
     "Kawasan Industri KIIC, Jl. Maligi VII Lot Q-3", "Telukjambe Barat", "Karawang",
     "Jawa Barat", "408"),
)


def _buyers(ids: _Identities) -> list[OrgPlan]:
    return [OrgPlan(key=key, fields={"name": name, "kind": kind, "nib": ids.nib(),
                                     "npwp": ids.npwp(kpp), "address": address,
                                     "district": district, "regency": regency,
                                     "province": province})
            for key, name, kind, address, district, regency, province, kpp in BUYERS]


def _import_agent(ids: _Identities, today: dt.date) -> OrgPlan:
    """A Jakarta trading house importing composite brake blocks: not small (its capital is a
    large business's), with a verified TKDN of about 9% (only handling and distribution are
    domestic), so it may bid only where a package is not reserved for small businesses, and
    the cascade admits it only where nobody offers a domestic block."""
    issued = today - dt.timedelta(days=120)
    regime = _regime(issued)
    fields = {"name": IMPORT_AGENT, "kind": OrgKind.SUPPLIER, "nib": ids.nib(),
              "npwp": ids.npwp("092"), "business_capital": Decimal(18_500 * JUTA),
              "address": "Jl. Yos Sudarso Kav. 89, Kawasan Pergudangan Sunter",
              "district": "Tanjung Priok", "regency": "Jakarta Utara",
              "province": "DKI Jakarta", "phone": "(021) 4301 2288"}
    profile = ProfilePlan(
        fields={"description": "Importir dan distributor blok rem komposit (UIC 541-4) untuk "
                               "kereta penumpang dan gerbong; gudang di Tanjung Priok.",
                "weight_min_kg": Decimal(5), "weight_max_kg": Decimal(15)},
        products=({"name": COMPOSITE_BLOCK, "grade_id": None,
                   "unit_weight_kg": Decimal("6.50")},))
    # Numbered outside the foundries' 1000–9999, so it never repeats one of theirs.
    certificate = TkdnCertificatePlan(
        product=COMPOSITE_BLOCK, regime=regime, tkdn_percent=Decimal("9.40"),
        bmp_percent=Decimal("0.00"), issued_on=issued,
        valid_until=default_valid_until(regime, issued),
        number=f"0417/SJ-IND.8/TKDN/{issued.month}/{issued.year}",
        verifier=TKDN_VERIFIERS[1])
    return OrgPlan(key="import_agent", fields=fields, verifier="ministry", profile=profile,
                   tkdn_certificates=(certificate,))


def _ministry() -> OrgPlan:
    return OrgPlan(key="ministry", fields={
        "name": "Kementerian Perindustrian — Direktorat Jenderal IKMA", "kind": OrgKind.MINISTRY,
        "address": "Jl. Jend. Gatot Subroto Kav. 52–53", "district": "Setiabudi",
        "regency": "Jakarta Selatan", "province": "DKI Jakarta"})


def _users(member: OrgPlan, independent: OrgPlan) -> tuple[UserPlan, ...]:
    """The people behind DEMO_LOGINS, in the same order."""
    people = (
        ("admin", "Admin Pasok", None, "viewer", "platform_admin"),
        ("kemenperin", "Retno Wulandari", "ministry", "staff", "ministry_officer"),
        ("kai", "Agus Prasetyo", "kai", "admin", ""),
        ("inka", "Sri Rahayu", "inka", "staff", ""),
        ("otoparts", "Hendra Gunawan", "otoparts", "admin", ""),
        ("koperasi", "H. Suparno", "cooperative", "admin", ""),
        ("anggota", "Sugiyanto", member.key, "admin", ""),
        ("mandiri", "Wahyu Nugroho", independent.key, "admin", ""),
        ("pemantau", "Yuni Astuti", "kai", "viewer", ""),
    )
    return tuple(UserPlan(f"{local}@{DEMO_DOMAIN}", name, org, role, platform)
                 for local, name, org, role, platform in people)


def plan_cluster(*, seed: int = DEFAULT_SEED, today: dt.date) -> ClusterPlan:
    """The whole demo cluster as data; certificates and worksheets are dated relative to
    `today`."""
    rng = random.Random(seed)
    ids = _Identities(rng)
    foundries = [_foundry(rng, ids, f"foundry-{n:03d}", tier, capacity, today)
                 for n, (tier, capacity) in enumerate(_tier_capacities(rng), start=1)]
    foundries = _leave_unverified(rng, foundries)
    # The demo member makes the block KAI buys most: the goods-wagon block.
    makers = [f for f in foundries if f.member and f.line == "brake_block"]
    member = next((f for f in makers if any("gerbong barang" in p["name"]
                                            for p in _brake_blocks(f))), makers[0])
    independent = next(f for f in foundries if f.verifier is None)
    foundries = _local_content(rng, foundries, member, today)
    organisations = (_ministry(), _cooperative(ids), *_buyers(ids), *foundries,
                     _import_agent(ids, today))
    return ClusterPlan(seed=seed, today=today, organisations=organisations,
                       users=_users(member, independent))


# --- Writing a plan -------------------------------------------------------------------------

def _create_organisations(plan: ClusterPlan) -> dict:
    orgs = {}
    for org in plan.organisations:
        extra = {"cooperative": orgs["cooperative"]} if org.member else {}
        orgs[org.key] = organisation_create(by=SYSTEM, **org.fields, **extra)
        if org.profile is not None:
            p = org.profile
            profile_save(by=SYSTEM, organisation=orgs[org.key], fields=p.fields,
                         processes=list(p.processes), grades=list(p.grades),
                         furnaces=list(p.furnaces), certificates=list(p.certificates),
                         products=list(p.products))
    return orgs


def _saved_on(day: dt.date):
    """The clock at 10:00 on `day`, so a worksheet's versions carry the days they were saved."""
    return clock.frozen(timezone.make_aware(dt.datetime.combine(day, dt.time(10))))


def _load_local_content(plan: ClusterPlan, orgs: dict, users: dict) -> None:
    """Worksheets, BMP and certificates, each saved by the foundry's admin when it has one,
    else by the system."""
    admins = {u.org_key: users[u.email] for u in plan.users if u.org_role == "admin"}
    for org in plan.organisations:
        organisation, by = orgs[org.key], admins.get(org.key, SYSTEM)
        latest = {}
        for sheet in org.worksheets:
            version = None
            for data, day in zip(sheet.versions, sheet.saved_on, strict=True):
                with _saved_on(day):
                    version = worksheet_save(by=by, organisation=organisation, data=data,
                                             worksheet=version.worksheet if version else None)
            latest[sheet.product] = version
        if org.bmp is not None:
            with _saved_on(org.bmp.declared_on):
                bmp_declare(by=by, organisation=organisation, claims=list(org.bmp.claims))
        for cert in org.tkdn_certificates:
            certificate_record(
                by=by, organisation=organisation, regime=cert.regime, product=cert.product,
                tkdn_percent=cert.tkdn_percent, bmp_percent=cert.bmp_percent,
                issued_on=cert.issued_on, valid_until=cert.valid_until, number=cert.number,
                verifier=cert.verifier, self_declared=cert.self_declared,
                worksheet_version=latest[cert.worksheet] if cert.worksheet else None)


def database_is_empty() -> bool:
    """The demo accounts share a published password: they go only into an empty database."""
    return not (Organisation.objects.exists() or User.objects.exists())


@transaction.atomic
def load_cluster(plan: ClusterPlan) -> dict:
    """Write `plan` through the services; returns the organisations by plan key."""
    orgs = _create_organisations(plan)
    users = {u.email: user_create(by=SYSTEM, email=u.email, full_name=u.full_name,
                                  password=DEMO_PASSWORD,
                                  organisation=orgs.get(u.org_key) if u.org_key else None,
                                  org_role=u.org_role, platform_role=u.platform_role)
             for u in plan.users}
    verifiers = {"ministry": users[f"kemenperin@{DEMO_DOMAIN}"],
                 "cooperative": users[f"koperasi@{DEMO_DOMAIN}"]}
    # The cooperative first: the ministry verifies it before it vouches for its members.
    for org in sorted(plan.organisations, key=lambda o: o.key != "cooperative"):
        if org.verifier:
            organisation_verify(by=verifiers[org.verifier], organisation=orgs[org.key],
                                notify=False)
        elif orgs[org.key].is_supplier_side:  # waiting in the verification queue
            nib_document_upload(by=SYSTEM, organisation=orgs[org.key],
                                upload=nib_pdf(orgs[org.key]))
    _load_local_content(plan, orgs, users)
    from .tenders import load_tenders

    load_tenders(orgs=orgs, users=users, today=plan.today)
    from .plans import load_plan

    load_plan(orgs=orgs, users=users, today=plan.today)
    from .fulfilment import load_fulfilment

    load_fulfilment(orgs=orgs, users=users, today=plan.today)
    from .imports import load_imports

    load_imports(orgs=orgs, users=users, today=plan.today)
    from .scenarios import load_scenarios

    load_scenarios(orgs=orgs, users=users)
    from .markets import load_markets

    load_markets(orgs=orgs, users=users, today=plan.today)
    return orgs


def summary(plan: ClusterPlan) -> list[str]:
    """Lines for people: what the plan holds."""
    foundries = plan.foundries
    by_tier = {t.name: sum(f.tier == t.name for f in foundries) for t in reversed(TIERS)}
    women = 100 * plan.workforce_women / plan.workforce
    return [
        f"{len(foundries)} foundries ("
        + ", ".join(f"{n} {name}" for name, n in by_tier.items()) + ")",
        f"{sum(f.member for f in foundries)} members of {COOPERATIVE_NAME}; "
        f"{sum(f.verifier is None for f in foundries)} foundries not yet verified",
        f"workforce {plan.workforce:,} ({women:.0f}% women); "
        f"melting capacity {plan.capacity_t_year:,} t/year",
        f"buyers: {', '.join(name for _k, name, *_rest in BUYERS)}",
        f"import agent: {IMPORT_AGENT} ({COMPOSITE_BLOCK.lower()})",
        _tkdn_summary(plan),
    ]


def _tkdn_summary(plan: ClusterPlan) -> str:
    certs = plan.tkdn_certificates
    regimes = Counter(c.regime for c in certs)
    days_left = [(c.valid_until - plan.today).days for c in certs]
    sheets = [s for f in plan.foundries for s in f.worksheets]
    return (f"TKDN: {len(certs)} certificates ({regimes[Regime.P35_2025.value]} under "
            f"Permenperin 35/2025, {regimes[Regime.P16_2011.value]} under 16/2011; "
            f"{sum(c.self_declared for c in certs)} self-declared; "
            f"{sum(d < 0 for d in days_left)} expired, "
            f"{sum(0 <= d <= 90 for d in days_left)} expiring within 90 days), "
            f"{len(sheets)} worksheets, "
            f"{sum(f.bmp is not None for f in plan.foundries)} BMP declaration")
