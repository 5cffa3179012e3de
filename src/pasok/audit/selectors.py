"""Reads of the audit log, scoped by AuditEvent.objects.visible_to(user)."""

from .models import AuditEvent


def may_read_audit(user) -> bool:
    return user.is_authenticated and (user.is_platform_admin or user.is_ministry_officer
                                      or user.is_org_admin)


def events_for(*, user, action: str = ""):
    """The events `user` may read, newest first; only those of `action` when given."""
    events = AuditEvent.objects.visible_to(user).select_related("actor__organisation",
                                                                "organisation")
    return events.filter(action=action) if action else events
