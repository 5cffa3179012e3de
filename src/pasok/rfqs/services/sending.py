"""Sending an RFQ: to the foundries the buyer chose, or to every capable one as the
capability search finds them (suppliers.selectors.capable_of, and the certificate asked)."""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import person_of, requires_actor
from pasok.accounts.models import Organisation
from pasok.audit.services import audit_record
from pasok.contracts.models import Counter
from pasok.counters import next_number, reference
from pasok.suppliers.catalogue import CERTIFICATE_KINDS, PART_FAMILIES
from pasok.suppliers.models import MaterialGrade
from pasok.suppliers.selectors import SearchCriteria, capable_of, holds_certificate
from pasok.tenders import limits
from pasok.web import uploads
from pasok.web.links import base_url

from .. import bounds
from ..models import Invite, Rfq, RfqDrawing, RfqInvitation

PREFIX = "RFQ"
PDF = "application/pdf"


def capable_suppliers(*, grade: str, unit_weight_kg, certificate: str = ""):
    """Active supplier-side organisations whose profile can cast the part (its grade, a
    weight range covering its unit weight) and, when the RFQ asks, hold the certificate."""
    fits = capable_of(SearchCriteria(grades=[grade], weight_min=unit_weight_kg,
                                     weight_max=unit_weight_kg))
    qs = (Organisation.objects.supplier_side().filter(is_active=True, profile__isnull=False)
          .filter(fits))
    return qs.filter(holds_certificate(certificate)) if certificate else qs


def _number_errors(numbers: dict) -> dict:
    errors = {}
    for name, value in numbers.items():
        errors |= _BOUNDS[name].errors(name, value)
    return errors


_BOUNDS = {"unit_weight_kg": bounds.UNIT_WEIGHT_KG, "annual_volume": bounds.ANNUAL_VOLUME,
           "target_unit_price": bounds.TARGET_UNIT_PRICE}


def _checked_drawing(drawing: uploads.Upload | None) -> str | None:
    if drawing is None:
        return None
    kind = _("Drawing")
    content_type = uploads.check(str(kind), drawing)
    if content_type != PDF:
        raise ValidationError({"drawing": [_("The drawing is a PDF file.")]})
    return content_type


@requires_actor
@transaction.atomic
def rfq_send(*, by, buyer: Organisation, part_name: str, family: str, grade: MaterialGrade,
             unit_weight_kg, annual_volume: int, target_unit_price, deadline: dt.datetime,
             invite: str, suppliers: Sequence[Organisation] = (), certificate: str = "",
             drawing: uploads.Upload | None = None, note: str = "") -> Rfq:
    """Send a request for quotation from `buyer` to the `suppliers` chosen (invite CHOSEN)
    or to every capable one (invite CAPABLE); each is told (tasks.notify_invited)."""
    person = person_of(by)
    if not permissions.may_create_rfqs(by) or (
            person is not None and person.organisation_id != buyer.pk):
        raise PermissionDenied
    numbers = {"unit_weight_kg": unit_weight_kg, "annual_volume": annual_volume,
               "target_unit_price": target_unit_price}
    errors = _number_errors(numbers)
    if not buyer.is_buyer:
        errors["buyer"] = [_("A request for quotation is sent by a buyer.")]
    if not part_name.strip():
        errors["part_name"] = [_("Name the part.")]
    if family not in dict(PART_FAMILIES):
        errors["family"] = [_("Choose a part family from the list.")]
    if certificate and certificate not in dict(CERTIFICATE_KINDS):
        errors["certificate"] = [_("Choose a certificate from the list.")]
    now = clock.now()
    if deadline is None or deadline.tzinfo is None:
        errors["deadline"] = [_("Give the deadline's date and time.")]
    elif not now < deadline <= now + limits.MAX_DEADLINE_AHEAD:
        errors["deadline"] = [_("The deadline is in the future, within a year.")]
    if invite not in Invite.values:
        errors["invite"] = [_("Choose whom to send it to.")]
    if errors:
        raise ValidationError(errors)
    unit_weight_kg, annual_volume, target_unit_price = (
        _BOUNDS[name].value(value) for name, value in numbers.items())
    content_type = _checked_drawing(drawing)
    if invite == Invite.CHOSEN:
        invited = list({s.pk: s for s in suppliers}.values())
        if not invited:
            raise ValidationError({"suppliers": [_("Choose at least one foundry.")]})
        if any(not s.is_supplier_side or not s.is_active for s in invited):
            raise ValidationError({"suppliers": [_("Send it to active foundries or "
                                                   "cooperatives only.")]})
    else:
        invited = list(capable_suppliers(grade=grade.pk, unit_weight_kg=unit_weight_kg,
                                         certificate=certificate))
        if not invited:
            raise ValidationError({"invite": [_("No foundry on Pasok can cast this part yet "
                                                "(its grade, weight and certificate): choose "
                                                "foundries instead.")]})
    rfq = Rfq.objects.create(
        reference=reference(PREFIX, now.year, next_number(Counter, series=PREFIX,
                                                          year=now.year)),
        buyer=buyer, part_name=part_name.strip(), family=family, grade=grade,
        unit_weight_kg=unit_weight_kg, annual_volume=annual_volume,
        target_unit_price=target_unit_price, certificate=certificate, deadline=deadline,
        invite=invite, note=note.strip(), created_at=now, created_by=person)
    if drawing is not None:
        RfqDrawing.objects.create(rfq=rfq, filename=uploads.clean_filename(drawing.filename),
                                  content_type=content_type, size=len(drawing.data),
                                  sha256=drawing.sha256, data=drawing.data)
    RfqInvitation.objects.bulk_create(RfqInvitation(rfq=rfq, supplier=s) for s in invited)
    audit_record(actor=by, action="rfq.send", obj=rfq, organisation=buyer,
                 after={"reference": rfq.reference, "part_name": rfq.part_name,
                        "deadline": deadline, "invite": invite, "invited": len(invited)})
    from ..tasks import notify_invited

    links = base_url()  # the request's address, for the e-mails' links
    transaction.on_commit(lambda: notify_invited.enqueue(rfq_id=rfq.pk, base_url=links))
    return rfq
