"""Demo imported alternatives, for the fair comparison (insights):

- PT KAI's imported composite brake block (China, UIC 541-4 / EN 16452), lasting about five
  months of service against the cast-iron block's one (DOMAIN.md), 40.000 a year: the
  composite equivalent of the 200.000 cast-iron blocks KAI bought from Ceper a year. KAI
  buys it now (demo/fulfilment.py: it halved its call-offs when it began), so it is part of
  KAI's need in the early warnings. Its
  landed price is illustrative: no published price was found.
- An offer on the market recorded by the ministry: a composite block from Australia.

Against the KAI contract's Rp98.000 (TKDN 47,5%) the import is a little cheaper per month of
service (Rp96.000), and the local block wins once the preference is counted."""

import datetime as dt
from decimal import Decimal

from pasok import clock
from pasok.insights.services import alternative_record

from .cluster import COMPOSITE_BLOCK
from .fulfilment import _at
from .logins import DEMO_DOMAIN

ILLUSTRATIVE = ("Umur pakai: DOMAIN.md (blok rem besi cor ±1 bulan, komposit 4–6 bulan). "
                "Harga ilustratif: tidak ada harga terbit yang ditemukan.")
STANDARDS = "UIC 541-4, EN 16452"


def load_imports(*, orgs: dict, users: dict, today: dt.date) -> None:
    with clock.frozen(_at(today - dt.timedelta(days=20), 10)):
        alternative_record(
            by=users[f"kai@{DEMO_DOMAIN}"], recorded_for=orgs["kai"], buyer=orgs["kai"],
            family="brake_block", product=COMPOSITE_BLOCK, origin="Tiongkok",
            landed_price=Decimal(480_000), service_life_months=Decimal(5),
            local_service_life_months=Decimal(1), standards=STANDARDS,
            units_per_year=40_000, in_use=True, source=ILLUSTRATIVE)
    with clock.frozen(_at(today - dt.timedelta(days=12), 11)):
        alternative_record(
            by=users[f"kemenperin@{DEMO_DOMAIN}"], recorded_for=orgs["ministry"],
            family="brake_block", product="Blok rem komposit (UIC 541-4) impor, tipe LL",
            origin="Australia", landed_price=Decimal(560_000),
            service_life_months=Decimal(6), local_service_life_months=Decimal(1),
            standards=STANDARDS, units_per_year=None, source=ILLUSTRATIVE)
