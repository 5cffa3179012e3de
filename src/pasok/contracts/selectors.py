"""Reads of contracts for pages and the API, each starting from what the reader may see
(accounts.permissions); a row the reader may not see raises DoesNotExist (answered 404)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Prefetch, Q, Sum

from .models import (
    CallOff,
    CallOffStatus,
    Contract,
    ContractItem,
    Delivery,
    PartnershipCommitment,
)


def contract_list(*, user):
    return (Contract.objects.visible_to(user).select_related("buyer", "supplier")
            .annotate(value=Sum(_ITEM_VALUE), items_count=Count("items"))
            .order_by("-starts_on", "reference"))


_ITEM_VALUE = ExpressionWrapper(F("items__unit_price") * F("items__quantity"),
                                output_field=DecimalField(max_digits=24, decimal_places=2))


def contract_get(*, user, public_id) -> Contract:
    return (Contract.objects.visible_to(user).select_related("buyer", "supplier", "tender")
            .get(public_id=public_id))


@dataclass(frozen=True)
class ItemProgress:
    """Where an item stands: units called off (not declined), delivered (replacements left
    out), accepted, and what remains to order, in units and rupiah."""

    item: ContractItem
    ordered: int
    delivered: int
    accepted: int

    @property
    def remaining(self) -> int:
        return self.item.quantity - self.ordered

    @property
    def remaining_value(self) -> Decimal:
        return self.remaining * self.item.unit_price

    @property
    def below_minimum(self) -> int:
        """Units still to order before the guaranteed minimum is reached."""
        return max(0, self.item.minimum_quantity - self.ordered)


def item_progress(contract: Contract) -> list[ItemProgress]:
    """Every item's progress in two queries."""
    live = ~Q(call_offs__status=CallOffStatus.DECLINED)
    items = (contract.items.select_related("grade").prefetch_related("months")
             .annotate(ordered=Sum("call_offs__quantity", filter=live)))
    deliveries = (Delivery.objects.filter(call_off__item__contract=contract)
                  .values("call_off__item_id")
                  .annotate(delivered=Sum("quantity", filter=Q(replaces__isnull=True)),
                            accepted=Sum("accepted_quantity")))
    by_item = {d["call_off__item_id"]: d for d in deliveries}
    return [ItemProgress(i, i.ordered or 0, (by_item.get(i.pk) or {}).get("delivered") or 0,
                         (by_item.get(i.pk) or {}).get("accepted") or 0) for i in items]


def call_offs_of(contract: Contract, *, user):
    return (CallOff.objects.visible_to(user).filter(item__contract=contract)
            .select_related("item", "maker")
            .annotate(delivered=Sum("deliveries__quantity",
                                    filter=Q(deliveries__replaces__isnull=True)))
            .order_by("-month", "reference"))


def call_off_get(*, user, public_id) -> CallOff:
    deliveries = Delivery.objects.select_related("replaces").order_by("received_on", "pk")
    return (CallOff.objects.visible_to(user)
            .select_related("item__contract__buyer", "item__contract__supplier", "maker")
            .prefetch_related(Prefetch("deliveries", queryset=deliveries))
            .get(public_id=public_id))


def commitment_list(*, user):
    return (PartnershipCommitment.objects.visible_to(user).select_related("buyer")
            .prefetch_related("partners"))


def commitment_get(*, user, public_id) -> PartnershipCommitment:
    return (PartnershipCommitment.objects.visible_to(user).select_related("buyer")
            .prefetch_related("partners", "needs").get(public_id=public_id))
