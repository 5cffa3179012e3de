"""The `contract` booking source: what a signed contract holds of its makers' capacity, one
record per contract item. In a month with accepted call-off orders, those book their makers
(units × unit weight); in a month without, the schedule books the contract's supplier.
An award in a signed contract books nothing itself (suppliers/award_bookings.py): the
contract stands for it. And where the supplier cooperative's plan in force delivers the
item's lot (allocation.bookings.lots_planned), the plan's allocation stands for the contract
too: the item books nothing itself."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pasok.suppliers.capacity import Booked, BookingSource, Holder

from .models import CallOffStatus, Contract, ContractItem


class ContractSource(BookingSource):
    name = "contract"
    label = _("Contract")

    def rows(self, ref_ids: Iterable[int]) -> list[Booked]:
        from pasok.allocation.bookings import lots_planned

        items = list(ContractItem.objects.filter(pk__in=list(ref_ids), contract__version__gte=1)
                     .select_related("contract__supplier", "award")
                     .prefetch_related("months", "call_offs"))
        planned = lots_planned({i.contract.supplier_id for i in items
                                if i.contract.supplier.is_cooperative})
        rows = []
        for item in items:
            if item.award and (item.contract.supplier_id, item.award.lot_id) in planned:
                continue
            called = defaultdict(list)
            for call_off in item.call_offs.all():
                if call_off.status == CallOffStatus.ACCEPTED:
                    called[call_off.month].append(call_off)
            weight = item.unit_weight_kg
            for month, call_offs in called.items():
                rows += [Booked(c.maker_id, month, item.pk, Decimal(c.quantity) * weight)
                         for c in call_offs]
            rows += [Booked(item.contract.supplier_id, m.month, item.pk,
                            Decimal(m.units) * weight)
                     for m in item.months.all() if m.month not in called]
        return rows

    def holders(self, *, user, ref_ids: Iterable[int]) -> dict[int, Holder]:
        items = list(ContractItem.objects.filter(pk__in=list(ref_ids)).select_related("contract"))
        visible = set(Contract.objects.visible_to(user)
                      .filter(pk__in={i.contract_id for i in items}).values_list("pk", flat=True))
        return {i.pk: Holder(f"{i.contract.reference} {i.contract.title}",
                             reverse("contracts:detail", args=[i.contract.public_id]))
                if i.contract_id in visible else Holder() for i in items}
