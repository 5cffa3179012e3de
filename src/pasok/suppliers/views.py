from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.services import organisation_update
from pasok.tkdn.selectors import certificates_of
from pasok.web.form_errors import Rows, add_service_errors
from pasok.web.paging import page_of

from . import exports, fit, selectors
from .capacity_chart import capacity_chart
from .forms import (
    CertificateFormSet,
    FurnaceFormSet,
    OrganisationForm,
    ProductFormSet,
    ProfileForm,
    SearchForm,
)
from .models import Product
from .services import profile_save

PAGE_SIZE = 20


def _search_form(request, *, bound: bool) -> SearchForm:
    """The search filters; an export is always bound (no filters = everything visible)."""
    if not permissions.may_search_suppliers(request.user):
        raise PermissionDenied
    return SearchForm(request.GET if bound else (request.GET or None))


@login_required
def search(request):
    form = _search_form(request, bound=False)
    page = criteria = None
    if form.is_bound and form.is_valid():
        criteria = form.criteria()
        results = selectors.search_suppliers(user=request.user, criteria=criteria)
        page = page_of(results, request.GET.get("page"), PAGE_SIZE)
        prefetch_related_objects(page.object_list, "profile__grades", "profile__processes")
        for org in page.object_list:
            org.fit = fit.reasons(org, criteria)
    return render(request, "suppliers/search.html", {
        "form": form, "page": page,
        "month": criteria.asked_month if criteria else None})


@login_required
def export(request, fmt: str):
    form = _search_form(request, bound=True)
    if not form.is_valid():
        return redirect("suppliers:search")
    criteria = form.criteria()
    results = selectors.search_suppliers(user=request.user, criteria=criteria)
    name = f"pasok-suppliers-{clock.now():%Y%m%d-%H%M}"
    respond = exports.csv_response if fmt == "csv" else exports.xlsx_response
    return respond(results, name, criteria.asked_month)


@login_required
def organisation(request, pk: int):
    org = selectors.organisation_get(user=request.user, pk=pk)
    profile = getattr(org, "profile", None) if org.is_supplier_side else None
    if profile:
        prefetch_related_objects([profile], "certificates", Prefetch(
            "products", queryset=Product.objects.select_related("grade")))
    calendar = (selectors.capacity_calendar(user=request.user, organisation=org)
                if profile else [])
    may = permissions.allowed(request.user, org, (permissions.CHANGE,
                                                  permissions.VIEW_PRIVATE, permissions.VERIFY))
    return render(request, "suppliers/organisation.html", {
        "org": org,
        "profile": profile,
        "calendar": calendar,
        "chart": capacity_chart(calendar) if calendar else None,
        "coming": next((m for m in calendar if m.month == selectors.coming_month()), None),
        "today": clock.today(),
        "may_change": permissions.CHANGE in may,
        "may_view_private": permissions.VIEW_PRIVATE in may,
        "tkdn_certificates": (certificates_of(user=request.user, organisation=org)
                              if org.is_supplier_side else []),
        "may_verify": (org.is_supplier_side and not org.is_verified
                       and permissions.VERIFY in may),
        "members": (org.members.visible_to(request.user).order_by("name")
                    if org.is_cooperative else None),
        "may_read_scorecard": (org.is_supplier_side or org.is_buyer)
        and permissions.may_read_scorecard(request.user, org),
    })


def _children_initial(profile):
    return (
        [{"kind": f.kind, "tonnes_per_heat": f.tonnes_per_heat, "count": f.count}
         for f in profile.furnaces.all()],
        [{"kind": c.kind, "number": c.number, "product": c.product, "issued_on": c.issued_on,
          "valid_until": c.valid_until} for c in profile.certificates.all()],
        [{"name": p.name, "grade": p.grade, "unit_weight_kg": p.unit_weight_kg,
          "photo": p.photo} for p in profile.products.all()],
    )


def _rows(formset):
    return [row for form in formset.forms if (row := form.row()) is not None]


def _sent_rows(forms) -> dict[str, Rows]:
    """The furnaces, certificates and products as profile_save got them (`products[1]` is
    the second product sent)."""
    return {key: Rows(forms[key], [f for f in forms[key].forms if f.row() is not None])
            for key in ("furnaces", "certificates", "products") if key in forms}


@login_required
def edit(request, pk: int):
    org = selectors.organisation_get(user=request.user, pk=pk)
    if not permissions.may(request.user, permissions.CHANGE, org):
        raise PermissionDenied
    profile = getattr(org, "profile", None) if org.is_supplier_side else None
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    org_form = OrganisationForm(data, instance=org, prefix="org")
    forms = {"org_form": org_form}
    if profile is not None:
        furnaces, certificates, products = _children_initial(profile)
        forms |= {
            "profile_form": ProfileForm(data, prefix="p", initial={
                "processes": list(profile.processes.values_list("pk", flat=True)),
                "grades": list(profile.grades.values_list("pk", flat=True)),
                "weight_min_kg": profile.weight_min_kg, "weight_max_kg": profile.weight_max_kg,
                "monthly_capacity_kg": profile.monthly_capacity_kg,
                "workforce_total": profile.workforce_total,
                "workforce_women": profile.workforce_women,
                "description": profile.description,
                "buyers_served": "\n".join(profile.buyers_served)}),
            "furnaces": FurnaceFormSet(data, prefix="furnace", initial=furnaces),
            "certificates": CertificateFormSet(data, prefix="cert", initial=certificates),
            "products": ProductFormSet(data, files, prefix="product", initial=products),
        }
    if request.method == "POST" and all(f.is_valid() for f in forms.values()):
        try:
            _save(request.user, org, forms)
        except ValidationError as exc:
            add_service_errors([f for key in ("org_form", "profile_form")
                                if (f := forms.get(key)) is not None], exc, _sent_rows(forms))
        else:
            messages.success(request, _("Saved."))
            return redirect("suppliers:organisation", pk=org.pk)
    return render(request, "suppliers/edit.html", {"org": org, **forms})


@transaction.atomic
def _save(user, org, forms):
    fields = {f: forms["org_form"].cleaned_data[f] for f in forms["org_form"].Meta.fields}
    organisation_update(by=user, organisation=org, **fields)
    if "profile_form" in forms:
        p = dict(forms["profile_form"].cleaned_data)
        profile_save(by=user, organisation=org,
                     processes=p.pop("processes"), grades=p.pop("grades"), fields=p,
                     furnaces=_rows(forms["furnaces"]),
                     certificates=_rows(forms["certificates"]),
                     products=_rows(forms["products"]))
