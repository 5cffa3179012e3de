from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from pasok.accounts.permissions import may_read_audit
from pasok.web.paging import page_of

from .forms import EventFilterForm
from .presenting import present
from .selectors import events_for

PAGE_SIZE = 50


@login_required
def event_list(request):
    if not may_read_audit(request.user):
        raise PermissionDenied
    form = EventFilterForm(request.GET or None)
    events = events_for(user=request.user, action=form.chosen_action())
    page = page_of(events, request.GET.get("page"), PAGE_SIZE)
    return render(request, "audit/list.html", {
        "page": page, "form": form, "events": present(page.object_list, reader=request.user)})
