"""Seeded generator of a national supplier registry for the capability-search benchmark.

`generate(count=100_000, seed=...)` writes `count` supplier-side organisations (foundries
and a few cooperatives) with capability profiles, processes, grades, products, furnaces and
certificates. It bypasses the services for speed (bulk_create in batches) but stores exactly
what they would store:

- `Organisation.size_class` from `pasok.rules.size_class` (capital first, then sales), as
  `accounts.services` derives it;
- `SupplierProfile.search_text` from `pasok.suppliers.services.build_search_text` itself,
  called on a stand-in profile that offers the same attributes as a saved one;
- processes and grades as rows of the M2M through tables;
- capacity bookings as suppliers.capacity keeps them: a CapacityBooking row per booked
  month (one award-like record per supplier) and its BookedMonth sum, for twelve months
  from REFERENCE's month; about 65% of suppliers have bookings.

Shapes follow the demo cluster (`pasok.demo.cluster`: its product lines, size tiers and
firm-name words), spread over many regencies: most in Jawa Tengah (Klaten's Ceper cluster
the densest), Jawa Timur and Jawa Barat.
"""

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from pasok.demo.cluster import (
    FAMILY_NAMES,
    LINES,
    METALS,
    NAME_HEADS,
    NAME_TAILS,
    PT_SUFFIXES,
    TEGAL_LINES,
    TIERS,
    process_mix,
    profile_certificates,
)
from pasok.months import add_months
from pasok.rules.identifiers import npwp_check_digit
from pasok.rules.size_class import size_class
from pasok.suppliers.catalogue import GRADES
from pasok.suppliers.services import build_search_text

# Bump when the shape of generated data changes: a stored registry of another version is
# regenerated.
GENERATOR_VERSION = 7
DEFAULT_SEED = 20261127
DEFAULT_COUNT = 100_000
# Data are anchored to a fixed date so one seed always gives the same rows.
REFERENCE = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
BOOKED_MONTHS = 12  # capacity bookings from REFERENCE's month on (search asks one of them)
COOPERATIVE_SHARE = 0.005
VERIFIED_SHARE = 0.30
# Nationwide the micro shops are the many, the large ones the few.
TIER_WEIGHTS = {"micro": 62, "small": 27, "medium": 8, "large": 3}
_TIERS = {t.name: t for t in TIERS}
_FAMILY = dict(GRADES)
_GRADE_POSITION = {code: position for position, (code, _family) in enumerate(GRADES)}
JUTA = 1_000_000


def _regencies(spec: str) -> dict[str, float]:
    """'Klaten:20, Boyolali:2, Cilacap' -> {"Klaten": 20, "Boyolali": 2, "Cilacap": 1}."""
    out = {}
    for item in spec.split(","):
        name, _sep, weight = item.strip().partition(":")
        out[name] = float(weight or 1)
    return out


