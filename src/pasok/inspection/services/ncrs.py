"""Non-conformance reports: opened for a lot not accepted; the foundry that made it answers
with the root cause and its corrective action; the buyer accepts the corrective action (which
lifts a discontinuation: inspection resumes on tightened, ISO 2859-1 clause 9.4); the report
is closed once its corrective action is accepted and a replacement delivery has been
inspected and accepted, whichever comes last."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.audit.services import audit_record
from pasok.contracts.models import Delivery
from pasok.rules.sampling import switching

from ..models import NonConformanceReport, Severity
from .switching import store, switching_state_for


def _person(by):
    return by if getattr(by, "pk", None) else None


def _tell(ncr, event: str) -> None:
    from pasok.web.links import base_url

    from ..tasks import send_ncr_notice

    links = base_url()
    transaction.on_commit(lambda: send_ncr_notice.enqueue(ncr_id=ncr.pk, event=event,
                                                          base_url=links))


def _locked(ncr) -> NonConformanceReport:
    return (NonConformanceReport.objects.select_for_update(of=("self",))
            .select_related("inspection__delivery__call_off__item__contract__buyer")
            .get(pk=ncr.pk))


def ncr_open(by, inspection) -> NonConformanceReport:
    """Inside inspection_record: the report of a lot not accepted."""
    ncr = NonConformanceReport.objects.create(inspection=inspection, opened_at=clock.now())
    audit_record(actor=by, action="ncr.open", obj=ncr,
                 organisation=inspection.delivery.call_off.item.contract.buyer,
                 after={"nonconforming": inspection.nonconforming,
                        "sample_size": inspection.sample_size})
    _tell(ncr, "opened")
    return ncr


def _replacement_accepted(ncr) -> bool:
    return Delivery.objects.filter(replaces_id=ncr.inspection.delivery_id,
                                   inspection__accepted=True).exists()


def _close_if_done(by, ncr) -> bool:
    if ncr.closed_at is not None or ncr.corrective_action_accepted_at is None \
            or not _replacement_accepted(ncr):
        return False
    ncr.closed_at = clock.now()
    ncr.save(update_fields=["closed_at"])
    audit_record(actor=by, action="ncr.close", obj=ncr,
                 organisation=ncr.inspection.delivery.call_off.item.contract.buyer)
    return True


def close_replaced(by, delivery) -> None:
    """Inside inspection_record of an accepted lot: the report of the lot it replaces closes
    when its corrective action was accepted already."""
    if delivery.replaces_id is None:
        return
    ncr = NonConformanceReport.objects.filter(
        inspection__delivery_id=delivery.replaces_id).first()
    if ncr is not None:
        _close_if_done(by, _locked(ncr))


@requires_actor
@transaction.atomic
def ncr_respond(*, by: Actor, ncr: NonConformanceReport, root_cause: str,
                corrective_action: str) -> NonConformanceReport:
    """The maker's answer; it may be revised until the buyer accepts it."""
    ncr = _locked(ncr)
    if not permissions.may_answer_ncr(by, ncr.inspection.delivery.call_off):
        raise PermissionDenied
    errors = {}
    if ncr.corrective_action_accepted_at is not None:
        errors["corrective_action"] = [_("The corrective action is accepted already.")]
    if not root_cause.strip():
        errors["root_cause"] = [_("Say what caused the nonconformities.")]
    if not corrective_action.strip():
        errors["corrective_action"] = [_("Say what you do so that it does not recur.")]
    if errors:
        raise ValidationError(errors)
    before = {"root_cause": ncr.root_cause, "corrective_action": ncr.corrective_action}
    ncr.root_cause, ncr.corrective_action = root_cause.strip(), corrective_action.strip()
    ncr.responded_at, ncr.responded_by = clock.now(), _person(by)
    ncr.save(update_fields=["root_cause", "corrective_action", "responded_at",
                            "responded_by"])
    audit_record(actor=by, action="ncr.respond", obj=ncr,
                 organisation=ncr.inspection.delivery.call_off.item.contract.buyer,
                 before=before, after={"root_cause": ncr.root_cause,
                                       "corrective_action": ncr.corrective_action})
    _tell(ncr, "answered")
    return ncr


@requires_actor
@transaction.atomic
def ncr_accept_corrective_action(*, by: Actor,
                                 ncr: NonConformanceReport) -> NonConformanceReport:
    ncr = _locked(ncr)
    delivery = ncr.inspection.delivery
    if not permissions.may_manage_contract(by, delivery.call_off.item.contract):
        raise PermissionDenied
    if ncr.responded_at is None:
        raise ValidationError({"corrective_action": [_("The supplier has not answered "
                                                       "yet.")]})
    if ncr.corrective_action_accepted_at is not None:
        raise ValidationError({"corrective_action": [_("The corrective action is accepted "
                                                       "already.")]})
    ncr.corrective_action_accepted_at = clock.now()
    ncr.corrective_action_accepted_by = _person(by)
    ncr.save(update_fields=["corrective_action_accepted_at", "corrective_action_accepted_by"])
    row = switching_state_for(delivery, lock=True)
    resumed = row.severity == Severity.DISCONTINUED
    if resumed:  # 9.4: after corrective action, inspection resumes on tightened
        store(row, switching.start(Severity.TIGHTENED))
    audit_record(actor=by, action="ncr.accept_corrective_action", obj=ncr,
                 organisation=delivery.call_off.item.contract.buyer,
                 after={"inspection_resumed": resumed})
    _close_if_done(by, ncr)
    _tell(ncr, "accepted")
    return ncr


@requires_actor
@transaction.atomic
def ncr_close(*, by: Actor, ncr: NonConformanceReport) -> NonConformanceReport:
    """Closing by hand what inspection_record and the acceptance did not close already."""
    ncr = _locked(ncr)
    if not permissions.may_manage_contract(by, ncr.inspection.delivery.call_off.item.contract):
        raise PermissionDenied
    if ncr.closed_at is None and not _close_if_done(by, ncr):
        raise ValidationError(_("A report closes once its corrective action is accepted and a "
                                "replacement delivery has been inspected and accepted."))
    return ncr
