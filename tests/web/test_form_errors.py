"""A service's errors where people look (web/form_errors.py): every view with rows behind
its form (plan lines and members, TKDN lines, tender lots, a cooperative bid's members, a
profile's furnaces) puts them back through add_service_errors."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory

from pasok.web.form_errors import Rows, add_service_errors, in_row


class _Head(forms.Form):
    title = forms.CharField(required=False)


class _Other(forms.Form):
    months = forms.IntegerField(required=False)


class _Line(forms.Form):
    product = forms.CharField(required=False)
    demand = forms.CharField(required=False)


def _lines(*products):
    data = {"line-TOTAL_FORMS": str(len(products)), "line-INITIAL_FORMS": "0"}
    data |= {f"line-{i}-product": p for i, p in enumerate(products)}
    formset = formset_factory(_Line)(data, prefix="line")
    assert formset.is_valid()
    return formset


def _head():
    form = _Head({"title": "Rencana"})
    assert form.is_valid()
    return form


def test_a_path_names_a_field_of_a_row_the_service_got():
    """`lines[1]` counts the rows sent: the empty second row was not."""
    head, lines = _head(), _lines("Blok rem", "", "Bracket")
    sent = [f for f in lines.forms if f.cleaned_data.get("product")]
    add_service_errors(head, ValidationError({"lines[1].demand": ["Satu angka tiap bulan."],
                                              "lines[0]": ["Baris ini ganda."]}),
                       {"lines": Rows(lines, sent)})
    assert lines.forms[2].errors == {"demand": ["Satu angka tiap bulan."]}
    assert lines.forms[0].non_field_errors() == ["Baris ini ganda."]
    assert not lines.forms[1].errors and not head.errors


def test_the_list_as_a_whole_goes_above_its_rows_or_the_form_with_its_name():
    head, lines = _head(), _lines("Blok rem")
    add_service_errors(head, ValidationError({"lines": ["Isi satu baris."]}),
                       {"lines": Rows(lines, lines.forms)})
    assert lines.non_form_errors() == ["Isi satu baris."] and not head.errors
    head, lines = _head(), _lines("Blok rem")
    add_service_errors(head, ValidationError({"lines": ["Isi satu baris."],
                                              "lines[5].demand": ["Tidak ada."]}),
                       {"lines": Rows(lines, lines.forms, "Bahan langsung")})
    assert head.non_field_errors() == ["Bahan langsung: Isi satu baris.",
                                       "Bahan langsung: Tidak ada."]


def test_fields_of_several_forms_go_to_whichever_has_them():
    head, other = _head(), _Other({"months": "3"})
    assert other.is_valid()
    add_service_errors([head, other], ValidationError({
        "months": ["1 sampai 36 bulan."], "title": ["Beri judul."], "nib": ["Salah."]}))
    assert other.errors == {"months": ["1 sampai 36 bulan."]}
    assert head.errors == {"title": ["Beri judul."], "__all__": ["Salah."]}


def test_a_plain_list_and_unknown_names_go_above_the_form():
    head = _head()
    add_service_errors(head, ValidationError(["Hanya koperasi."]),
                       {"lines": Rows(_lines(), [])})
    add_service_errors(head, ValidationError({"member-3-floor_percent": ["Di luar."]}))
    assert head.non_field_errors() == ["Hanya koperasi.", "Di luar."]


def test_a_renamed_field_shows_under_the_forms_name():
    class _Bid(forms.Form):
        tkdn_source = forms.CharField(required=False)

    bid = _Bid({})
    assert bid.is_valid()
    add_service_errors(bid, ValidationError({"certificate": ["Sudah kedaluwarsa."]}),
                       renamed={"certificate": "tkdn_source"})
    assert bid.errors == {"tkdn_source": ["Sudah kedaluwarsa."]}


def test_a_row_services_error_becomes_the_lists():
    error = in_row("lots", 2, ValidationError({"quantity": ["Lebih dari 0."]}))
    assert error.message_dict == {"lots[2].quantity": ["Lebih dari 0."]}
    assert in_row("lots", 0, ValidationError("Sudah terbit.")).message_dict == {
        "lots[0]": ["Sudah terbit."]}
