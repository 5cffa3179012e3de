"""Choosing organisations by typing them (web.pick.PickField with accounts.picking): the
label the box shows, a whole name, a part only one bears, the NIB; what matches none or
several is named, and the text stays as typed."""

import pytest
from django import forms

from pasok.accounts import picking
from pasok.accounts.models import Organisation
from pasok.web.pick import PickField

pytestmark = pytest.mark.django_db


class Choose(forms.Form):
    one = PickField(required=False, label_of=picking.label, find=picking.find,
                    error_messages=picking.ERRORS)
    some = PickField(required=False, many=True, label_of=picking.label, find=picking.find,
                     error_messages=picking.ERRORS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.queryset = Organisation.objects.supplier_side()


def _chosen(**data):
    form = Choose(data)
    assert form.is_valid(), form.errors
    return form.cleaned_data


def test_a_foundry_is_typed_by_its_label_name_part_or_nib(cluster):
    a = cluster.supplier_a
    assert picking.label(a) == "CV Logam Sejahtera — Klaten"
    for typed in ("CV Logam Sejahtera — Klaten", "cv logam sejahtera", "Logam Sej",
                  a.nib, "  CV Logam Sejahtera  "):
        assert _chosen(one=typed)["one"] == a, typed
    assert _chosen(one="")["one"] is None and _chosen(some="")["some"] == []


def test_several_are_separated_by_semicolons_in_the_order_typed(cluster):
    assert _chosen(some="UD Sinar Besi; CV Logam Sejahtera — Klaten;")["some"] == [
        cluster.member, cluster.supplier_a]


def test_what_matches_none_or_several_is_named_and_kept_as_typed(cluster):
    # "UD" begins two names: UD Cor Makmur (Boyolali) and UD Sinar Besi (Klaten).
    form = Choose({"one": "UD", "some": "Sinar; Pengecoran Tidak Ada"})
    assert not form.is_valid()
    [several] = form.errors["one"]
    assert "“UD”" in several and "UD Cor Makmur — Boyolali" in several
    assert "UD Sinar Besi — Klaten" in several
    [none] = form.errors["some"]
    assert "“Pengecoran Tidak Ada”" in none
    assert 'value="UD"' in str(form["one"])
    assert "Sinar; Pengecoran Tidak Ada" in str(form["some"])


def test_a_label_names_the_regency_when_two_share_a_name(cluster):
    Organisation.objects.filter(pk=cluster.supplier_b.pk).update(name="UD Sinar Besi")
    assert not Choose({"one": "UD Sinar Besi"}).is_valid()
    assert _chosen(one="UD Sinar Besi — Boyolali")["one"] == cluster.supplier_b


def test_suggestions_are_labels_of_names_containing_the_text(cluster):
    suppliers = Organisation.objects.supplier_side()
    assert picking.suggestions(suppliers, "besi") == ["UD Sinar Besi — Klaten"]
    assert picking.suggestions(suppliers, "b") == []  # one letter: too many to help
