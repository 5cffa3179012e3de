"""Writes to capability profiles. Keyword-only, atomic, audited."""


from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.accounts.models import Organisation
from pasok.audit.services import audit_record
from pasok.web.formatting import localized_number

from . import bounds
from .bounds import MAX_CASTING_WEIGHT_KG, MAX_MONTHLY_CAPACITY_KG
from .catalogue import FURNACE_KINDS, MATERIAL_FAMILIES, PROCESSES
from .models import Certificate, Furnace, MaterialGrade, Process, Product, SupplierProfile

PROFILE_FIELDS = ("weight_min_kg", "weight_max_kg", "monthly_capacity_kg", "workforce_total",
                  "workforce_women", "description", "buyers_served")


def profile_ensure(*, organisation: Organisation) -> SupplierProfile:
    """The organisation's profile; a new one is found by the name and place at once."""
    profile, created = SupplierProfile.objects.get_or_create(
        organisation=organisation, defaults={"updated_at": clock.now()}
    )
    if created:
        profile.search_text = build_search_text(profile)
        profile.save(update_fields=["search_text"])
    return profile


def _labels_in_every_language(labels: dict, codes) -> list[str]:
    """What the pages call these codes, in each language, so a buyer finds "pasir basah"
    and "green-sand" alike."""
    words = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            words += [str(labels[code]) for code in codes if code in labels]
    return words


def build_search_text(profile: SupplierProfile) -> str:
    org = profile.organisation
    grades = list(profile.grades.all())
    words = [org.name, org.regency, org.district, org.province, profile.description,
             *profile.buyers_served,
             *(g.code for g in grades),
             *_labels_in_every_language(dict(MATERIAL_FAMILIES), {g.family for g in grades}),
             *_labels_in_every_language(dict(PROCESSES),
                                        [p.pk for p in profile.processes.all()]),
             *_labels_in_every_language(dict(FURNACE_KINDS),
                                        {f.kind for f in profile.furnaces.all()}),
             *(p.name for p in profile.products.all())]
    return " ".join(w for w in words if w).lower()


def profile_reindex(*, organisation: Organisation) -> None:
    profile = profile_ensure(organisation=organisation)
    profile.search_text = build_search_text(profile)
    profile.save(update_fields=["search_text"])


def check_profile_fields(fields: dict) -> None:
    errors = {}
    capacity = fields.get("monthly_capacity_kg")
    if capacity is not None and capacity < 0:
        errors["monthly_capacity_kg"] = _("Capacity cannot be negative.")
    elif capacity is not None and capacity > MAX_MONTHLY_CAPACITY_KG:
        errors["monthly_capacity_kg"] = _(
            "%(value)s kg a month is more than any single foundry melts; check the unit "
            "(kilograms per month).") % {"value": localized_number(capacity)}
    low, high = fields.get("weight_min_kg"), fields.get("weight_max_kg")
    for name, value in (("weight_min_kg", low), ("weight_max_kg", high)):
        if value is not None and value <= 0:
            errors[name] = _("A casting weight must be more than 0 kg.")
        elif value is not None and value > MAX_CASTING_WEIGHT_KG:
            errors[name] = _("A casting weight above 100 t is not plausible; check the unit (kg).")
    if low is not None and high is not None and low > high and "weight_min_kg" not in errors:
        errors["weight_min_kg"] = _("The minimum weight is above the maximum weight.")
    total, women = fields.get("workforce_total"), fields.get("workforce_women")
    for name, value in (("workforce_total", total), ("workforce_women", women)):
        if value is not None and value < 0:
            errors[name] = _("A number of people cannot be negative.")
        elif value is not None and (problem := bounds.PROFILE[name].problem(value)):
            errors[name] = problem
    if total is not None and women is not None and women > total and not errors.get(
            "workforce_women"):
        errors["workforce_women"] = _("More women than the whole workforce.")
    if errors:
        raise ValidationError(errors)


def _known(model, codes, field):
    codes = list(dict.fromkeys(codes))
    found = {obj.pk: obj for obj in model.objects.filter(pk__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError({field: _("Unknown: %(codes)s.") % {"codes": ", ".join(unknown)}})
    return [found[c] for c in codes]


def _replace_children(profile, model, rows: list[dict]) -> None:
    model.objects.filter(profile=profile).delete()
    objs = []
    for index, row in enumerate(rows):
        obj = model(profile=profile, **row)
        try:
            obj.full_clean(exclude=["profile"])
        except ValidationError as exc:
            name = model._meta.model_name + "s"  # furnaces, certificates, products
            raise ValidationError({f"{name}[{index}].{k}": v
                                   for k, v in exc.message_dict.items()}) from exc
        objs.append(obj)
    model.objects.bulk_create(objs)


def _picture(profile: SupplierProfile) -> dict:
    return {
        **{f: getattr(profile, f) for f in PROFILE_FIELDS},
        "processes": sorted(profile.processes.values_list("pk", flat=True)),
        "grades": sorted(profile.grades.values_list("pk", flat=True)),
        "furnaces": [str(f) for f in profile.furnaces.all()],
        "certificates": [f"{c.kind} {c.number} {c.valid_until}" for c in
                         profile.certificates.all()],
        "products": [p.name for p in profile.products.all()],
    }


@requires_actor
@transaction.atomic
def profile_save(*, by: Actor, organisation: Organisation, fields: dict | None = None,
                 processes: list[str] | None = None, grades: list[str] | None = None,
                 furnaces: list[dict] | None = None, certificates: list[dict] | None = None,
                 products: list[dict] | None = None) -> SupplierProfile:
    """Change a capability profile. Lists given replace what was there; None leaves it.

    A service that has decided itself that a person may write here (the bulk import creating
    new suppliers) passes `on_behalf_of(person, organisation)`."""
    if not permissions.may(by, permissions.CHANGE, organisation):
        raise PermissionDenied
    fields = fields or {}
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    profile = profile_ensure(organisation=organisation)
    profile = SupplierProfile.objects.select_for_update().get(pk=profile.pk)
    before = _picture(profile)
    merged = {f: getattr(profile, f) for f in PROFILE_FIELDS} | fields
    check_profile_fields(merged)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.updated_at = clock.now()
    profile.full_clean(exclude=["organisation", "search_text"])
    profile.save()
    if processes is not None:
        profile.processes.set(_known(Process, processes, "processes"))
    if grades is not None:
        profile.grades.set(_known(MaterialGrade, grades, "grades"))
    for model, rows in ((Furnace, furnaces), (Certificate, certificates), (Product, products)):
        if rows is not None:
            _replace_children(profile, model, rows)
    profile.search_text = build_search_text(profile)
    profile.save(update_fields=["search_text"])
    audit_record(actor=by, action="profile.update", obj=profile, organisation=organisation,
                 before=before, after=_picture(profile))
    return profile
