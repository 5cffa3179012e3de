from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .actions import actions_with_own_readers

NOTHING = Q(pk__in=[])


def reads_every_organisation(user) -> bool:
    """Platform administrators and ministry officers read the events about every
    organisation."""
    return user.is_authenticated and (user.is_platform_admin or user.is_ministry_officer)


def admin_of(user) -> int | None:
    """The organisation whose events `user` reads as its admin (None: none)."""
    return user.organisation_id if user.is_authenticated and user.is_org_admin else None


class AuditQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Platform administrators and ministry officers read everything; an organisation's
        admin reads the events about their own organisation; nobody else reads any. An
        action may name its own readers instead (Action.readers: a sealed bid's events are
        its bidder's until the opening)."""
        if reads_every_organisation(user):
            default = Q()
        elif admin_of(user) is not None:
            default = Q(organisation_id=admin_of(user))
        else:
            return self.none()
        own_readers = actions_with_own_readers()
        condition = default & ~Q(action__in=list(own_readers))
        for code, readers in own_readers.items():
            condition |= Q(action=code) & readers(user, default)
        return self.filter(condition)

    def update(self, **kwargs):
        raise TypeError("audit events are append-only")

    def delete(self):
        raise TypeError("audit events are append-only")


class AuditEvent(models.Model):
    """One change made through a service: who, what, when, before and after.

    Append-only: the model refuses updates and deletes, and database triggers (migration 0002)
    refuse them below the ORM too on PostgreSQL. Foreign keys
    carry no database constraint and no cascade, so deleting a user or an organisation never
    rewrites history (the labels keep who and what).
    """

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING,
        related_name="+", verbose_name=_("actor"), db_constraint=False,
    )
    actor_label = models.CharField(_("actor"), max_length=200)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.DO_NOTHING,
        related_name="+", verbose_name=_("organisation"), db_constraint=False,
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("audit events are append-only")