# Province -> (share of suppliers in per cent, regency -> relative weight).
REGIONS = {
    "Jawa Tengah": (42, _regencies(
        "Cilacap, Banyumas, Purbalingga, Banjarnegara, Kebumen, Purworejo, Wonosobo, Magelang,"
        "Boyolali:2, Klaten:25, Sukoharjo:2, Wonogiri, Karanganyar, Sragen, Grobogan, Blora,"
        "Rembang, Pati, Kudus:2, Jepara, Demak, Semarang, Temanggung, Kendal, Batang,"
        "Pekalongan, Pemalang, Tegal:4, Brebes, Kota Magelang, Kota Surakarta:2,"
        "Kota Salatiga, Kota Semarang:3, Kota Pekalongan, Kota Tegal:6")),
    "Jawa Timur": (25, _regencies(
        "Pacitan, Ponorogo, Trenggalek, Tulungagung, Blitar, Kediri, Malang:2, Lumajang,"
        "Jember, Banyuwangi, Bondowoso, Situbondo, Probolinggo, Pasuruan:5, Sidoarjo:8,"
        "Mojokerto:3, Jombang, Nganjuk, Madiun, Magetan, Ngawi, Bojonegoro, Tuban, Lamongan,"
        "Gresik:4, Bangkalan, Sampang, Pamekasan, Sumenep, Kota Kediri, Kota Blitar,"
        "Kota Malang, Kota Probolinggo, Kota Pasuruan, Kota Mojokerto, Kota Madiun,"
        "Kota Surabaya:5, Kota Batu")),
    "Jawa Barat": (20, _regencies(
        "Bogor:3, Sukabumi:2, Cianjur, Bandung:4, Garut, Tasikmalaya, Ciamis, Kuningan,"
        "Cirebon, Majalengka, Sumedang, Indramayu, Subang, Purwakarta:3, Karawang:5,"
        "Bekasi:6, Bandung Barat, Pangandaran, Kota Bogor, Kota Sukabumi, Kota Bandung:3,"
        "Kota Cirebon, Kota Bekasi:2, Kota Depok, Kota Cimahi, Kota Tasikmalaya, Kota Banjar")),
    "DI Yogyakarta": (3, _regencies("Bantul:2, Sleman:2, Kulon Progo, Gunungkidul,"
                                    "Kota Yogyakarta")),
    "Banten": (3, _regencies("Tangerang:2, Serang, Kota Cilegon:2, Kota Tangerang")),
    "DKI Jakarta": (2, _regencies("Kota Jakarta Utara, Kota Jakarta Timur, Kota Jakarta Barat")),
    "Sumatera Utara": (1.5, _regencies("Kota Medan:2, Deli Serdang")),
    "Sumatera Selatan": (0.5, _regencies("Kota Palembang")),
    "Lampung": (0.5, _regencies("Kota Bandar Lampung")),
    "Kepulauan Riau": (0.5, _regencies("Kota Batam")),
    "Sulawesi Selatan": (1, _regencies("Kota Makassar:2, Gowa")),
    "Kalimantan Timur": (0.5, _regencies("Kota Balikpapan, Kota Samarinda")),
    "Bali": (0.5, _regencies("Kota Denpasar, Badung")),
}
# Kecamatan where the foundries of a regency gather; elsewhere the regency's own district.
DISTRICTS = {
    "Klaten": {"Ceper": 50, "Pedan": 10, "Trucuk": 8, "Juwiring": 6, "Delanggu": 5,
               "Karanganom": 4, "Wedi": 3, "Cawas": 3, "Klaten Tengah": 3},
    "Kota Tegal": {"Margadana": 5, "Tegal Barat": 2, "Tegal Timur": 1, "Tegal Selatan": 1},
    "Tegal": {"Adiwerna": 3, "Talang": 2, "Dukuhturi": 1},
    "Sidoarjo": {"Waru": 3, "Candi": 2, "Sidoarjo": 2, "Krian": 2, "Taman": 2, "Gedangan": 1},
    "Pasuruan": {"Bangil": 2, "Pandaan": 2, "Beji": 1, "Gempol": 2},
    "Bekasi": {"Cikarang Utara": 2, "Cikarang Barat": 2, "Tambun Selatan": 1, "Cibitung": 2},
    "Karawang": {"Telukjambe Timur": 2, "Klari": 1, "Cikampek": 1},
}
# The demo cluster's buyers are Klaten's; elsewhere the same kinds of buyer are local.
SOLO_RAYA = {"Klaten", "Boyolali", "Sukoharjo", "Karanganyar", "Sragen", "Wonogiri",
             "Kota Surakarta"}
STREETS = ("Jl. Raya", "Jl. Industri", "Jl. Pengecoran Logam", "Jl. Sentra Industri",
           "Jl. Pahlawan", "Jl. Merdeka", "Jl. Diponegoro", "Jl. Sudirman")


@dataclass
class Supplier:
    """One generated organisation with its profile and children, as plain data."""

    org: dict
    profile: dict
    verified: bool
    cooperative_index: int | None = None
    processes: list[str] = field(default_factory=list)
    grades: list[str] = field(default_factory=list)
    products: list[dict] = field(default_factory=list)
    furnaces: list[dict] = field(default_factory=list)
    certificates: list[dict] = field(default_factory=list)
    booked_kg: list[int] = field(default_factory=list)  # per month from REFERENCE's month


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _dec(value: float, places: int = 1) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def _place(rng: random.Random) -> tuple[str, str, str]:
    province = rng.choices(list(REGIONS), weights=[w for w, _r in REGIONS.values()])[0]
    regency = _weighted(rng, REGIONS[province][1])
    district = (_weighted(rng, DISTRICTS[regency]) if regency in DISTRICTS
                else regency.removeprefix("Kota "))
    return province, regency, district


def _name(rng: random.Random, tier, regency: str) -> str:
    prefix = _weighted(rng, tier.prefixes)
    head, tail = rng.choice(NAME_HEADS), rng.choice(NAME_TAILS)
    if tier.name == "large":
        return f"{prefix} {head} {tail} {rng.choice(PT_SUFFIXES)}"
    pattern = rng.randrange(7)
    if pattern == 0:
        body = f"{rng.choice(FAMILY_NAMES)} {rng.choice(METALS)}"
    elif pattern == 1:
        body = f"Putra {rng.choice(FAMILY_NAMES)} {tail}"
    elif pattern == 2:
        body = f"{head} {tail} {rng.choice(NAME_TAILS)}"
    elif pattern == 3:
        body = f"{head} {regency.removeprefix('Kota ')} {tail}"
    else:
        body = f"{head} {tail}"
    return f"{prefix} {body}"


