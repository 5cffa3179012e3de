"""Business size classes of PP 7/2021 (Kemudahan, Pelindungan, dan Pemberdayaan Koperasi dan
Usaha Mikro, Kecil, dan Menengah), Pasal 35.

- Ayat (3): by business capital (modal usaha, excluding land and buildings) when a business is
  established or registered: micro ≤ Rp1 miliar; small > Rp1 miliar to Rp5 miliar;
  medium > Rp5 miliar to Rp10 miliar.
- Ayat (5): by annual sales (hasil penjualan tahunan) for businesses judged on their sales:
  micro ≤ Rp2 miliar; small > Rp2 miliar to Rp15 miliar; medium > Rp15 miliar to Rp50 miliar.
- Above the medium limit a business is large.
Capital is used when it is known (ayat 3), otherwise annual sales (ayat 5).
"""

from decimal import Decimal
from enum import StrEnum

MILIAR = Decimal(1_000_000_000)

# Upper limits (inclusive) per class, in rupiah, as data with their source above.
CAPITAL_LIMITS = (("micro", 1 * MILIAR), ("small", 5 * MILIAR), ("medium", 10 * MILIAR))
SALES_LIMITS = (("micro", 2 * MILIAR), ("small", 15 * MILIAR), ("medium", 50 * MILIAR))


class SizeClass(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


def _classify(amount: Decimal, limits) -> SizeClass:
    if amount < 0:
        raise ValueError("amount must be >= 0")
    for name, limit in limits:
        if amount <= limit:
            return SizeClass(name)
    return SizeClass.LARGE


def size_class(
    *, business_capital: Decimal | None = None, annual_sales: Decimal | None = None
) -> SizeClass | None:
    """The size class from capital (preferred) or annual sales; None when neither is known."""
    if business_capital is not None:
        return _classify(Decimal(business_capital), CAPITAL_LIMITS)
    if annual_sales is not None:
        return _classify(Decimal(annual_sales), SALES_LIMITS)
    return None


def is_small_business(cls: SizeClass | str | None) -> bool:
    """Micro and small enterprises: the ones the small-business reservation protects."""
    return cls in (SizeClass.MICRO, SizeClass.SMALL)
