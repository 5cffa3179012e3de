import uuid
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.models import Organisation
from pasok.rules.money import to_decimal
from pasok.rules.preference import TKDN_MIN_FOR_PREFERENCE, TKDN_PLUS_BMP_TIER_A
from pasok.rules.tkdn import FACTORS, as_counted, compute
from pasok.rules.tkdn_advice import shortfalls, tkdn_if
from pasok.rules.tkdn_json import worksheet_from_dict
from pasok.web.form_errors import Rows, add_service_errors, errors_by_field
from pasok.web.formatting import localized_number, localized_percent

from . import selectors, services
from .forms import (
    BmpForm,
    CertificateForm,
    CostFormSet,
    ImportForm,
    MaterialFormSet,
    OverheadFormSet,
    WhatIfForm,
    WorksheetForm,
)
from .models import Worksheet
from .pdf import worksheet_pdf
from .texts import warning_text
from .xlsx_io import XlsxError, read_xlsx, workbook_place, write_xlsx

LIST_KEYS = {"material": "materials", "labour": "labour", "overhead": "overhead"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _supplier(request, org_pk) -> Organisation:
    return Organisation.objects.visible_to(request.user).supplier_side().get(pk=org_pk)


def _changeable(request, org):
    if not permissions.may(request.user, permissions.CHANGE, org):
        raise PermissionDenied


def _worksheet(request, worksheet_id) -> Worksheet:
    return selectors.worksheet_get(user=request.user, public_id=worksheet_id)


@login_required
def overview(request, org_pk: int):
    org = _supplier(request, org_pk)
    return render(request, "tkdn/overview.html", {
        "org": org,
        "worksheets": selectors.worksheets_of(user=request.user, organisation=org),
        "certificates": selectors.certificates_of(user=request.user, organisation=org),
        "bmp": selectors.bmp_of(user=request.user, organisation=org),
        "may_change": permissions.may(request.user, permissions.CHANGE, org),
        "may_view_private": permissions.may(request.user, permissions.VIEW_PRIVATE, org),
    })


NUMBER_KEYS = ("quantity", "unit_price", "cost", "domestic_percent")


def _stored_lines(data: dict, key: str) -> list[dict] | None:
    """A saved version's lines as the editor's initial values. The JSON may hold a number as
    text (the API and the CLI accept "9500.5"); as a Decimal it is shown the reader's way."""
    if key not in data:
        return None
    return [{k: to_decimal(v) if k in NUMBER_KEYS and v is not None else v
             for k, v in line.items()} for line in data[key]]


def _formsets(data=None, initial=None):
    initial = initial or {}
    return {
        "material": MaterialFormSet(data, prefix="material",
                                    initial=_stored_lines(initial, "materials")),
        "labour": CostFormSet(data, prefix="labour", initial=_stored_lines(initial, "labour")),
        "overhead": OverheadFormSet(data, prefix="overhead",
                                    initial=_stored_lines(initial, "overhead")),
    }


def _worksheet_data(form, formsets) -> dict:
    return {
        "regime": form.cleaned_data["regime"],
        "product": form.cleaned_data["product"],
        "uncertified": form.cleaned_data["uncertified"] or "declared",
        **{LIST_KEYS[f]: [line for fm in formsets[f].forms if (line := fm.line()) is not None]
           for f in FACTORS},
    }


def _factor_labels():
    return {"material": _("Direct material"), "labour": _("Direct labour"),
            "overhead": _("Factory overhead")}


def _sent_lines(formsets) -> dict[str, Rows]:
    """Each factor's lines as the service got them (`materials[2].cost` is the third sent
    material), an error of a whole list above the form with the factor's name."""
    labels = _factor_labels()
    return {LIST_KEYS[f]: Rows(formsets[f], [fm for fm in formsets[f].forms
                                             if fm.line() is not None], labels[f])
            for f in FACTORS}


def _edit(request, org, worksheet=None, initial=None):
    if request.method == "POST":
        form, formsets = WorksheetForm(request.POST), _formsets(request.POST)
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            try:
                version = services.worksheet_save(by=request.user, organisation=org,
                                                  worksheet=worksheet,
                                                  data=_worksheet_data(form, formsets))
            except ValidationError as exc:
                add_service_errors(form, exc, _sent_lines(formsets))
            else:
                messages.success(request, _("Saved as version %(n)s.") % {"n": version.number})
                return redirect("tkdn:worksheet", worksheet_id=version.worksheet.public_id)
    else:
        initial = initial or {}
        form = WorksheetForm(initial={"product": initial.get("product", ""),
                                      "regime": initial.get("regime", "permenperin-35-2025"),
                                      "uncertified": initial.get("uncertified", "declared")})
        formsets = _formsets(initial=initial)
    return render(request, "tkdn/edit.html", {"org": org, "worksheet": worksheet, "form": form,
                                              "formsets": formsets})


@login_required
def worksheet_new(request, org_pk: int):
    org = _supplier(request, org_pk)
    _changeable(request, org)
    return _edit(request, org)


@login_required
def worksheet_edit(request, worksheet_id):
    worksheet = _worksheet(request, worksheet_id)
    _changeable(request, worksheet.organisation)
    latest = worksheet.latest
    return _edit(request, worksheet.organisation, worksheet, latest.data if latest else None)


def _what_if(request, sheet, now):
    """The TKDN if one line were replaced by a domestic, certified product (asked from the
    result page), and whether that raises or lowers `now`. Offered: every line not already
    counted fully domestic."""
    counted = as_counted(sheet)
    lines = [(f"{factor}-{i}", f"{line.name} ({localized_percent(line.domestic_percent)})")
             for factor in FACTORS for i, line in enumerate(counted.lines(factor))
             if line.domestic_percent < 100]
    form = WhatIfForm(request.GET if "line" in request.GET else None, lines=lines,
                      auto_id="what-if-%s")
    if not form.is_bound or not form.is_valid():
        return form, None
    factor, _sep, index = form.cleaned_data["line"].partition("-")
    percent = form.cleaned_data["percent"]
    tkdn = tkdn_if(sheet, factor, int(index), percent)
    return form, {"line": sheet.lines(factor)[int(index)], "percent": percent, "tkdn": tkdn,
                  "change": "raises" if tkdn > now else "lowers" if tkdn < now else "keeps"}


@login_required
def worksheet_detail(request, worksheet_id):
    worksheet = _worksheet(request, worksheet_id)
    number = request.GET.get("v")
    version = selectors.version_get(worksheet=worksheet,
                                    number=int(number) if number and number.isdigit() else None)
    if version is None:
        raise Http404
    sheet = worksheet_from_dict(version.data)
    result = compute(sheet)
    what_if_form, what_if = _what_if(request, sheet, result.tkdn_percent)
    bmp = selectors.bmp_of(user=request.user, organisation=worksheet.organisation)
    return render(request, "tkdn/worksheet.html", {
        "worksheet": worksheet, "version": version, "sheet": sheet,
        "result": result, "shortfalls": shortfalls(sheet, limit=5),
        "factors": [(label, result.factors[f]) for f, label in _factor_labels().items()],
        "warnings": [warning_text(w) for w in result.warnings],
        "what_if_form": what_if_form, "what_if": what_if,
        "thresholds": {"preference": TKDN_MIN_FOR_PREFERENCE,
                       "tier_a": TKDN_PLUS_BMP_TIER_A},
        "bmp": bmp, "tkdn_plus_bmp": version.tkdn_percent + (bmp.bmp_percent if bmp else 0),
        "versions": worksheet.versions.order_by("-number"),
        "lines": {f: list(enumerate(sheet.lines(f))) for f in FACTORS},
        "may_change": permissions.may(request.user, permissions.CHANGE,
                                      worksheet.organisation),
    })


def _version_for_export(request, worksheet_id):
    worksheet = _worksheet(request, worksheet_id)
    number = request.GET.get("v")
    version = selectors.version_get(worksheet=worksheet,
                                    number=int(number) if number and number.isdigit() else None)
    if version is None:
        raise Http404
    return worksheet, version


def _slug(worksheet, version):
    safe = "".join(c if c.isalnum() else "-" for c in worksheet.product).strip("-")[:60]
    return f"tkdn-{safe}-v{version.number}"


@login_required
def worksheet_xlsx(request, worksheet_id):
    worksheet, version = _version_for_export(request, worksheet_id)
    response = HttpResponse(write_xlsx(worksheet_from_dict(version.data)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_slug(worksheet, version)}.xlsx"'
    return response


@login_required
def worksheet_pdf_view(request, worksheet_id):
    worksheet, version = _version_for_export(request, worksheet_id)
    bmp = selectors.bmp_of(user=request.user, organisation=worksheet.organisation)
    pdf = worksheet_pdf(version=version, organisation=worksheet.organisation,
                        bmp_percent=bmp.bmp_percent if bmp else None)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_slug(worksheet, version)}.pdf"'
    return response


def _import_target(org, target: str | None) -> Worksheet | None:
    """The worksheet chosen by its public id (None: a new one); DoesNotExist for an id
    that is not one of the organisation's worksheets."""
    if not target:
        return None
    try:
        public_id = uuid.UUID(target)
    except ValueError as exc:
        raise Worksheet.DoesNotExist from exc
    return Worksheet.objects.filter(organisation=org).get(public_id=public_id)


@login_required
def worksheet_import(request, org_pk: int):
    """An XLSX worksheet (the same three sheets as the export) becomes a new worksheet, or a
    new version of the chosen one."""
    org = _supplier(request, org_pk)
    _changeable(request, org)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data["file"]
            data, rows = read_xlsx(upload.read(), file_name=upload.name)
            worksheet = _import_target(org, request.POST.get("worksheet"))
            data.setdefault("product", form.cleaned_data["file"].name.rsplit(".", 1)[0])
            version = services.worksheet_save(by=request.user, organisation=org,
                                              worksheet=worksheet, data=data)
        except XlsxError as exc:
            form.add_error("file", str(exc))
        except Worksheet.DoesNotExist:
            form.add_error(None, _("That worksheet does not exist."))
        except ValidationError as exc:
            for path, errors in errors_by_field(exc).items():
                form.add_error("file", [f"{workbook_place(path, rows)}: {e}" for e in errors])
        else:
            messages.success(request, _("Imported as version %(n)s.") % {"n": version.number})
            return redirect("tkdn:worksheet", worksheet_id=version.worksheet.public_id)
    return render(request, "tkdn/import.html", {
        "org": org, "form": form,
        "worksheets": Worksheet.objects.filter(organisation=org)})


@login_required
def bmp_edit(request, org_pk: int):
    org = _supplier(request, org_pk)
    _changeable(request, org)
    current = selectors.bmp_of(user=request.user, organisation=org)
    form = BmpForm(request.POST or None, claims=current.claims if current else ())
    if request.method == "POST" and form.is_valid():
        declaration = services.bmp_declare(by=request.user, organisation=org,
                                           claims=form.claims())
        messages.success(request, _("BMP saved: %(v)s%%.") % {
            "v": localized_number(declaration.bmp_percent, 2)})
        return redirect("tkdn:overview", org_pk=org.pk)
    return render(request, "tkdn/bmp.html", {"org": org, "form": form})


@login_required
def certificate_new(request, org_pk: int):
    org = _supplier(request, org_pk)
    _changeable(request, org)
    form = CertificateForm(request.POST or None, initial={"bmp_percent": Decimal(0)})
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_record(by=request.user, organisation=org, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Certificate recorded."))
            return redirect("tkdn:overview", org_pk=org.pk)
    return render(request, "tkdn/certificate_form.html", {"org": org, "form": form,
                                                          "today": clock.today()})
