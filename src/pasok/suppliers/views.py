from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.services import organisation_update
from pasok.tkdn.selectors import certificates_of
from pasok.web.form_errors import errors_by_field

from . import exports, selectors
from .forms import (
    CertificateFormSet,
    FurnaceFormSet,
    OrganisationForm,
    ProductFormSet,
    ProfileForm,
    SearchForm,
)
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
    page = None
    if form.is_bound and form.is_valid():
        results = selectors.search_suppliers(user=request.user, criteria=form.criteria())
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list.prefetch_related("profile__grades",
                                                                  "profile__processes"))
    return render(request, "suppliers/search.html", {"form": form, "page": page})


@login_required
def export(request, fmt: str):
    form = _search_form(request, bound=True)
    if not form.is_valid():
        return redirect("suppliers:search")
    results = selectors.search_suppliers(user=request.user, criteria=form.criteria())
    name = f"pasok-suppliers-{clock.now():%Y%m%d-%H%M}"
    if fmt == "csv":
        return exports.csv_response(results, name)
    return exports.xlsx_response(results, name)


@login_required
def organisation(request, pk: int):
    org = selectors.organisation_get(user=request.user, pk=pk)
    profile = getattr(org, "profile", None) if org.is_supplier_side else None
    return render(request, "suppliers/organisation.html", {
        "org": org,
        "profile": profile,
        "today": clock.today(),
        "may_change": permissions.may(request.user, permissions.CHANGE, org),
        "may_view_private": permissions.may(request.user, permissions.VIEW_PRIVATE, org),
        "tkdn_certificates": (certificates_of(user=request.user, organisation=org)
                              if org.is_supplier_side else []),
        "may_verify": (org.is_supplier_side and not org.is_verified
                       and permissions.may(request.user, permissions.VERIFY, org)),
        "members": (org.members.visible_to(request.user).order_by("name")
                    if org.kind == "cooperative" else None),
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
            _attach_errors(forms, exc)
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


def _attach_errors(forms, exc: ValidationError):
    """Show a service's errors next to the field they name, or at the top of the form."""
    org_form, profile_form = forms["org_form"], forms.get("profile_form")
    for field, messages_ in errors_by_field(exc).items():
        target = (org_form if field in org_form.fields
                  else profile_form if profile_form is not None and field in profile_form.fields
                  else org_form)
        target.add_error(field if field in target.fields else None, messages_)
