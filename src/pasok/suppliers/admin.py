from django.contrib import admin

from pasok.accounts.models import Organisation
from pasok.shell.admin_mixins import ReadOnlyRestrictedAdmin

from .models import SupplierProfile


@admin.register(SupplierProfile)
class SupplierProfileAdmin(ReadOnlyRestrictedAdmin, admin.ModelAdmin):
    list_display = ["organisation", "monthly_capacity_kg", "workforce_total"]
    search_fields = ["organisation__name"]
    exclude = ["search_text"]

    def get_queryset(self, request):
        visible = Organisation.objects.visible_to(request.user)
        return super().get_queryset(request).filter(organisation__in=visible)
