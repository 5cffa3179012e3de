"""Imported alternatives: the ministry records an offer on the market, a buyer the imports
it uses or could use; the recording organisation's writers correct them."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, person_of, requires_actor
from pasok.accounts.models import Organisation
from pasok.audit.services import audit_record
from pasok.suppliers.catalogue import PART_FAMILIES

from ..models import ImportedAlternative

# What a record says, as the services take it and the audit log keeps it.
FIELDS = ("family", "product", "origin", "landed_price", "service_life_months",
          "local_service_life_months", "standards", "buyer", "units_per_year", "in_use", "source")


def _check(recorded_for: Organisation, data: dict) -> None:
    errors = {}
    if data["family"] not in dict(PART_FAMILIES):
        errors["family"] = [_("Choose a part family from the list.")]
    if not data["product"]:
        errors["product"] = [_("Name the product.")]
    if not data["origin"]:
        errors["origin"] = [_("Name the country of origin.")]
    if data["landed_price"] is None or data["landed_price"] <= 0:
        errors["landed_price"] = [_("The landed price is more than Rp0.")]
    for name in ("service_life_months", "local_service_life_months"):
        if data[name] is None or data[name] <= 0:
            errors[name] = [_("A service life is longer than 0 months.")]
    if data["units_per_year"] is not None and data["units_per_year"] < 1:
        errors["units_per_year"] = [_("At least one unit a year, or leave it empty.")]
    buyer = data["buyer"]
    if buyer is not None and not buyer.is_buyer:
        errors["buyer"] = [_("The buyer is a buyer's organisation.")]
    elif not permissions.import_may_name(recorded_for, buyer):
        errors["buyer"] = [_("A buyer records its own imports, or an offer on the market.")]
    if data["in_use"] and "buyer" not in errors:
        # Only what a buyer buys is part of its need (insights.warnings): the buyer and how
        # many it buys.
        if buyer is None:
            errors["in_use"] = [_("An offer on the market is not bought yet: name the buyer "
                                  "that buys it, or leave this unticked.")]
        elif data["units_per_year"] is None:
            errors["units_per_year"] = [_("How many units a year the buyer buys.")]
    if errors:
        raise ValidationError(errors)


def _audited(alternative: ImportedAlternative) -> dict:
    values = {name: getattr(alternative, name) for name in FIELDS}
    values["buyer"] = alternative.buyer.name if alternative.buyer else None
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}


@requires_actor
@transaction.atomic
def alternative_record(*, by: Actor, recorded_for: Organisation, family: str, product: str,
                       origin: str, landed_price: Decimal, service_life_months: Decimal,
                       local_service_life_months: Decimal, standards: str = "",
                       buyer: Organisation | None = None, units_per_year: int | None = None,
                       in_use: bool = False, source: str = "") -> ImportedAlternative:
    """Record an imported alternative for `recorded_for` (the ministry, or a buyer naming
    itself as the `buyer` or recording an offer on the market); `in_use`: the buyer buys it
    now, `units_per_year` of it."""
    if not permissions.may_record_imports(by, recorded_for):
        raise PermissionDenied
    data = {"family": family, "product": product.strip(), "origin": origin.strip(),
            "landed_price": landed_price, "service_life_months": service_life_months,
            "local_service_life_months": local_service_life_months,
            "standards": standards.strip(), "buyer": buyer, "units_per_year": units_per_year,
            "in_use": in_use, "source": source.strip()}
    _check(recorded_for, data)
    alternative = ImportedAlternative.objects.create(
        **data, recorded_for=recorded_for, recorded_at=clock.now(), recorded_by=person_of(by))
    audit_record(actor=by, action="imported_alternative.record", obj=alternative,
                 organisation=recorded_for, after=_audited(alternative))
    return alternative


@requires_actor
@transaction.atomic
def alternative_update(*, by: Actor, alternative: ImportedAlternative,
                       **changes) -> ImportedAlternative:
    """Correct a record: `changes` are some of FIELDS."""
    alternative = ImportedAlternative.objects.select_for_update().get(pk=alternative.pk)
    if not permissions.may(by, permissions.CHANGE, alternative):
        raise PermissionDenied
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"not fields of an imported alternative: {sorted(unknown)}")
    before = _audited(alternative)
    data = {name: getattr(alternative, name) for name in FIELDS} | changes
    for name in ("product", "origin", "standards", "source"):
        data[name] = (data[name] or "").strip()
    _check(alternative.recorded_for, data)
    for name, value in data.items():
        setattr(alternative, name, value)
    alternative.save(update_fields=list(FIELDS))
    audit_record(actor=by, action="imported_alternative.update", obj=alternative,
                 organisation=alternative.recorded_for, before=before,
                 after=_audited(alternative))
    return alternative
