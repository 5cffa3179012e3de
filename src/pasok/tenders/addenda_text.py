"""An addendum's changes as people read them, in the active language: "Lot 1, quantity:
10.000 → 12.000", moments in the reader's zone, money as rupiah."""

import datetime as dt
from decimal import Decimal

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.web.formatting import local_moment, localized_number, localized_rupiah

from .models import Lot, Tender


def _value(field: str, value) -> str:
    if value in (None, "", []):
        return "–"
    if field in ("bid_deadline", "opening_time"):
        return local_moment(dt.datetime.fromisoformat(value))
    if field == "hps_unit_price":
        return localized_rupiah(Decimal(value))
    if field == "unit_weight_kg":
        return localized_number(Decimal(value), 2)
    if field == "quantity":
        return localized_number(value)
    if field == "delivery_schedule":
        return " ".join(localized_number(units) for units in value)
    if field == "family":
        return str(dict(PART_FAMILIES).get(value, value))
    if field == "required_documents":
        return ", ".join(value)
    return str(value)


def change_line(change: dict) -> str:
    model = Tender if change["lot"] is None else Lot
    label = capfirst(model._meta.get_field(change["field"]).verbose_name)
    if change["lot"] is not None:
        label = _("Lot %(n)s, %(field)s") % {"n": change["lot"], "field": label.lower()}
    return f"{label}: {_value(change['field'], change['before'])} → " \
           f"{_value(change['field'], change['after'])}"


def change_lines(addendum) -> list[str]:
    return [change_line(change) for change in addendum.changes]
