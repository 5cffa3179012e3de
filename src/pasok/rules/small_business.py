"""Small-business reservation in procurement (Perpres 16/2018 Pasal 65 as amended by
Perpres 12/2021): a package with an estimated value up to Rp15 miliar is reserved for micro
and small businesses and cooperatives, unless it is technically beyond them (the buyer must
record why). The limit is data."""

from decimal import Decimal

from .size_class import is_small_business

RESERVATION_LIMIT = Decimal(15_000_000_000)  # rupiah, inclusive


def must_reserve(package_value: Decimal) -> bool:
    return package_value <= RESERVATION_LIMIT


def micro_small_or_cooperative(*, size_class: str | None, is_cooperative: bool) -> bool:
    """The businesses both the reservation and the 40% spending target of Inpres 2/2022
    (products of micro and small businesses and cooperatives) are for."""
    return is_cooperative or is_small_business(size_class)


def may_bid_on_reserved(*, size_class: str | None, is_cooperative: bool) -> bool:
    return micro_small_or_cooperative(size_class=size_class, is_cooperative=is_cooperative)