def _local_buyer(buyer: str, regency: str) -> str:
    """A demo-cluster buyer moved to the supplier's own regency ("pedagang besi Klaten" in
    Klaten, "pedagang besi Sidoarjo" in Sidoarjo)."""
    if regency in SOLO_RAYA:
        return buyer
    place = regency.removeprefix("Kota ")
    official = regency if regency.startswith("Kota ") else f"Kabupaten {regency}"
    return (buyer.replace("Kabupaten Klaten", official).replace("Klaten", place)
            .replace("Solo Raya", place))


def _can_pour(grade: str, induction: bool) -> bool:
    return induction or _FAMILY[grade] not in ("ductile_iron", "cast_steel")


def _furnaces(rng: random.Random, tier: str, capacity_t: float, induction: bool) -> list[dict]:
    if tier in ("micro", "small"):
        size = rng.choice((1.0, 1.5)) if tier == "micro" else rng.choice((1.5, 2.0))
        rows = [{"kind": "cupola", "tonnes_per_heat": _dec(size, 2),
                 "count": 2 if capacity_t > 28 else 1}]
        if induction:
            rows.append({"kind": "induction", "count": 1,
                         "tonnes_per_heat": _dec(rng.choice((0.25, 0.3, 0.5)), 2)})
        return rows
    size = rng.choice((0.5, 0.75, 1.0, 1.5, 2.0) if tier == "medium" else (1.5, 2.0, 3.0))
    count = max(1, round(capacity_t / (size * 100)))
    rows = [{"kind": "induction", "tonnes_per_heat": _dec(size, 2), "count": count}]
    if rng.random() < 0.4:
        rows.append({"kind": "cupola", "tonnes_per_heat": _dec(rng.choice((2.0, 3.0)), 2),
                     "count": 1})
    return rows


