"""Recording changes. Every service that writes calls `audit_record` inside its transaction."""

import datetime as dt
from decimal import Decimal

from django.db import models

from pasok import clock
from pasok.accounts.actors import SYSTEM, person_of

from .models import AuditEvent


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """A JSON-ready picture of `obj`'s concrete fields (foreign keys as ids)."""
    names = fields or [f.attname for f in obj._meta.concrete_fields if not f.generated]
    return {name: _plain(getattr(obj, name)) for name in names}


def audit_record(*, actor, action: str, obj: models.Model, organisation=None,
                 before: dict | None = None, after: dict | None = None) -> AuditEvent:
    """Append one event. `actor` is a service's `by` (accounts.actors): a person, named with
    their e-mail address; the system, as "system"; a person through a service, as that
    person. None is refused (TypeError)."""
    changed_before, changed_after = before, after
    if before is not None and after is not None:
        missing = object()
        keys = [k for k in {**before, **after}
                if before.get(k, missing) != after.get(k, missing)]
        changed_before = {k: before.get(k) for k in keys}
        changed_after = {k: after.get(k) for k in keys}
    person = person_of(actor)
    return AuditEvent.objects.create(
        at=clock.now(),
        actor=person,
        actor_label=person.email if person is not None else SYSTEM.label,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:300],
        organisation=organisation,
        before=_plain(changed_before),
        after=_plain(changed_after),
    )
