from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pasok.shell.admin_mixins import ReadOnlyRestrictedAdmin

from .actions import actions_with_unnamed_actors
from .models import AuditEvent
from .presenting import actor_name


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyRestrictedAdmin, admin.ModelAdmin):
    """The actor is shown as the audit log says it, so an action that leaves its actor
    unnamed (who asked a clarification question) leaves it unnamed here too: neither the
    actor nor their e-mail is among the fields, and a search never finds such an event
    (it could match on who did it)."""

    list_display = ["at", "who", "action", "object_type", "object_label"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_label", "action"]
    fields = ["at", "who", "action", "object_type", "object_id", "object_label",
              "organisation", "before", "after"]
    readonly_fields = ["who"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor__organisation")

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            found = found.exclude(action__in=actions_with_unnamed_actors())
        return found, duplicates

    @admin.display(description=_("actor"))
    def who(self, event):
        return actor_name(event)
