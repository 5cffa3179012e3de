"""A contract's capacity bookings rebuilt when it comes into force or its call-offs change
(contracts.bookings), and its awards' own bookings dropped (they stand for nothing now)."""

from pasok.accounts.actors import Actor, requires_actor
from pasok.suppliers.capacity import bookings_refresh

from ..models import Contract


@requires_actor
def refresh_contract_bookings(contract: Contract, *, by: Actor) -> None:
    items = list(contract.items.values_list("pk", "award__bid_id"))
    bookings_refresh(source_name="contract", ref_ids=[pk for pk, _bid in items], by=by,
                     obj=contract, organisation=contract.buyer)
    bookings_refresh(source_name="award", ref_ids=[bid for _pk, bid in items if bid], by=by,
                     obj=contract, organisation=contract.buyer)
