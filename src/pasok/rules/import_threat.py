"""The import threat measured fairly: a local product against an imported alternative by what
a month of service costs, not by unit price (DOMAIN.md: a cast-iron brake block lasts about
one month of service, an imported composite one four to six), then as the buyer must judge
it: the domestic price preference (HEA) and the TKDN obligation cascade of rules.preference
(Perpres 16/2018 as amended by 12/2021 and 46/2025, Pasal 66-67), never a second copy.

- Cost per month of service = unit price / service life in months; per 1,000 km when the
  caller gives the kilometres run a month.
- With the preference: (1 − KP) × cost per month, KP from preference.preference_factor for a
  package of `units a year × landed price` (the year's purchase the buyer would tender); an
  imported product (TKDN 0) gets none.
- The cascade: the tiers of the two products (preference.tier_of) and the admissible ones
  (preference.admissible_tiers); where the local product is domestic with a TKDN value the
  import is not admissible at all.
- Break-even: the local price, or local service life, at which the local cost per month
  equals the import's, without and with the preference. Ties go to the local product, as
  preference.evaluate gives them to the higher TKDN.

Verdicts are codes and figures; the pages say them in words. Figures are exact Decimals
(divisions at Decimal's 28 digits); rounding for display is the caller's."""

from dataclasses import dataclass
from decimal import Decimal

from .preference import (
    MAX_PREFERENCE_PERCENT,
    Bid,
    admissible_tiers,
    preference_factor,
    tier_of,
)

THOUSAND_KM = Decimal(1000)

# Which product costs less per month of service.
IMPORT_CHEAPER, LOCAL_CHEAPER, EQUAL = "import_cheaper", "local_cheaper", "equal"
# The verdict once the preference is counted (without the cascade).
LOCAL_WINS_WITH_PREFERENCE = "local_wins_with_preference"
# The cascade: the buyer must buy the domestic product, or may import.
DOMESTIC_REQUIRED, IMPORT_ADMISSIBLE = "domestic_required", "import_admissible"


@dataclass(frozen=True)
class Side:
    """One product's figures: `per_month` and `per_1000_km` without the preference,
    `kp` the preference's share and `hea_per_month` the cost per month it is judged at."""

    price: Decimal
    service_life_months: Decimal
    per_month: Decimal
    per_1000_km: Decimal | None
    tier: str
    kp: Decimal
    hea_per_month: Decimal


@dataclass(frozen=True)
class Comparison:
    local: Side
    imported: Side
    package_value: Decimal
    preference_applies: bool
    without_preference: str  # IMPORT_CHEAPER, LOCAL_CHEAPER or EQUAL
    verdict: str  # IMPORT_CHEAPER, LOCAL_CHEAPER, EQUAL or LOCAL_WINS_WITH_PREFERENCE
    cascade: str  # DOMESTIC_REQUIRED or IMPORT_ADMISSIBLE
    admissible_tiers: tuple[str, ...]
    buyer_must_buy: str  # "local" or "import": the cascade first, then the lower HEA
    break_even_price: Decimal  # the local unit price at which the costs a month are equal
    break_even_price_with_preference: Decimal
    break_even_life_months: Decimal  # the local service life at which they are equal
    break_even_life_with_preference_months: Decimal


def cost_per_month(price: Decimal, service_life_months: Decimal) -> Decimal:
    """What a month of service costs: the unit price over the months it lasts."""
    return price / service_life_months


def _order(local_cost: Decimal, import_cost: Decimal) -> str:
    if local_cost < import_cost:
        return LOCAL_CHEAPER
    return EQUAL if local_cost == import_cost else IMPORT_CHEAPER


def admissible_beside(local: Bid) -> set[str]:
    """The cascade's admissible tiers when the local product and an import (TKDN 0) are
    both on offer."""
    imported = Bid(id="import", price=Decimal(1), origin="import", tkdn_percent=Decimal(0))
    return admissible_tiers([tier_of(local)[0], tier_of(imported)[0]])


def import_admissible(local_tkdn_percent: Decimal | None) -> bool:
    """Whether the cascade leaves room for an import beside the cluster's product of this
    TKDN (no BMP counted, not registered in SIINas)."""
    local = Bid(id="local", price=Decimal(1), origin="domestic",
                tkdn_percent=local_tkdn_percent)
    return "import" in admissible_beside(local)


def compare(*, local_price: Decimal, local_life_months: Decimal,
            local_tkdn_percent: Decimal | None, import_price: Decimal,
            import_life_months: Decimal, units_per_year: int | None,
            local_bmp_percent: Decimal = Decimal(0), local_siinas_registered: bool = False,
            km_per_month: Decimal | None = None,
            max_preference_percent: Decimal = MAX_PREFERENCE_PERCENT) -> Comparison:
    """The fair comparison of a local product with an imported one. Prices and lives are
    positive; `units_per_year` None (a market offer with no volume) counts as no package,
    so no preference."""
    for name, value in (("local_price", local_price), ("local_life_months", local_life_months),
                        ("import_price", import_price),
                        ("import_life_months", import_life_months)):
        if value <= 0:
            raise ValueError(f"{name} must be positive")
    if km_per_month is not None and km_per_month <= 0:
        raise ValueError("km_per_month must be positive")
    package_value = import_price * (units_per_year or 0)
    local_bid = Bid(id="local", price=local_price, origin="domestic",
                    tkdn_percent=local_tkdn_percent, bmp_percent=local_bmp_percent,
                    siinas_registered=local_siinas_registered)
    import_bid = Bid(id="import", price=import_price, origin="import", tkdn_percent=Decimal(0))
    allowed = admissible_beside(local_bid)
    kp = preference_factor(local_bid, package_value=package_value,
                           max_preference_percent=max_preference_percent)

    def side(bid: Bid, life: Decimal, kp: Decimal) -> Side:
        per_month = cost_per_month(bid.price, life)
        return Side(bid.price, life, per_month,
                    per_month / km_per_month * THOUSAND_KM if km_per_month else None,
                    tier_of(bid)[0], kp, (1 - kp) * per_month)

    # Compared cross-multiplied, so the verdicts are exact where the divisions round.
    plain = _order(local_price * import_life_months, import_price * local_life_months)
    preferred = _order((1 - kp) * local_price * import_life_months,
                       import_price * local_life_months)
    verdict = (LOCAL_WINS_WITH_PREFERENCE if plain == IMPORT_CHEAPER and preferred != plain
               else plain)
    if "import" not in allowed:
        must_buy = "local"
    else:
        must_buy = "import" if preferred == IMPORT_CHEAPER else "local"
    ratio = cost_per_month(import_price, import_life_months)
    return Comparison(
        local=side(local_bid, local_life_months, kp),
        imported=side(import_bid, import_life_months, Decimal(0)),
        package_value=package_value,
        preference_applies=kp > 0,
        without_preference=plain,
        verdict=verdict,
        cascade=IMPORT_ADMISSIBLE if "import" in allowed else DOMESTIC_REQUIRED,
        admissible_tiers=tuple(t for t in ("a", "b", "c", "d", "import") if t in allowed),
        buyer_must_buy=must_buy,
        break_even_price=ratio * local_life_months,
        break_even_price_with_preference=ratio * local_life_months / (1 - kp),
        break_even_life_months=local_price / ratio,
        break_even_life_with_preference_months=(1 - kp) * local_price / ratio,
    )
