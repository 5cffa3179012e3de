"""Addenda (adendum) to a published tender before its deadline: the required documents, a
lot's terms, the deadline and opening moved later (perpanjangan jadwal), each with its reason.
Every supplier-side organisation that opened the tender or has a standing bid is told;
standing bids made before it wait for their bidder to confirm them (bids.bid_confirm)."""

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.actors import requires_actor
from pasok.accounts.models import User
from pasok.audit.services import audit_record
from pasok.web.links import base_url

from ..lifecycle import Action
from ..models import Addendum, Tender, TenderReader
from .drafting import LOT_FIELDS, _saved_lot, _set_lot_fields, _tender_errors
from .guards import managed


class LotRefused(ValidationError):
    """The addendum's change to lot `number` is refused; the errors name its fields."""

    def __init__(self, number: int, errors: dict):
        super().__init__(errors)
        self.number = number


def _stored(value):
    """A value as the addendum keeps it (JSON): moments and decimals as text, a grade by
    its name."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return str(value)
    return value


def _schedule_changes(tender: Tender, bid_deadline, opening_time) -> list[dict]:
    """The deadline and the opening moved, never earlier; the opening at or after the
    deadline, the deadline still ahead and within a year (drafting's checks)."""
    moved = {"bid_deadline": bid_deadline or tender.bid_deadline,
             "opening_time": opening_time or tender.opening_time}
    errors = {}
    for name, value in moved.items():
        if value < getattr(tender, name):
            errors[name] = [_("An addendum moves the deadline and the opening later, never "
                              "earlier.")]
    changes = [{"field": name, "lot": None, "before": _stored(getattr(tender, name)),
                "after": _stored(value)}
               for name, value in moved.items() if value != getattr(tender, name)]
    for name, value in moved.items():
        setattr(tender, name, value)
    if changes:
        checked = _tender_errors(tender)
        errors |= {name: checked[name] for name in ("bid_deadline", "opening_time",
                                                   "first_delivery_month")
                   if name in checked and name not in errors}
    if errors:
        raise ValidationError(errors)
    return changes


def _lot_changes(tender: Tender, lots: Mapping[int, Mapping]) -> list[dict]:
    """Each lot's changed terms saved (drafting's checks), before → after."""
    changes = []
    by_pk = {lot.pk: lot for lot in tender.lots.select_related("grade")}
    for pk, fields in lots.items():
        lot = by_pk[int(pk)]
        before = {name: getattr(lot, name) for name in fields}
        _set_lot_fields(lot, fields)
        changed = {name: value for name, value in before.items()
                   if getattr(lot, name) != value}
        if not changed:
            continue
        try:
            _saved_lot(lot)
        except ValidationError as exc:
            raise LotRefused(lot.number, exc.message_dict) from exc
        changes += [{"field": name, "lot": lot.number, "before": _stored(value),
                     "after": _stored(getattr(lot, name))} for name, value in changed.items()]
    return changes


@requires_actor
@transaction.atomic
def addendum_issue(*, by: User, tender: Tender, reason: str,
                   required_documents: Sequence[str] | None = None, bid_deadline=None,
                   opening_time=None, lots: Mapping[int, Mapping] | None = None) -> Addendum:
    """Amend a published tender before its deadline. Any of: `required_documents` (the new
    list), `bid_deadline` and `opening_time` (later only), `lots` ({lot id: {field: value}}
    of LOT_FIELDS). Only what differs is recorded; an addendum that changes nothing is
    refused. A refused lot raises LotRefused (its number, its fields' errors)."""
    tender = managed(by, tender, Action.ADDENDUM,
                     _("An addendum is issued while bids are open; the tender is %(status)s."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the tender is amended.")]})
    for fields in (lots or {}).values():
        if set(fields) - set(LOT_FIELDS):
            raise TypeError(f"not lot fields: {sorted(set(fields) - set(LOT_FIELDS))}")
    changes = []
    if required_documents is not None:
        documents = list(dict.fromkeys(str(d).strip() for d in required_documents
                                       if str(d).strip()))
        if documents != tender.required_documents:
            changes.append({"field": "required_documents", "lot": None,
                            "before": tender.required_documents, "after": documents})
            tender.required_documents = documents
    changes += _schedule_changes(tender, bid_deadline, opening_time)
    changes += _lot_changes(tender, lots or {})
    if not changes:
        raise ValidationError(_("The addendum changes nothing: change the documents, a lot "
                                "or the deadline."))
    if any(change["field"] == "bid_deadline" for change in changes):
        tender.reminded_at = None  # a moved deadline is reminded of afresh
    tender.save(update_fields=["required_documents", "bid_deadline", "opening_time",
                               "reminded_at"])
    addendum = Addendum.objects.create(tender=tender, number=tender.latest_addendum + 1,
                                       reason=reason.strip(), changes=changes,
                                       issued_at=clock.now(), issued_by=by)
    audit_record(actor=by, action="tender.addendum", obj=tender, organisation=tender.buyer,
                 after={"number": addendum.number, "reason": addendum.reason,
                        "changes": changes})
    from ..tasks import send_addendum_notices

    links = base_url()
    transaction.on_commit(lambda: send_addendum_notices.enqueue(addendum_id=addendum.pk,
                                                                base_url=links))
    return addendum


@requires_actor
def tender_read(*, by: User, tender: Tender) -> None:
    """Remember that `by`'s supplier-side organisation opened a published tender, so its
    addenda reach it. A read, not a change: not audited."""
    org = by.organisation
    if org is None or not org.is_supplier_side or tender.published_at is None:
        return
    # One INSERT that a second read leaves alone (not get_or_create: four queries a view).
    TenderReader.objects.bulk_create(
        [TenderReader(tender=tender, organisation=org, first_read_at=clock.now())],
        ignore_conflicts=True)
