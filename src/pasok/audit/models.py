from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pasok.accounts.permissions import RestrictedQuerySet


class AuditQuerySet(RestrictedQuerySet):
    """Read through `restrict` (accounts.permissions: who reads which events); never
    changed."""

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
