"""Reads for the imported alternatives' pages: the records a reader may see, and the local
side of the comparison (what the cluster's contracts say the local product costs)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum

from pasok.contracts.models import Contract, ContractItem
from pasok.months import add_months, month_start

from .models import ImportedAlternative

MONTHS_BACK = 12  # the contracts the local price is read from: in force within a year

_VALUE = ExpressionWrapper(F("unit_price") * F("quantity"),
                           output_field=DecimalField(max_digits=24, decimal_places=2))
_TKDN_VALUE = ExpressionWrapper(F("unit_price") * F("quantity") * F("contract__tkdn_percent"),
                                output_field=DecimalField(max_digits=30, decimal_places=4))


def alternative_list(*, user):
    return (ImportedAlternative.objects.visible_to(user)
            .select_related("buyer", "recorded_for").order_by("family", "product", "pk"))


def alternative_get(*, user, public_id) -> ImportedAlternative:
    return (ImportedAlternative.objects.visible_to(user)
            .select_related("buyer", "recorded_for", "recorded_by").get(public_id=public_id))


@dataclass(frozen=True)
class LocalSide:
    """The cluster's price of a part family (for one buyer, or every buyer when `buyer_id`
    is None): the average unit price weighted by units (the value over the units), the TKDN
    weighted by value over the contracts that state one, and how many contracts it is
    read from. No contract: no price."""

    family: str
    buyer_id: int | None
    unit_price: Decimal | None
    tkdn_percent: Decimal | None
    contracts: int


def _side(family: str, buyer_id: int | None, row: dict | None) -> LocalSide:
    if not row or not row["units"]:
        return LocalSide(family, buyer_id, None, None, 0)
    tkdn = row["tkdn_value"] / row["tkdn_base"] if row["tkdn_base"] else None
    return LocalSide(family, buyer_id, row["value"] / row["units"], tkdn, row["contracts"])


def local_sides(keys, *, user, today: dt.date) -> dict[tuple[str, int | None], LocalSide]:
    """The local side of each (family, buyer id or None) in `keys`, from the signed
    contracts `user` may read in force at some time in the last 12 months (or signed to
    start later): a buyer's prices are its own and its suppliers' business, so another buyer
    reads a market offer against its own contracts only. Two queries, whatever the number
    of keys."""
    keys = set(keys)
    since = add_months(month_start(today), -MONTHS_BACK)
    items = ContractItem.objects.filter(contract__in=Contract.objects.visible_to(user),
                                        contract__version__gt=0, contract__ends_on__gte=since,
                                        family__in={family for family, _b in keys})
    sums = {"value": Sum(_VALUE), "units": Sum("quantity"),
            "tkdn_value": Sum(_TKDN_VALUE, filter=Q(contract__tkdn_percent__isnull=False)),
            "tkdn_base": Sum(_VALUE, filter=Q(contract__tkdn_percent__isnull=False)),
            "contracts": Count("contract", distinct=True)}
    found = {}
    if any(buyer is None for _f, buyer in keys):
        for row in items.values("family").annotate(**sums).order_by():
            found[(row["family"], None)] = row
    buyers = {buyer for _f, buyer in keys if buyer is not None}
    if buyers:
        for row in (items.filter(contract__buyer_id__in=buyers)
                    .values("family", "contract__buyer_id").annotate(**sums).order_by()):
            found[(row["family"], row["contract__buyer_id"])] = row
    return {key: _side(*key, found.get(key)) for key in keys}


def local_side_of(alternative: ImportedAlternative, *, user, today: dt.date) -> LocalSide:
    key = (alternative.family, alternative.buyer_id)
    return local_sides([key], user=user, today=today)[key]
