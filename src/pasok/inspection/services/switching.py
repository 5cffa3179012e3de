"""The switching state of ISO 2859-1 clause 9 kept per supplier (the call-off's maker), buyer
and product: read and written as rules.sampling.switching.State, which decides every move."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.audit.services import audit_record
from pasok.rules.sampling import switching

from ..models import Severity, SwitchingState


def state_of(row: SwitchingState) -> switching.State:
    return switching.State(severity=row.severity, score=row.score,
                           recent=tuple(row.recent), accepted_run=row.accepted_run,
                           rejected_on_tightened=row.rejected_on_tightened)


def store(row: SwitchingState, state: switching.State) -> None:
    row.severity, row.score, row.recent = state.severity, state.score, list(state.recent)
    row.accepted_run, row.rejected_on_tightened = (state.accepted_run,
                                                   state.rejected_on_tightened)
    row.updated_at = clock.now()
    row.save()


def switching_state_for(delivery, *, lock: bool = False) -> SwitchingState:
    """The state of the delivery's supplier, buyer and product, made at normal when there is
    none yet; `lock` (inside a transaction) takes its row lock."""
    call_off = delivery.call_off
    key = {"supplier_id": call_off.maker_id, "buyer_id": call_off.item.contract.buyer_id,
           "product": call_off.item.product}
    row, _created = SwitchingState.objects.get_or_create(
        **key, defaults={"updated_at": clock.now()})
    if lock:
        row = SwitchingState.objects.select_for_update().get(pk=row.pk)
    return row


@requires_actor
@transaction.atomic
def reduced_inspection_approve(*, by: Actor, state: SwitchingState,
                               approved: bool = True) -> SwitchingState:
    """The buyer approves (or withdraws its approval of) reduced inspection for this supplier
    and product; withdrawn while on reduced, inspection goes back to normal (9.3.4)."""
    row = SwitchingState.objects.select_for_update().get(pk=state.pk)
    if not permissions.may_approve_reduced_inspection(by, row):
        raise PermissionDenied
    row.reduced_approved = approved
    if not approved and row.severity == Severity.REDUCED:
        store(row, switching.start())
    else:
        row.updated_at = clock.now()
        row.save()
    audit_record(actor=by, action="inspection.reduced_approval", obj=row,
                 organisation=row.buyer, after={"approved": approved,
                                                "severity": row.severity})
    return row
