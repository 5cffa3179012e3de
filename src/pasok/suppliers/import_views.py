"""The bulk import page and its CSV template."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from pasok.accounts.permissions import may_import_suppliers

from .import_forms import SupplierImportForm
from .importing import COLUMNS, REQUIRED, import_suppliers

# Semicolons and Indonesian numbers: the template opens in columns in Indonesian Excel, whose
# list separator is ";" and whose decimal mark is ",".
TEMPLATE_EXAMPLE = {
    "name": "CV Contoh Logam Ceper", "nib": "8120000000019", "npwp": "01.234.567.4-526.000",
    "province": "Jawa Tengah", "regency": "Klaten", "district": "Ceper",
    "address": "Dukuh Batur, Desa Tegalrejo", "latitude": "-7,6655", "longitude": "110,6781",
    "email": "", "phone": "0272 551234", "business_capital": "750.000.000",
    "annual_sales": "1.800.000.000", "cooperative_nib": "", "processes": "green_sand, machining",
    "grades": "FC200, FCD450", "weight_min_kg": "0,5", "weight_max_kg": "120",
    "monthly_capacity_kg": "40.000", "workforce_total": "25", "workforce_women": "4",
    "description": "Tutup manhole, badan pompa, blok rem",
}


@login_required
def import_suppliers_view(request):
    if not may_import_suppliers(request.user):
        raise PermissionDenied
    form = (SupplierImportForm(request.POST, request.FILES) if request.method == "POST"
            else SupplierImportForm())
    report = None
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_suppliers(by=request.user, file_name=upload.name, data=upload.read(),
                                  dry_run=form.cleaned_data["dry_run"],
                                  notation=form.cleaned_data["notation"])
        if report.ok and not report.dry_run:
            messages.success(request, ngettext("%(count)d supplier was imported.",
                                               "%(count)d suppliers were imported.",
                                               report.created) % {"count": report.created})
            return redirect("suppliers:import")
    return render(request, "suppliers/import.html", {
        "form": form, "report": report, "columns": COLUMNS, "required": REQUIRED,
    })


@login_required
def import_template_view(request):
    if not may_import_suppliers(request.user):
        raise PermissionDenied
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    writer.writerow([TEMPLATE_EXAMPLE[name] for name in COLUMNS])
    # The byte-order mark makes Excel read the file as UTF-8.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pasok-suppliers-template.csv"'
    return response
