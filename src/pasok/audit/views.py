from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from .models import AuditEvent


@login_required
def event_list(request):
    user = request.user
    if not (user.is_platform_admin or user.is_ministry_officer or user.is_org_admin):
        raise PermissionDenied
    events = AuditEvent.objects.visible_to(user)
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"page": page, "action": action})
