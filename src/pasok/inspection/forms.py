"""The inspection form: the nonconforming units of the sample, what was found by kind (units
and measured values), and for a lot not accepted the units sorting found good."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from pasok.web.number_fields import IntegerField

from .models import NonconformityKind
from .services import Finding

_SEPARATORS = re.compile(r"[\s;]+")


class InspectionForm(forms.Form):
    nonconforming = IntegerField(
        label=_("Nonconforming units in the sample"), min_value=0)
    sorted_accepted_quantity = IntegerField(
        label=_("Units accepted after sorting (lot not accepted)"), min_value=0,
        required=False,
        help_text=_("Only when the lot is not accepted and was sorted unit by unit; leave "
                    "empty to reject the whole lot."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in NonconformityKind.values:
            self.fields[f"{kind}_count"] = IntegerField(
                label=_("Units"), min_value=1, required=False)
            self.fields[f"{kind}_values"] = forms.CharField(
                label=_("Measured values"), required=False, max_length=1000,
                help_text=(_("Brinell hardness readings in HB, separated by spaces "
                             "(typically 197-255 HB).") if kind == NonconformityKind.HARDNESS
                           else _("Separated by spaces; leave empty when nothing is "
                                  "measured.")))
            self.fields[f"{kind}_note"] = forms.CharField(label=_("Note"), required=False,
                                                          max_length=500)

    def kinds(self):
        """Each kind's label and its three fields, for the template."""
        return [(kind, label, self[f"{kind}_count"], self[f"{kind}_values"],
                 self[f"{kind}_note"]) for kind, label in NonconformityKind.choices]

    def findings(self) -> tuple[list[Finding], dict[str, str]]:
        """The findings typed, and the form's field for each service path of them."""
        findings, fields = [], {}
        for kind, _label in NonconformityKind.choices:
            count = self.cleaned_data.get(f"{kind}_count")
            values = self.cleaned_data.get(f"{kind}_values", "").strip()
            note = self.cleaned_data.get(f"{kind}_note", "")
            if count is None and not values and not note:
                continue
            i = len(findings)
            fields.update({f"findings[{i}].count": f"{kind}_count",
                           f"findings[{i}].kind": f"{kind}_count",
                           f"findings[{i}].measured_values": f"{kind}_values"})
            findings.append(Finding(kind, count or 0,
                                    [v for v in _SEPARATORS.split(values) if v], note))
        return findings, fields


class NcrAnswerForm(forms.Form):
    root_cause = forms.CharField(label=_("Root cause"), max_length=4000,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    corrective_action = forms.CharField(label=_("Corrective action"), max_length=4000,
                                        widget=forms.Textarea(attrs={"rows": 4}))