def _supplier(rng: random.Random, index: int, cooperatives: dict[str, list[int]]) -> Supplier:
    tier = _TIERS[_weighted(rng, TIER_WEIGHTS)]
    province, regency, district = _place(rng)
    tegal = regency in ("Kota Tegal", "Tegal")
    line = _weighted(rng, TEGAL_LINES if tegal and rng.random() < 0.6 else tier.lines)
    others = [n for n in tier.lines if n not in (line, "brake_block")]
    extra_line = rng.choice(others) if others and rng.random() < 0.35 else None
    induction = tier.name in ("medium", "large") or (tier.name == "small" and rng.random() < 0.25)
    low, high, mode = tier.capacity_t
    capacity_t = rng.triangular(low, high, mode)

    def makeable(name):
        return [s for s in LINES[name].products
                if any(_can_pour(g, induction) for g in s.grades)
                and s.weight_kg[1] <= tier.max_casting_kg]

    specs = makeable(line)
    chosen = rng.sample(specs, k=min(len(specs), rng.randint(2, 4)))
    if extra_line and (extra := makeable(extra_line)):
        chosen.append(rng.choice(extra))
    products = [{"name": s.name,
                 "grade_id": next(g for g in s.grades if _can_pour(g, induction)),
                 "unit_weight_kg": _dec(rng.uniform(*s.weight_kg))} for s in chosen]
    offered = {p["grade_id"] for p in products}
    offered |= {g for g in LINES[line].grades if _can_pour(g, induction)}
    if induction and tier.name in ("medium", "large"):
        offered |= set(rng.sample(("FCD400", "FCD500", "FCD600", "FCD700"),
                                  k=rng.randint(0, 2)))
    grades = [code for code, _family in GRADES if code in offered]

    weights = [p["unit_weight_kg"] for p in products]
    heaviest = rng.choice(LINES[line].weight_max_kg)
    if tier.heaviest_kg:
        heaviest = max(heaviest, rng.choice(tier.heaviest_kg))
    capacity_kg = round(capacity_t * 2) * 500
    committed = 0 if rng.random() < 0.35 else round(capacity_kg * rng.uniform(0.1, 0.95), -2)
    # Booked month by month around that share (awards and plans come and go); a stream of
    # its own, so the rest of the registry stays as it was.
    months = random.Random(index * 7919 + 17)
    booked = [min(capacity_kg, round(committed * months.uniform(0.6, 1.3), -2)) if committed
              else 0 for _month in range(BOOKED_MONTHS)]
    workforce = rng.randint(*tier.workforce)

    cap_low, cap_high = tier.capital_juta
    capital = Decimal(round((cap_low + (cap_high - cap_low) * rng.random()) / 10) * 10 * JUTA)
    sales = Decimal(round(capacity_t * 12_000 * rng.uniform(0.35, 0.65)
                          * rng.uniform(*tier.price_per_kg) / (10 * JUTA)) * 10 * JUTA)
    known = rng.random()
    if known < 0.10:  # registered on their sales only
        capital = None
    elif known < 0.13:  # neither figure given yet
        capital = sales = None

    coop = None
    local = cooperatives.get(regency)
    if local and tier.name in ("micro", "small") and rng.random() < 0.35:
        coop = rng.choice(local)
    description = LINES[line].description.format(year=rng.randint(1965, 2023))
    if coop is not None:
        description += f" Anggota koperasi industri logam {regency.removeprefix('Kota ')}."
    head = f"{rng.choice(('01', '02', '03', '07', '08'))}{rng.randrange(10**6):06d}"
    verified = rng.random() < VERIFIED_SHARE
    return Supplier(
        org={
            "name": _name(rng, tier, regency), "kind": "supplier",
            "nib": f"{rng.choice(('8120', '9120'))}{index:09d}",
            "npwp": f"{head}{npwp_check_digit(head)}{rng.randint(500, 599)}000",
            "business_capital": capital, "annual_sales": sales,
            "address": f"{rng.choice(STREETS)} {district} No. {rng.randint(1, 250)}",
            "district": district, "regency": regency, "province": province,
            "phone": f"08{rng.choice(('12', '13', '21', '52', '57', '95'))}-"
                     f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        },
        profile={
            "weight_min_kg": min(_dec(rng.choice(LINES[line].weight_min_kg)), *weights),
            "weight_max_kg": max(_dec(min(heaviest, tier.max_casting_kg), 0), *weights),
            "monthly_capacity_kg": capacity_kg,
            "workforce_total": workforce,
            "workforce_women": round(workforce * rng.uniform(0, 0.2)),
            "description": description,
            "buyers_served": [_local_buyer(b, regency) for b in rng.sample(
                LINES[line].buyers, k=rng.randint(1, min(3, len(LINES[line].buyers))))],
        },
        verified=verified, cooperative_index=coop,
        processes=process_mix(rng, tier.name, line), grades=grades, products=products,
        furnaces=_furnaces(rng, tier.name, capacity_t, induction),
        certificates=profile_certificates(rng, tier.name, products, REFERENCE.date()),
        booked_kg=booked,
    )


def _cooperative(rng: random.Random, index: int) -> Supplier:
    province, regency, district = _place(rng)
    place = regency.removeprefix("Kota ")
    head = f"{rng.choice(('01', '02', '03'))}{rng.randrange(10**6):06d}"
    return Supplier(
        org={
            "name": f"Koperasi Industri Logam {place} {rng.choice(NAME_TAILS)}",
            "kind": "cooperative", "nib": f"9120{index:09d}",
            "npwp": f"{head}{npwp_check_digit(head)}{rng.randint(500, 599)}000",
            "business_capital": Decimal(rng.randint(50, 900) * 10 * JUTA), "annual_sales": None,
            "address": f"Jl. Raya {district} No. {rng.randint(1, 250)}", "district": district,
            "regency": regency, "province": province, "phone": "",
        },
        profile={
            "weight_min_kg": Decimal(5), "weight_max_kg": Decimal(60),
            "monthly_capacity_kg": 0, "workforce_total": rng.randint(3, 10),
            "workforce_women": rng.randint(0, 3),
            "description": f"Koperasi industri logam di {place}: pemasaran bersama, bahan "
                           "baku dan pelatihan anggota.",
            "buyers_served": [],
        },
        verified=rng.random() < 0.8, grades=["FC200", "P10"],
        processes=["green_sand"],
    )


def plan(count: int, seed: int) -> Iterator[Supplier]:
    """`count` supplier-side organisations as plain data; cooperatives first. Deterministic."""
    rng = random.Random(seed)
    n_coops = max(1, round(count * COOPERATIVE_SHARE))
    cooperatives: dict[str, list[int]] = {}
    for index in range(n_coops):
        coop = _cooperative(rng, index)
        cooperatives.setdefault(coop.org["regency"], []).append(index)
        yield coop
    for index in range(n_coops, count):
        yield _supplier(rng, index, cooperatives)


