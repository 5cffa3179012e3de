from django.contrib import admin

from pasok.web.admin_mixins import ReadOnlyRestrictedAdmin

from .models import ApiToken, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyRestrictedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "regency", "size_class", "verified_at"]
    list_filter = ["kind", "size_class", "province"]
    search_fields = ["name", "nib", "regency"]


@admin.register(User)
class UserAdmin(ReadOnlyRestrictedAdmin, admin.ModelAdmin):
    list_display = ["email", "full_name", "organisation", "org_role", "platform_role",
                    "is_active"]
    list_filter = ["org_role", "platform_role", "is_active"]
    search_fields = ["email", "full_name"]
    exclude = ["password", "user_permissions", "groups"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyRestrictedAdmin, admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    exclude = ["digest"]
