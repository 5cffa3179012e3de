"""Numbers in the suppliers and allocation forms go through pasok.web.number_fields, and no
raw constraint name reaches a page."""

import inspect
from decimal import Decimal

import pytest
from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint

from pasok.accounts.models import Organisation
from pasok.allocation import forms as allocation_forms
from pasok.allocation import models as allocation_models
from pasok.suppliers import forms as supplier_forms
from pasok.suppliers import models as supplier_models
from pasok.suppliers.models import Furnace
from pasok.web import number_fields

DJANGO_NUMBERS = (django_forms.IntegerField, django_forms.DecimalField, django_forms.FloatField)


def _form_classes():
    for module in (supplier_forms, allocation_forms):
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, django_forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def _is_ours(field) -> bool:
    return isinstance(field, number_fields._Localised)


@pytest.mark.parametrize("form_class", list(_form_classes()), ids=lambda c: c.__name__)
def test_every_numeric_field_reads_the_active_language(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field, DJANGO_NUMBERS):
            assert _is_ours(field), f"{form_class.__name__}.{name}"


@pytest.mark.django_db
def test_the_offers_grid_is_made_of_number_fields(cluster):
    from tests.allocation.factories import demo_like_plan

    plan, _members = demo_like_plan(cluster)
    form = allocation_forms.OffersForm(lines=list(plan.lines.all()),
                                       members=list(plan.members.all()))
    assert form.fields and all(_is_ours(f) for f in form.fields.values())


def test_indonesian_numbers_are_read_as_written():
    line = allocation_forms.LineForm({"buyer": "PT KAI", "product": "Blok rem",
                                      "unit_weight_kg": "2,5", "demand": "1.000 1.200",
                                      "max_share_percent": "35,5%"}, lots=None)
    assert line.is_valid(), line.errors
    assert line.cleaned_data["unit_weight_kg"] == Decimal("2.5")
    assert line.cleaned_data["demand"] == [1000, 1200]
    assert line.cleaned_data["max_share_percent"] == Decimal("35.5")
    # The old field stripped "." and "," and read "2,5" as 25 units.
    wrong = allocation_forms.LineForm({"buyer": "PT KAI", "product": "Blok rem",
                                       "unit_weight_kg": "2", "demand": "2,5",
                                       "max_share_percent": "35"}, lots=None)
    assert not wrong.is_valid() and "demand" in wrong.errors
    offer_penalty = allocation_forms.PlanForm({"title": "x", "first_month": "2027-01",
                                               "months": "6", "unmet_penalty": "Rp1.000.000"})
    assert offer_penalty.is_valid() and offer_penalty.cleaned_data["unmet_penalty"] == 1_000_000


def test_organisation_money_and_coordinates_are_number_fields():
    form = supplier_forms.OrganisationForm()
    assert isinstance(form.fields["business_capital"], number_fields.MoneyField)
    assert isinstance(form.fields["annual_sales"], number_fields.MoneyField)
    assert _is_ours(form.fields["latitude"]) and _is_ours(form.fields["longitude"])
    assert _is_ours(supplier_forms.FurnaceForm().fields["tonnes_per_heat"])
    assert _is_ours(supplier_forms.ProductForm().fields["unit_weight_kg"])


def test_a_furnace_prints_its_numbers_the_indonesian_way():
    assert str(Furnace(kind="cupola", tonnes_per_heat=Decimal("1.00"), count=2)) == \
        "2 × Kupola 1 t"
    assert str(Furnace(kind="cupola", tonnes_per_heat=Decimal("1.50"), count=1)).endswith(
        "1,5 t")


def _check_constraints():
    for module in (supplier_models, allocation_models):
        for _name, model in inspect.getmembers(module, inspect.isclass):
            if model.__module__ == module.__name__ and hasattr(model, "_meta") \
                    and not model._meta.abstract:
                for constraint in model._meta.constraints:
                    if isinstance(constraint, CheckConstraint):
                        yield model, constraint


@pytest.mark.parametrize(("model", "constraint"), list(_check_constraints()),
                         ids=lambda x: getattr(x, "name", getattr(x, "__name__", "")))
def test_every_check_constraint_speaks_to_people(model, constraint):
    message = str(constraint.get_violation_error_message())
    assert constraint.name not in message and "violated" not in message.lower()


@pytest.mark.django_db
def test_a_broken_constraint_says_what_is_wrong(cluster):
    furnace = Furnace(profile=cluster.supplier_a.profile, kind="cupola",
                      tonnes_per_heat=Decimal(1), count=0)
    with pytest.raises(ValidationError) as exc:
        furnace.validate_constraints()
    assert "furnace_count_positive" not in str(exc.value)
    assert Organisation.objects.filter(pk=cluster.supplier_a.pk).exists()
