"""Reads of the audit log, scoped by AuditEvent.objects.visible_to(user)."""

from .models import AuditEvent


def events_for(*, user, action: str = ""):
    """The events `user` may read, newest first; only those of `action` when given."""
    events = AuditEvent.objects.visible_to(user).select_related("actor__organisation",
                                                                "organisation")
    return events.filter(action=action) if action else events
