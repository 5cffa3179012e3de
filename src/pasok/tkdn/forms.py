
from django import forms
from django.utils.translation import gettext_lazy as _

from pasok.rules.bmp import FACTORS as BMP_FACTORS
from pasok.rules.tkdn_json import json_number
from pasok.web.file_limits import LimitedFileField
from pasok.web.formatting import localized_number
from pasok.web.number_fields import DecimalField, MoneyField, PercentField

from .models import REGIME_CHOICES
from .xlsx_io import FILE_LIMIT


class WorksheetForm(forms.Form):
    product = forms.CharField(label=_("Product"), max_length=200)
    regime = forms.ChoiceField(label=_("Regime"), choices=REGIME_CHOICES)
    uncertified = forms.ChoiceField(
        label=_("Domestic material without a TKDN certificate counts"), initial="declared",
        required=False,
        choices=[("declared", _("at the share declared (self-assessment)")),
                 ("foreign", _("as foreign, 0% (as a verifier counts unproven data)"))])


class _LineForm(forms.Form):
    name = forms.CharField(label=_("Description"), max_length=200)
    domestic_percent = PercentField(label=_("Local content (%)"))
    certificate = forms.CharField(label=_("TKDN certificate no."), max_length=100,
                                  required=False)

    def line(self) -> dict | None:
        """The line as worksheet JSON; None for a blank extra row or a deleted one."""
        if self.cleaned_data.get("DELETE") or (not self.initial and not self.has_changed()):
            return None
        return {key: json_number(value) for key, value in self.cleaned_data.items()
                if key != "DELETE" and value not in (None, "")}


class MaterialLineForm(_LineForm):
    quantity = DecimalField(label=_("Quantity"), min_value=0, max_digits=14, decimal_places=4)
    unit_price = MoneyField(label=_("Unit price (Rp)"))
    origin = forms.ChoiceField(label=_("Origin"), required=False, choices=[
        ("", "–"), ("domestic", _("domestic")), ("import", _("import"))])
    field_order = ["name", "origin", "quantity", "unit_price", "domestic_percent",
                   "certificate"]


class CostLineForm(_LineForm):
    cost = MoneyField(label=_("Cost (Rp)"))
    field_order = ["name", "cost", "domestic_percent", "certificate"]


class OverheadLineForm(CostLineForm):
    category = forms.ChoiceField(label=_("Kind of overhead"), required=False, choices=[
        ("", "–"), ("energy", _("energy")), ("machine_domestic", _("depreciation, domestic "
                                                                     "machine")),
        ("machine_imported", _("depreciation, imported machine")), ("tools", _("tools")),
        ("other", _("other"))])
    field_order = ["name", "category", "cost", "domestic_percent", "certificate"]


MaterialFormSet = forms.formset_factory(MaterialLineForm, extra=1, can_delete=True)
CostFormSet = forms.formset_factory(CostLineForm, extra=1, can_delete=True)
OverheadFormSet = forms.formset_factory(OverheadLineForm, extra=1, can_delete=True)


class ImportForm(forms.Form):
    file = LimitedFileField(limit=FILE_LIMIT, label=_("Worksheet (.xlsx)"))


class WhatIfForm(forms.Form):
    """Replace one line by a domestic, certified product (pasok.rules.tkdn_advice.tkdn_if).
    `lines`: the choices, `factor-index` with a label."""

    line = forms.ChoiceField(label=_("Line"))
    percent = PercentField(label=_("Local content of the replacement (%)"))

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = lines


class BmpForm(forms.Form):
    """One checkbox and one evidence field per factor of Permenperin 35/2025."""

    def __init__(self, *args, claims=(), **kwargs):
        super().__init__(*args, **kwargs)
        claimed = {c["factor"]: c.get("evidence", "") for c in claims}
        for code, score in BMP_FACTORS.items():
            self.fields[f"{code}"] = forms.BooleanField(
                label=f"{BMP_FACTOR_LABELS[code]} ({localized_number(score)}%)", required=False,
                initial=code in claimed)
            self.fields[f"{code}__evidence"] = forms.CharField(
                label=_("Evidence"), required=False, max_length=300,
                initial=claimed.get(code, ""))

    def rows(self):
        return [(self[code], self[f"{code}__evidence"]) for code in BMP_FACTORS]

    def clean(self):
        data = super().clean()
        for code in BMP_FACTORS:
            if data.get(code) and not data.get(f"{code}__evidence", "").strip():
                self.add_error(f"{code}__evidence",
                               _("Say what shows this (a document, a figure)."))
        return data

    def claims(self) -> list[dict]:
        d = self.cleaned_data
        return [{"factor": code, "evidence": d[f"{code}__evidence"].strip()}
                for code in BMP_FACTORS if d.get(code)]


BMP_FACTOR_LABELS = {
    "labour_absorption": _("Labour absorption"),
    "new_investment": _("New investment"),
    "partnership": _("Partnership and supply-chain strengthening"),
    "pioneer_import_substitution": _("Pioneer industry / import substitution"),
    "domestic_machinery": _("Use of domestic machinery"),
    "location": _("Location (designated areas)"),
    "domestic_brand": _("Domestic brand"),
    "industry_4_0": _("Industry 4.0"),
    "green_industry": _("Green industry"),
    "hr_development": _("Human-resource development"),
    "export_value": _("Export value"),
    "certification": _("Certification"),
    "esg": _("Environmental, social and governance (ESG)"),
    "awards": _("Awards"),
    "siinas_reporting": _("SIINas reporting"),
}


class CertificateForm(forms.Form):
    self_declared = forms.BooleanField(
        label=_("Self-declared (small industry, no verifier yet)"), required=False)
    number = forms.CharField(label=_("Certificate number"), max_length=100, required=False)
    verifier = forms.CharField(label=_("Verifier"), max_length=200, required=False,
                               help_text=_("e.g. PT Sucofindo, PT Surveyor Indonesia"))
    regime = forms.ChoiceField(label=_("Regime"), choices=REGIME_CHOICES)
    product = forms.CharField(label=_("Product"), max_length=200)
    tkdn_percent = PercentField(label=_("TKDN (%)"), max_digits=5, decimal_places=2)
    bmp_percent = PercentField(label=_("BMP (%)"), max_value=15, max_digits=4,
                               decimal_places=2, initial=0)
    issued_on = forms.DateField(label=_("Issued on"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty: 5 years under 35/2025, 3 years under 16/2011."))
