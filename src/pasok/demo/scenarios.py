"""The ministry's saved scenarios in the demo, the issue's three what-ifs and their sum:
KAI substitutes imports for half of its brake blocks; PT Astra Otoparts sources 3.000 brake
drums a month from the cluster (the five largest foundries that cast truck brake drums);
the largest of KAI's makers closes; all three together. Saved through the service, so each
is computed by the task worker (at once in the tests)."""

from decimal import Decimal

from pasok.accounts.kinds import OrgKind
from pasok.insights.services.scenarios import scenario_save
from pasok.rules.multipliers import DEFAULT
from pasok.rules.scenario_json import multipliers_to_dict
from pasok.suppliers.models import Product

from .fulfilment import kai_makers
from .logins import DEMO_DOMAIN

DRUMS_A_MONTH = 3_000
DRUM_PRICE = Decimal(185_000)  # the example of docs/interfaces.md
DRUM_KG = Decimal(35)
DRUM_MAKERS = 5


def _drum_makers() -> list[str]:
    makers = (Product.objects.filter(name__startswith="Tromol rem",
                                     profile__organisation__kind=OrgKind.SUPPLIER,
                                     profile__organisation__is_active=True)
              .order_by("-profile__monthly_capacity_kg", "profile__organisation__name")
              .values_list("profile__organisation_id", flat=True))
    return [str(pk) for pk in dict.fromkeys(makers)][:DRUM_MAKERS]


def load_scenarios(*, orgs: dict, users: dict) -> None:
    officer = users[f"kemenperin@{DEMO_DOMAIN}"]
    largest = kai_makers(orgs, users)[1]
    multipliers = {**multipliers_to_dict(DEFAULT.multipliers), "source": DEFAULT.source,
                   "year": DEFAULT.year, "illustrative": DEFAULT.illustrative}
    substitute = {"kind": "substitute", "buyer": str(orgs["kai"].pk), "family": "brake_block",
                  "share": "0.5"}
    drums = {"kind": "new_order", "buyer": str(orgs["otoparts"].pk), "family": "brake_drum",
             "units_per_month": DRUMS_A_MONTH, "unit_price": str(DRUM_PRICE),
             "unit_weight_kg": str(DRUM_KG), "foundries": _drum_makers()}
    closing = {"kind": "close", "foundry": str(largest.pk)}
    for name, changes in (
            ("KAI mengganti separuh blok rem dengan impor", [substitute]),
            ("Astra Otoparts memesan 3.000 tromol rem sebulan", [drums]),
            (f"{largest.name} tutup", [closing]),
            ("Gabungan: impor, tromol rem dan penutupan", [substitute, drums, closing])):
        scenario_save(by=officer, owner=officer.organisation, name=name, changes=changes,
                      multipliers=multipliers)
