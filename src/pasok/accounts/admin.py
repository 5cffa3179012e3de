from django.contrib import admin
from django.contrib.auth.models import Group

from pasok.shell.admin_mixins import ReadOnlyRestrictedAdmin

from .forms import AdminLoginForm
from .models import ApiToken, Organisation, User

# The admin signs in throttled like the login page, and saying so (forms.paused_error).
admin.site.login_form = AdminLoginForm
# Pasok's permissions are roles (permissions.py), not groups; django.contrib.auth's group
# admin would let a platform admin (a superuser) write groups past the services, unaudited.
admin.site.unregister(Group)


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
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "last_used_at"]
    exclude = ["digest"]
