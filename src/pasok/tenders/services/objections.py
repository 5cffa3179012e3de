"""Objections to an award (sanggah) during the objection period, once per bidder, and the
buyer's answer to each (jawaban sanggah). The award is final once the period has passed and
every objection is answered (models.Tender.award_final_at)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import requires_actor
from pasok.accounts.models import User
from pasok.audit.services import audit_record
from pasok.web.formatting import local_moment
from pasok.web.links import base_url

from ..lifecycle import Action
from ..models import Objection, Tender
from .guards import locked, require_allowed


@requires_actor
@transaction.atomic
def objection_file(*, by: User, tender: Tender, reasons: str) -> Objection:
    """A bidder of the tender objects to its award, with its reasons, while the objection
    period runs; once per bidder. The buyer is told."""
    tender = locked(tender)
    if not permissions.may_object(by, tender):
        raise PermissionDenied
    require_allowed(tender, Action.OBJECT,
                    _("Objections are filed after the award; the tender is %(status)s."))
    if not tender.objections_open_at(clock.now()):
        raise ValidationError(_("The objection period ended on %(end)s.")
                              % {"end": local_moment(tender.objection_period_end)})
    if not reasons.strip():
        raise ValidationError({"reasons": [_("Give the reasons for the objection.")]})
    try:
        with transaction.atomic():
            objection = Objection.objects.create(
                tender=tender, bidder_id=by.organisation_id, reasons=reasons.strip(),
                filed_at=clock.now(), filed_by=by)
    except IntegrityError:
        raise ValidationError(_("Your organisation has already objected to this award; "
                                "each bidder objects once.")) from None
    audit_record(actor=by, action="tender.object", obj=objection, organisation=tender.buyer,
                 after={"reasons": objection.reasons})
    _notify(objection, "filed")
    return objection


@requires_actor
@transaction.atomic
def objection_answer(*, by: User, objection: Objection, answer: str) -> Objection:
    """The buyer answers an objection, once; the objector is told."""
    tender = locked(objection.tender)
    if not permissions.may_manage_tender(by, tender):
        raise PermissionDenied
    require_allowed(tender, Action.ANSWER_OBJECTION)
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.answered_at is not None:
        raise ValidationError(_("This objection is already answered."))
    if not answer.strip():
        raise ValidationError({"answer": [_("Write the answer.")]})
    objection.answer, objection.answered_at = answer.strip(), clock.now()
    objection.answered_by = by
    objection.save(update_fields=["answer", "answered_at", "answered_by"])
    audit_record(actor=by, action="tender.objection_answer", obj=objection,
                 organisation=tender.buyer, after={"answer": objection.answer})
    _notify(objection, "answered")
    return objection


def _notify(objection: Objection, event: str) -> None:
    from ..tasks import send_objection_notice

    links = base_url()
    transaction.on_commit(lambda: send_objection_notice.enqueue(
        objection_id=objection.pk, event=event, base_url=links))
