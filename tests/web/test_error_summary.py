"""The error summary above a form: every field's error linked to the field, errors of the
whole form and of a formset without a link, nothing for a form not yet sent."""

from django import forms
from django.forms import formset_factory
from django.template import Context, Template

from pasok.web.error_summary import Problem, problems


class _Form(forms.Form):
    nib = forms.CharField(label="NIB", max_length=13)
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Periksa lagi.")


def test_field_errors_link_to_their_field_and_form_errors_come_first():
    form = _Form({"nib": "1" * 20})
    assert problems(form) == [
        Problem("Periksa lagi."),
        Problem("Pastikan nilai ini mengandung paling banyak 13 karakter (sekarang 20 karakter).",
                "NIB", "#id_nib"),
        Problem("Kolom ini wajib diisi."),  # hidden: nothing to link to
    ]


def test_a_form_not_sent_has_no_problems():
    assert problems(_Form(), None, "") == []  # "": a variable the page does not have


def test_a_formset_names_its_rows():
    rows = formset_factory(_Form, max_num=1, validate_max=True)(
        {"row-TOTAL_FORMS": "2", "row-INITIAL_FORMS": "0", "row-0-nib": "1" * 20,
         "row-0-token": "t", "row-1-nib": "2", "row-1-token": "t"}, prefix="row")
    assert [(p.label, p.href) for p in problems(rows)] == [
        ("", ""),  # too many rows: the formset's own error
        ("", ""), ("Baris 1, NIB", "#id_row-0-nib"), ("", "")]


def test_the_summary_is_announced_and_focusable():
    html = Template("{% error_summary form %}").render(Context({"form": _Form({"nib": ""})}))
    assert 'role="alert"' in html and 'tabindex="-1"' in html
    assert '<a href="#id_nib">NIB: Kolom ini wajib diisi.</a>' in html
    assert "Ada 3 masalah" in html
    assert Template("{% error_summary form %}").render(Context({"form": _Form()})).strip() == ""