class _Many:
    """A related manager stand-in: `.all()` gives the list."""

    def __init__(self, items):
        self._items = items

    def all(self):
        return self._items


def search_text(org, supplier: Supplier) -> str:
    """The services' search text (build_search_text) for a profile not yet saved.

    The stand-in lists grades and products in the order their models' Meta.ordering gives
    (grade position = catalogue order; product name, as the C collation of the bench
    database sorts it)."""
    stand_in = SimpleNamespace(
        organisation=org, **supplier.profile,
        grades=_Many([SimpleNamespace(code=code, family=_FAMILY[code])
                      for code in sorted(supplier.grades, key=_GRADE_POSITION.__getitem__)]),
        processes=_Many([SimpleNamespace(pk=code) for code in supplier.processes]),
        furnaces=_Many([SimpleNamespace(kind=f["kind"]) for f in supplier.furnaces]),
        products=_Many([SimpleNamespace(name=name)
                        for name in sorted(p["name"] for p in supplier.products)]),
    )
    return build_search_text(stand_in)


def _write_batch(batch: list[Supplier], coop_pks: dict[int, int], seq: int) -> None:
    from pasok.accounts.models import Organisation
    from pasok.suppliers.models import (
        BookedMonth,
        CapacityBooking,
        Certificate,
        Furnace,
        Product,
        SupplierProfile,
    )

    orgs = []
    for offset, s in enumerate(batch):
        cls = size_class(business_capital=s.org["business_capital"],
                         annual_sales=s.org["annual_sales"])
        created = REFERENCE - dt.timedelta(minutes=(seq + offset) % 1_500_000)
        orgs.append(Organisation(
            **s.org, size_class=cls.value if cls else "", created_at=created,
            cooperative_id=coop_pks.get(s.cooperative_index),
            verified_at=created + dt.timedelta(days=3) if s.verified else None,
        ))
    Organisation.objects.bulk_create(orgs)
    for offset, (org, s) in enumerate(zip(orgs, batch, strict=True)):
        if s.org["kind"] == "cooperative":
            coop_pks[seq + offset] = org.pk
    profiles = [SupplierProfile(organisation_id=org.pk, **s.profile,
                                search_text=search_text(org, s), updated_at=org.created_at)
                for org, s in zip(orgs, batch, strict=True)]
    SupplierProfile.objects.bulk_create(profiles)
    through_p = SupplierProfile.processes.through
    through_g = SupplierProfile.grades.through
    rows_p, rows_g, products, furnaces, certificates = [], [], [], [], []
    bookings, sums = [], []
    for org, s in zip(orgs, batch, strict=True):
        for i, kg in enumerate(s.booked_kg):
            if kg:  # one award-like booking a month, and its sum (what the service keeps)
                month = add_months(REFERENCE.date().replace(day=1), i)
                bookings.append(CapacityBooking(organisation_id=org.pk, month=month,
                                                source="award", ref_id=org.pk, kg=kg))
                sums.append(BookedMonth(organisation_id=org.pk, month=month, kg=kg))
        rows_p += [through_p(supplierprofile_id=org.pk, process_id=c) for c in s.processes]
        rows_g += [through_g(supplierprofile_id=org.pk, materialgrade_id=c) for c in s.grades]
        products += [Product(profile_id=org.pk, **p) for p in s.products]
        furnaces += [Furnace(profile_id=org.pk, **f) for f in s.furnaces]
        certificates += [Certificate(profile_id=org.pk, **c) for c in s.certificates]
    for model, rows in ((through_p, rows_p), (through_g, rows_g), (Product, products),
                        (Furnace, furnaces), (Certificate, certificates),
                        (CapacityBooking, bookings), (BookedMonth, sums)):
        model.objects.bulk_create(rows, batch_size=5000)


def generate(count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED, batch_size: int = 5000,
             progress=print) -> None:
    """Write the registry into the (empty) default database, in batches."""
    from django.db import transaction

    coop_pks: dict[int, int] = {}
    batch: list[Supplier] = []
    done = 0

    def flush():
        nonlocal batch, done
        _write_batch(batch, coop_pks, done)
        if (done + len(batch)) // 20_000 > done // 20_000:
            progress(f"  {done + len(batch):,} / {count:,} suppliers written")
        done += len(batch)
        batch = []

    with transaction.atomic():
        for supplier in plan(count, seed):
            # Cooperatives go in first, on their own: their members need their keys.
            if batch and (len(batch) == batch_size
                          or batch[-1].org["kind"] != supplier.org["kind"]):
                flush()
            batch.append(supplier)
        if batch:
            flush()
