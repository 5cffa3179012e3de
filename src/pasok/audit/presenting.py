"""Audit events as people read them: a sentence ("Sri Wahyuni (PT KAI) published tender
PSK-2026-00001 …") and what changed as field: before → after, with verbose names, choices in
words, numbers, money and moments in the reader's language and time zone.

The ids an event recorded (an organisation, the members of a plan, the winning bids) are
looked up for a whole page at once: one query per kind of object, however many events."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from pasok.web.formatting import (
    local_date,
    local_moment,
    localized_file_size,
    localized_number,
    localized_rupiah,
)

from .actions import Detail, action_for

ALWAYS_HIDDEN = {"id"}
MAX_PLACES = 4


@dataclass(frozen=True)
class Change:
    label: str
    before: str | None  # None: the event recorded no value before (a creation)
    after: str | None  # None: no value after (a removal)


@dataclass(frozen=True)
class EventView:
    at: dt.datetime
    sentence: str
    changes: list[Change]


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    if model is None:
        return None
    # By attname: a foreign key's id is stored as "<name>_id"; a key that is only the
    # relation's name ("lot" in a bid's event) holds something else (the lot's number).
    return next((f for f in model._meta.concrete_fields if f.attname == key), None)


def _resolved(detail: Detail, field) -> Detail:
    """The detail with its kind (and label) filled in from the model field."""
    label = detail.label or (field.verbose_name if field is not None else None)
    if detail.kind != "auto" or detail.format is not None or field is None:
        return Detail(label, detail.kind, detail.model, detail.format)
    if field.is_relation and field.many_to_one:
        return Detail(label, "ref", field.related_model._meta.label_lower)
    if field.choices:
        choices = dict(field.flatchoices)
        return Detail(label, format=lambda value: str(choices.get(value, value)))
    kinds = ((models.BooleanField, "flag"), (models.DateTimeField, "moment"),
             (models.DateField, "date"), (models.DecimalField, "number"),
             (models.FloatField, "number"), (models.IntegerField, "number"))
    kind = next((k for cls, k in kinds if isinstance(field, cls)), "auto")
    return Detail(label, kind)


def _ids(value) -> list:
    return value if isinstance(value, list) else [value]


def _places(value) -> int:
    try:
        exponent = Decimal(str(value)).as_tuple().exponent
    except InvalidOperation:
        return 0
    return min(max(-exponent, 0), MAX_PLACES) if isinstance(exponent, int) else 0


def _show(value, detail: Detail, refs: dict) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if detail.format is not None:
        return str(detail.format(value))
    kind = detail.kind
    if kind == "auto":  # no model field says: go by the JSON type
        kind = ("flag" if isinstance(value, bool)
                else "number" if isinstance(value, int | float)
                else "count" if isinstance(value, dict) else "text")
    if kind == "flag":
        return _("yes") if value else _("no")
    if kind == "number":
        return localized_number(value, _places(value))
    if kind == "money":
        return localized_rupiah(value, _places(value))
    if kind == "percent":
        return localized_number(value, _places(value)) + "%"
    if kind == "file_size":
        return localized_file_size(int(value))
    if kind == "count":
        return localized_number(len(value) if isinstance(value, list | dict) else value)
    if kind == "moment":
        moment = parse_datetime(str(value))
        return local_moment(moment) if moment else str(value)
    if kind == "date":
        day = parse_date(str(value)[:10])
        return local_date(day) if day else str(value)
    if kind == "ref":
        return ", ".join(refs.get((detail.model, str(pk)), f"#{pk}") for pk in _ids(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _details(event, action) -> dict:
    """key → resolved Detail for every key the event recorded that people should read."""
    model = _model(event.object_type)
    declared = action.details if action else {}
    keys = dict.fromkeys([*(event.after or {}), *(event.before or {})])
    details = {}
    for key in keys:
        detail = _resolved(declared.get(key, Detail()), _field(model, key))
        if key not in ALWAYS_HIDDEN and detail.kind != "hidden":
            details[key] = detail
    return details


def _load_refs(wanted: dict[str, set]) -> dict:
    """{(model label, str(pk)): label} for every id the page's events name."""
    refs = {}
    for label, ids in wanted.items():
        model = _model(label)
        if model is None:
            continue
        # select_related() follows the non-null foreign keys that labels often read (a
        # bid's lot and tender), so each kind of object costs one query.
        for obj in model._base_manager.select_related().filter(pk__in=ids):
            refs[(label, str(obj.pk))] = str(obj)
    return refs


def _of_readers_organisation(event, reader) -> bool:
    own = getattr(reader, "organisation_id", None)
    return own is not None and event.actor is not None and event.actor.organisation_id == own


def actor_name(event, reader=None) -> str:
    """Who did it, as `reader` may learn it: an action with an unnamed actor names them
    only to the actor's own organisation (to nobody, without a reader)."""
    action = action_for(event.action)
    if action is not None and action.unnamed_actor is not None \
            and not _of_readers_organisation(event, reader):
        return str(action.unnamed_actor)
    if event.actor is not None:
        return event.actor.name_with_organisation
    return _("Pasok") if event.actor_label == "system" else event.actor_label


def _sentence(event, action, reader) -> str:
    params = {"actor": actor_name(event, reader), "object": event.object_label,
              "organisation": event.organisation.name if event.organisation
              else event.object_label}
    if action is None:  # an action no code records any more
        return _("%(actor)s changed %(object)s") % params
    return action.sentence % params


def present(events, *, reader) -> list[EventView]:
    """Readable views of `events` (loaded with select_related("actor__organisation",
    "organisation")) as `reader` reads them."""
    prepared = []
    wanted: dict[str, set] = {}
    for event in events:
        action = action_for(event.action)
        details = _details(event, action)
        for key, detail in details.items():
            if detail.kind == "ref":
                for side in (event.before or {}, event.after or {}):
                    if side.get(key) not in (None, "", []):
                        wanted.setdefault(detail.model, set()).update(
                            str(pk) for pk in _ids(side[key]))
        prepared.append((event, action, details))
    refs = _load_refs(wanted)
    views = []
    for event, action, details in prepared:
        before, after = event.before, event.after
        changes = []
        for key, detail in details.items():
            label = capfirst(str(detail.label or key.replace("_", " ")))
            old = _show(before.get(key), detail, refs) if before is not None else None
            new = _show(after.get(key), detail, refs) if after is not None else None
            if (old is None and new == "–") or (new is None and old == "–"):
                continue  # a creation or removal lists the values it had, not the blanks
            changes.append(Change(label, old, new))
        views.append(EventView(event.at, _sentence(event, action, reader), changes))
    return views
