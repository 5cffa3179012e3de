"""What the inspection pages read: deliveries awaiting inspection with the plan each would be
inspected to today, and the switching states a person may see."""

from django.db.models import Q

from pasok.contracts.models import Delivery
from pasok.rules.sampling import LotPlan

from .models import Severity, SwitchingState
from .services import plan_for_delivery


def awaiting_inspection(user):
    return (Delivery.objects.visible_to(user).filter(inspection__isnull=True)
            .select_related("call_off__item__contract__buyer", "call_off__maker")
            .order_by("received_on", "pk"))


def state_key(delivery):
    call_off = delivery.call_off
    return call_off.maker_id, call_off.item.contract.buyer_id, call_off.item.product


def severities_of(deliveries) -> dict:
    """(supplier, buyer, product) → severity, in one query for all the deliveries."""
    keys = {state_key(d) for d in deliveries}
    if not keys:
        return {}
    condition = Q()
    for supplier, buyer, product in keys:
        condition |= Q(supplier_id=supplier, buyer_id=buyer, product=product)
    return {(s.supplier_id, s.buyer_id, s.product): s.severity
            for s in SwitchingState.objects.filter(condition)}


def planned(delivery, severities) -> tuple[str, LotPlan | None]:
    """The severity the delivery would be inspected at and its plan (None: discontinued, or
    a lot no plan fits)."""
    severity = severities.get(state_key(delivery), Severity.NORMAL)
    if severity == Severity.DISCONTINUED:
        return severity, None
    try:
        return severity, plan_for_delivery(delivery, severity)
    except ValueError:
        return severity, None


def planned_for(delivery) -> tuple[str, LotPlan | None]:
    return planned(delivery, severities_of([delivery]))


def switching_states(user):
    return SwitchingState.objects.visible_to(user).select_related("supplier", "buyer")
