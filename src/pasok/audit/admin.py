from django.contrib import admin

from pasok.web.admin_mixins import ReadOnlyRestrictedAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyRestrictedAdmin, admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_label"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_label", "action"]
