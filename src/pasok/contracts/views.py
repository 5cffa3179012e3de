"""Contract pages (being written: the lead's next commit)."""

from django.http import Http404


def contract_list(request):
    raise Http404


def contract_detail(request, public_id):
    raise Http404


def call_off_detail(request, public_id):
    raise Http404
