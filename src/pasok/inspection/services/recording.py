"""Inspecting a delivered lot (ISO 2859-1:1999, single sampling by attributes): the plan from
rules.sampling under the supplier's switching state, the nonconforming units found in the
sample by kind, the lot accepted or not, what of it is accepted (all, or what sorting
found good), a non-conformance report opened for a lot not accepted, and the switching state
moved on by rules.sampling.switching."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.audit.services import audit_record
from pasok.contracts.models import Delivery
from pasok.rules.sampling import LotPlan, plan_for_lot, switching
from pasok.rules.sampling.tables import SMALLEST_LOT

from ..models import (
    Inspection,
    Nonconformity,
    NonconformityKind,
    Severity,
)
from . import ncrs
from .switching import state_of, store, switching_state_for

MAX_READINGS = 50  # measured values a finding keeps (a sample's size at most, in practice)


@dataclass(frozen=True)
class Finding:
    """Units of the sample nonconforming in one way. A unit may show several kinds, so each
    finding counts at most the nonconforming units, not all findings together."""
    kind: str
    count: int
    measured_values: Sequence = field(default_factory=tuple)  # e.g. Brinell HB readings
    note: str = ""


def plan_for_delivery(delivery: Delivery, severity: str) -> LotPlan:
    """The lot's plan at its contract item's AQL and inspection level. Table I starts at
    lots of 2; a single unit delivered gets the smallest lot's plan, whose sample is at least
    the lot, so it is inspected whole (the note under Tables II-A/B/C)."""
    item = delivery.call_off.item
    found = plan_for_lot(lot_size=max(delivery.quantity, SMALLEST_LOT), aql=item.aql,
                         level=item.inspection_level, severity=severity)
    return LotPlan(found.code_letter, found.plan, delivery.quantity)


def _readings(values, path: str, errors: dict) -> list[str]:
    readings = []
    for value in values:
        try:
            reading = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            reading = None
        if reading is None or not reading.is_finite() or reading < 0:
            errors[path] = [_("Measured values are numbers, such as 212 or 212.5.")]
            return []
        readings.append(str(reading))
    if len(readings) > MAX_READINGS:
        errors[path] = [_("At most %(n)s measured values a finding.") % {"n": MAX_READINGS}]
    return readings


def _checked_findings(findings: Sequence[Finding], nonconforming: int, errors: dict):
    kinds = set(NonconformityKind.values)
    rows = []
    for i, finding in enumerate(findings):
        if finding.kind not in kinds:
            errors[f"findings[{i}].kind"] = [_("Choose what was found.")]
        if finding.count < 1:
            errors[f"findings[{i}].count"] = [_("A finding counts at least one unit.")]
        elif finding.count > nonconforming:
            errors[f"findings[{i}].count"] = [
                _("At most the %(n)s nonconforming units of the sample.")
                % {"n": nonconforming}]
        rows.append(Nonconformity(
            kind=finding.kind, count=finding.count, note=finding.note.strip(),
            measured_values=_readings(finding.measured_values,
                                      f"findings[{i}].measured_values", errors)))
    if len({f.kind for f in findings}) < len(findings):
        errors["findings"] = [_("Give each kind of nonconformity once.")]
    return rows


def _checked(delivery, lot_plan, nonconforming, sorted_accepted_quantity, findings):
    errors = {}
    if not 0 <= nonconforming <= lot_plan.sample_size:
        errors["nonconforming"] = [_("Between 0 and the %(n)s units of the sample.")
                                   % {"n": lot_plan.sample_size}]
    rows = _checked_findings(findings, max(nonconforming, 0), errors)
    accepted = nonconforming <= lot_plan.plan.accept
    if sorted_accepted_quantity is not None:
        good_at_most = delivery.quantity - max(nonconforming, 0)
        if accepted and "nonconforming" not in errors:
            errors["sorted_accepted_quantity"] = [_("Only a lot not accepted is sorted.")]
        elif not 0 <= sorted_accepted_quantity <= good_at_most:
            errors["sorted_accepted_quantity"] = [
                _("Between 0 and %(n)s: the lot less the nonconforming units found.")
                % {"n": good_at_most}]
    if errors:
        raise ValidationError(errors)
    return accepted, rows


@requires_actor
@transaction.atomic
def inspection_record(*, by: Actor, delivery: Delivery, nonconforming: int,
                      findings: Sequence[Finding] = (),
                      sorted_accepted_quantity: int | None = None) -> Inspection:
    delivery = (Delivery.objects.select_for_update(of=("self",))
                .select_related("call_off__item__contract__buyer").get(pk=delivery.pk))
    contract = delivery.call_off.item.contract
    if not permissions.may_manage_contract(by, contract):
        raise PermissionDenied
    if Inspection.objects.filter(delivery=delivery).exists():
        raise ValidationError({"delivery": [_("This delivery is already inspected.")]})
    row = switching_state_for(delivery, lock=True)
    if row.severity == Severity.DISCONTINUED:
        raise ValidationError({"delivery": [_(
            "Inspection of this supplier's product is discontinued (ISO 2859-1 clause 9.4) "
            "until the buyer accepts its corrective action.")]})
    try:
        lot_plan = plan_for_delivery(delivery, row.severity)
    except ValueError as exc:
        raise ValidationError({"delivery": [_("No sampling plan for this lot: %(why)s.")
                                            % {"why": exc}]}) from None
    accepted, rows = _checked(delivery, lot_plan, nonconforming, sorted_accepted_quantity,
                              findings)
    aql = delivery.call_off.item.aql
    before = state_of(row)
    _result, after = switching.inspect(before, lot_plan, nonconforming, aql,
                                       reduced_approved=row.reduced_approved)
    store(row, after)
    inspection = Inspection.objects.create(
        delivery=delivery, severity=before.severity, level=delivery.call_off.item.inspection_level,
        aql=aql, lot_size=delivery.quantity, code_letter=lot_plan.code_letter,
        sample_size=lot_plan.sample_size, accept_number=lot_plan.plan.accept,
        nonconforming=nonconforming, accepted=accepted,
        sorted_accepted_quantity=None if accepted else sorted_accepted_quantity,
        inspected_at=clock.now(), inspected_by=by if getattr(by, "pk", None) else None)
    for finding in rows:
        finding.inspection = inspection
    Nonconformity.objects.bulk_create(rows)
    delivery.accepted_quantity = delivery.quantity if accepted else (
        sorted_accepted_quantity or 0)
    delivery.accepted_on = clock.today()
    delivery.save(update_fields=["accepted_quantity", "accepted_on"])
    audit_record(actor=by, action="inspection.record", obj=inspection,
                 organisation=contract.buyer,
                 after={"severity": before.severity, "code_letter": lot_plan.code_letter,
                        "sample_size": lot_plan.sample_size,
                        "accept_number": lot_plan.plan.accept,
                        "nonconforming": nonconforming, "accepted": accepted,
                        "accepted_quantity": delivery.accepted_quantity,
                        "next_severity": row.severity})
    if accepted:
        ncrs.close_replaced(by, delivery)
    else:
        ncrs.ncr_open(by, inspection)
    return inspection
