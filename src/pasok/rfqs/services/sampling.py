"""After the deadline: the buyer orders samples on the quotation it chose, records the first
article's measurements (PPAP's dimensional and material results, rules.first_article) and
approves or rejects it."""

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import person_of, requires_actor
from pasok.audit.services import audit_record
from pasok.rules import first_article

from .. import bounds
from ..models import (
    Decision,
    FirstArticleInspection,
    MeasuredCharacteristic,
    Quotation,
    Rfq,
    SampleOrder,
)

MEASURE = ("nominal", "lower", "upper", "measured")
LARGEST = Decimal("99999999.9999")  # what the columns hold (12 digits, 4 decimals)


def _require_managed(by, rfq: Rfq) -> None:
    if not permissions.may_manage_rfq(by, rfq):
        raise PermissionDenied


def _require_no_approval(rfq: Rfq) -> None:
    if rfq.contract_id or FirstArticleInspection.objects.filter(
            sample_order__rfq=rfq, decision=Decision.APPROVED).exists():
        raise ValidationError(_("A first article of this request is already approved."))


@requires_actor
@transaction.atomic
def sample_order(*, by, rfq: Rfq, quotation: Quotation, quantity: int,
                 due_on: dt.date) -> SampleOrder:
    """Samples ordered on a quotation the buyer may read: after the deadline, not
    withdrawn."""
    rfq = Rfq.objects.select_for_update().get(pk=rfq.pk)
    _require_managed(by, rfq)
    if rfq.is_open(clock.now()):
        raise ValidationError(_("Samples are ordered after the deadline, on a quotation."))
    if not Quotation.objects.visible_to(by).filter(pk=quotation.pk, rfq=rfq).exists():
        raise ValidationError({"quotation": [_("Choose one of the quotations received.")]})
    _require_no_approval(rfq)
    errors = bounds.SAMPLE_QUANTITY.errors("quantity", quantity)
    if due_on is None or due_on < clock.today():
        errors["due_on"] = [_("The samples are due today or later.")]
    if errors:
        raise ValidationError(errors)
    order = SampleOrder.objects.create(rfq=rfq, quotation=quotation, quantity=int(quantity),
                                       due_on=due_on, ordered_at=clock.now(),
                                       ordered_by=person_of(by))
    audit_record(actor=by, action="rfq.sample_order", obj=order, organisation=rfq.buyer,
                 after={"supplier": quotation.supplier.name, "quantity": order.quantity,
                        "due_on": str(due_on)})
    return order


def _number(value):
    if value in (None, ""):
        return None
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return "wrong"
    if not number.is_finite() or abs(number) > LARGEST or number != round(number, 4):
        return "wrong"
    return number


def _characteristic(index: int, row: Mapping, errors: dict) -> first_article.Characteristic:
    at = f"characteristics[{index}]"
    values = {name: _number(row.get(name)) for name in MEASURE}
    for name, value in values.items():
        if value == "wrong":
            errors[f"{at}.{name}"] = [_("A number of at most 8 digits and 4 decimals.")]
    if row.get("kind") not in first_article.KINDS:
        errors[f"{at}.kind"] = [_("A dimension, a hardness or a chemistry.")]
    if not str(row.get("name", "")).strip():
        errors[f"{at}.name"] = [_("Name the characteristic.")]
    if values["measured"] is None:
        errors[f"{at}.measured"] = [_("Give the measured value.")]
    lower, upper = values["lower"], values["upper"]
    if lower is None and upper is None:
        errors[f"{at}.lower"] = [_("Give a lower limit, an upper limit or both.")]
    elif "wrong" not in (lower, upper) and None not in (lower, upper) and lower > upper:
        errors[f"{at}.upper"] = [_("The lower limit is at most the upper limit.")]
    if any(f"{at}." in key for key in errors):
        return None
    return first_article.Characteristic(
        kind=row["kind"], name=str(row["name"]).strip()[:100], measured=values["measured"],
        lower=lower, upper=upper, nominal=values["nominal"])


@requires_actor
@transaction.atomic
def first_article_record(*, by, sample_order: SampleOrder, inspected_on: dt.date,
                         characteristics: Sequence[Mapping]) -> FirstArticleInspection:
    """The first article's measurements (rows of kind, name, nominal, lower, upper,
    measured), judged by rules.first_article; each row's error under its path
    (`characteristics[2].upper`)."""
    order = SampleOrder.objects.select_related("rfq").get(pk=sample_order.pk)
    rfq = Rfq.objects.select_for_update().get(pk=order.rfq_id)
    _require_managed(by, rfq)
    _require_no_approval(rfq)
    errors: dict = {}
    if not characteristics:
        errors["characteristics"] = [_("Record at least one characteristic measured.")]
    rows = [_characteristic(i, row, errors) for i, row in enumerate(characteristics)]
    if inspected_on is None or inspected_on > clock.today():
        errors["inspected_on"] = [_("The inspection is today or earlier.")]
    if errors:
        raise ValidationError(errors)
    verdict = first_article.judge(rows)
    inspection = FirstArticleInspection.objects.create(
        sample_order=order, inspected_on=inspected_on, passes=verdict.passes,
        recorded_at=clock.now(), recorded_by=person_of(by))
    MeasuredCharacteristic.objects.bulk_create(
        MeasuredCharacteristic(inspection=inspection, kind=c.kind, name=c.name,
                               nominal=c.nominal, lower=c.lower, upper=c.upper,
                               measured=c.measured) for c in rows)
    audit_record(actor=by, action="rfq.first_article", obj=inspection, organisation=rfq.buyer,
                 after={"passes": verdict.passes, "characteristics": len(rows),
                        "failing": len(verdict.failures)})
    return inspection


@requires_actor
@transaction.atomic
def first_article_decide(*, by, inspection: FirstArticleInspection, approve: bool,
                         note: str = "") -> FirstArticleInspection:
    """The buyer's approval (only of a first article within every limit) or rejection
    (with its reason)."""
    inspection = FirstArticleInspection.objects.select_for_update().select_related(
        "sample_order__rfq").get(pk=inspection.pk)
    rfq = inspection.sample_order.rfq
    _require_managed(by, rfq)
    if inspection.decision:
        raise ValidationError(_("This first article is already decided."))
    if approve:
        _require_no_approval(rfq)
        if not inspection.passes:
            raise ValidationError({"decision": [_("Only a first article within every limit "
                                                  "is approved; reject it, or order new "
                                                  "samples.")]})
    elif not note.strip():
        raise ValidationError({"note": [_("Say why the first article is rejected.")]})
    inspection.decision = Decision.APPROVED if approve else Decision.REJECTED
    inspection.decision_note, inspection.decided_at = note.strip(), clock.now()
    inspection.decided_by = person_of(by)
    inspection.save(update_fields=["decision", "decision_note", "decided_at", "decided_by"])
    audit_record(actor=by, action="rfq.first_article_decide", obj=inspection,
                 organisation=rfq.buyer, after={"decision": inspection.decision,
                                                "decision_note": inspection.decision_note})
    return inspection
