"""The contract an approved first article leads to: made through the fulfilment flow
(contracts.services.contract_create), for the chosen quotation's price and the RFQ's
annual volume, and linked from the RFQ."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok.accounts import permissions
from pasok.accounts.actors import requires_actor
from pasok.audit.services import audit_record
from pasok.contracts.models import Contract, ContractKind
from pasok.contracts.services import contract_create
from pasok.contracts.services.making import DEFAULT_PAYMENT_TERM_DAYS
from pasok.contracts.terms import ContractTerms, ItemTerms
from pasok.months import add_months, month_start, month_starts

from ..models import Decision, FirstArticleInspection, Rfq

# A single order delivers in its month; a framework contract over a year of call-offs.
MONTHS = {ContractKind.SINGLE: 1, ContractKind.FRAMEWORK: 12}


def spread(units: int, months: list[dt.date]) -> dict[dt.date, int]:
    """`units` over `months` as evenly as whole units go, the earlier months taking the
    remainder."""
    share, left = divmod(units, len(months))
    return {m: share + (1 if i < left else 0) for i, m in enumerate(months)}


@requires_actor
@transaction.atomic
def rfq_contract_make(*, by, rfq: Rfq, kind: str, starts_on: dt.date,
                      payment_term_days: int = DEFAULT_PAYMENT_TERM_DAYS) -> Contract:
    rfq = Rfq.objects.select_for_update().select_related("buyer").get(pk=rfq.pk)
    if not permissions.may_manage_rfq(by, rfq):
        raise PermissionDenied
    if rfq.contract_id:
        raise ValidationError(_("The contract of this request is already made."))
    approved = (FirstArticleInspection.objects.filter(sample_order__rfq=rfq,
                                                      decision=Decision.APPROVED)
                .select_related("sample_order__quotation__supplier").first())
    if approved is None:
        raise ValidationError(_("A contract follows an approved first article."))
    if kind not in MONTHS:
        raise ValidationError({"kind": [_("Choose a single order or a framework contract.")]})
    quotation = approved.sample_order.quotation
    first = month_start(starts_on)
    months = month_starts(first, MONTHS[kind])
    item = ItemTerms(number=1, product=rfq.part_name, unit_weight_kg=rfq.unit_weight_kg,
                     unit_price=quotation.terms.unit_price, quantity=rfq.annual_volume,
                     family=rfq.family, grade=rfq.grade_id,
                     schedule=spread(rfq.annual_volume, months))
    terms = ContractTerms(starts_on=first,
                          ends_on=add_months(first, len(months)) - dt.timedelta(days=1),
                          payment_term_days=payment_term_days, items=(item,))
    contract = contract_create(by=by, buyer=rfq.buyer, supplier=quotation.supplier,
                               title=f"{rfq.reference} {rfq.part_name}", kind=kind, terms=terms)
    rfq.contract = contract
    rfq.save(update_fields=["contract"])
    audit_record(actor=by, action="rfq.contract", obj=rfq, organisation=rfq.buyer,
                 after={"contract": contract.reference, "supplier": quotation.supplier.name})
    return contract
