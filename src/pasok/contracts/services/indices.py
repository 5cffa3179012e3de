"""The month's indices of a contract's price-adjustment clause, recorded by the buyer's side
(replacing what it recorded for that month before)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.actors import Actor, requires_actor
from pasok.audit.services import audit_record
from pasok.months import month_start
from pasok.rules.price_adjustment import Clause

from ..models import Contract, PriceIndexValue
from .making import managed


@requires_actor
@transaction.atomic
def price_indices_record(*, by: Actor, contract: Contract, month: dt.date,
                         values: dict[str, Decimal]) -> list[PriceIndexValue]:
    contract = managed(by, contract)
    clause = Clause.of(contract.price_adjustment)
    if clause is None:
        raise ValidationError(_("This contract has fixed prices: it has no indices."))
    month = month_start(month)
    errors = {}
    if not month_start(contract.starts_on) <= month <= month_start(contract.ends_on):
        errors["month"] = [_("The month lies within the contract's period.")]
    names = [c.name for c in clause.components]
    for name in names:
        if name not in values or values[name] is None or values[name] <= 0:
            errors[f"index.{name}"] = [_("Give %(name)s's index, more than 0.")
                                       % {"name": name}]
    if errors:
        raise ValidationError(errors)
    PriceIndexValue.objects.filter(contract=contract, month=month).delete()
    rows = PriceIndexValue.objects.bulk_create(
        PriceIndexValue(contract=contract, month=month, component=name, value=values[name],
                        recorded_at=clock.now()) for name in names)
    audit_record(actor=by, action="contract.indices", obj=contract, organisation=contract.buyer,
                 after={"month": str(month), **{n: str(values[n]) for n in names}})
    return rows
