"""The admin site: a read-only window for platform administrators.

Writes go through the services (validation, audit log), so the admin adds, changes and
deletes nothing; and it reads through the same permission querysets as every other page."""


from pasok.accounts import permissions


class ReadOnlyRestrictedAdmin:
    def has_module_permission(self, request):
        return permissions.may_use_admin_site(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.visible_to(request.user) if hasattr(qs, "visible_to") else qs
