"""No raw constraint names in front of people ("Batasan “furnace_tonnes_positive” dilanggar"):
every constraint of every Pasok model carries a sentence of its own, translated."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import BaseConstraint
from django.utils import translation
from django.utils.functional import Promise


def _constraints():
    for model in apps.get_models():
        if model.__module__.startswith("pasok."):
            for constraint in model._meta.constraints:
                yield f"{model._meta.label}.{constraint.name}", constraint


def test_there_are_constraints_to_check():
    assert len(list(_constraints())) >= 30


def test_every_constraint_has_a_human_translated_message():
    missing = [name for name, c in _constraints()
               if c.violation_error_message == BaseConstraint.default_violation_error_message
               or not isinstance(c.violation_error_message, Promise)]
    assert missing == [], "constraints without violation_error_message=_(...)"
    def speaks(language, constraint):
        with translation.override(language):
            return str(constraint.violation_error_message)

    untranslated = [name for name, c in _constraints() if speaks("id", c) == speaks("en", c)]
    assert untranslated == [], "messages missing from the Indonesian catalogue"


def test_no_message_names_its_constraint():
    for name, constraint in _constraints():
        assert constraint.name not in constraint.get_violation_error_message(), name


@pytest.mark.django_db
def test_a_broken_check_reads_as_a_sentence(cluster):
    from pasok.suppliers.models import Furnace

    furnace = Furnace(profile=cluster.supplier_a.profile, kind=Furnace._meta.get_field(
        "kind").choices[0][0], tonnes_per_heat=Decimal(0), count=1)
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        furnace.full_clean()
    text = " ".join(exc.value.messages)
    assert "furnace_tonnes_positive" not in text and "lebih dari nol" in text


@pytest.mark.django_db
def test_a_percent_sign_survives_the_message(cluster):
    import datetime as dt

    from pasok.tenders.models import Tender

    tender = Tender(buyer=cluster.buyer_x, reference="X-1", title="x",
                    max_preference_percent=Decimal(30), created_at=dt.datetime.now(dt.UTC),
                    bid_deadline=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                    opening_time=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        tender.full_clean()
    assert "The price preference is between 0% and 25%." in exc.value.messages
