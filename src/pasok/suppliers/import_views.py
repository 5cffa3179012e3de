# Placeholder (helper-3 owns and replaces this file).
from django.http import HttpResponse


def import_suppliers_view(request):
    return HttpResponse(status=501)


def import_template_view(request):
    return HttpResponse(status=501)
