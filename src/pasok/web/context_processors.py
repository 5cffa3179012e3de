from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.accounts.models import Notification


def navigation(request):
    """The menu a person sees: only the pages their role may open."""
    user = getattr(request, "user", None)  # absent when a request failed before sign-in
    if user is None or not user.is_authenticated:
        return {}
    items = [(reverse("web:home"), _("Home"))]
    if user.organisation_id:
        items.append((reverse("suppliers:organisation", args=[user.organisation_id]),
                      _("My organisation")))
        items.append((reverse("accounts:people"), _("People")))
        if user.organisation.is_supplier_side:
            items.append((reverse("tkdn:overview", args=[user.organisation_id]),
                          _("Local content (TKDN)")))
    items.append((reverse("tenders:list"), _("Tenders")))
    if permissions.may_list_plans(user):
        items.append((reverse("allocation:list"), _("Allocation plans")))
    if permissions.may_search_suppliers(user):
        items.append((reverse("suppliers:search"), _("Find suppliers")))
    if permissions.may_verify_organisations(user):
        items.append((reverse("accounts:verification"), _("Verification")))
    if permissions.may_import_suppliers(user):
        items.append((reverse("suppliers:import"), _("Import suppliers")))
    if permissions.may_unlock_sign_in(user):
        items.append((reverse("accounts:sign-in-pauses"), _("Paused sign-ins")))
    if permissions.may_read_audit(user):
        items.append((reverse("audit:list"), _("Audit log")))
    items.append((reverse("accounts:tokens"), _("API tokens")))
    unread = Notification.objects.visible_to(user).filter(read_at__isnull=True).count()
    items.append((reverse("accounts:notifications"),
                  _("Notifications (%(n)s)") % {"n": unread} if unread else _("Notifications")))
    path = request.path
    return {"nav_items": [{"url": url, "label": label, "current": path == url}
                          for url, label in items]}


def language_switch(request):
    """Where the language switch returns to: this page; for a page that answered a form
    (a confirmation, a receipt), which only a POST opens, the page the form was sent from."""
    if request.method == "GET":
        return {"language_next": request.get_full_path()}
    came_from = urlsplit(request.headers.get("Referer", ""))
    if came_from.netloc != request.get_host() or not came_from.path:
        return {"language_next": reverse("web:home")}
    return {"language_next": came_from.path + (f"?{came_from.query}" if came_from.query else "")}
