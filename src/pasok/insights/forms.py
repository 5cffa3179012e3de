"""The scenario form: a name, the multipliers with their source, and the changes as rows
(a buyer substitutes imports, a new order from the cluster, a foundry closes). The rows keep
a saved scenario's changes in the JSON rules.scenario_json reads (organisations by id);
services.scenarios checks what they mean against the cluster's data."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pasok.accounts import picking
from pasok.rules.multipliers import DEFAULT
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.web.number_fields import DecimalField, IntegerField, MoneyField, PercentField
from pasok.web.pick import PickField
from pasok.web.shared_choices import SharedChoices

SUBSTITUTE, NEW_ORDER, CLOSE = "substitute", "new_order", "close"
KINDS = (
    (SUBSTITUTE, _("A buyer substitutes imports")),
    (NEW_ORDER, _("A new order from the cluster")),
    (CLOSE, _("A foundry closes")),
)
HUNDRED = Decimal(100)
# The default multipliers' source as a reader reads it; saved as rules.multipliers states it,
# so that the other language's reader reads it in theirs.
DEFAULT_SOURCE = _("Example values of Pasok's documentation (docs/interfaces.md), not BPS "
                   "input–output figures")
_FACTOR = {"min_value": Decimal(1), "max_digits": 6, "decimal_places": 4}


def _pk(value) -> str:
    return str(value.pk)


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    output_type1 = DecimalField(label=_("Output multiplier, type I"), **_FACTOR)
    output_type2 = DecimalField(label=_("Output multiplier, type II"), **_FACTOR)
    employment_type1 = DecimalField(label=_("Employment multiplier, type I"), **_FACTOR)
    employment_type2 = DecimalField(label=_("Employment multiplier, type II"), **_FACTOR)
    multipliers_source = forms.CharField(
        label=_("Source of the multipliers"), max_length=300,
        help_text=_("The input–output table they come from (BPS), or why they are assumed."))
    multipliers_year = IntegerField(label=_("Year of the table"), required=False,
                                    min_value=1971, max_value=2100)

    def clean(self):
        data = super().clean()
        for kind in ("output", "employment"):
            one, two = data.get(f"{kind}_type1"), data.get(f"{kind}_type2")
            if one is not None and two is not None and two < one:
                self.add_error(f"{kind}_type2", _("Type II includes type I's effects: it is "
                                                  "at least as large."))
        return data

    def multipliers(self) -> dict:
        d = self.cleaned_data
        values = {"output": {"type1": str(d["output_type1"]), "type2": str(d["output_type2"])},
                  "employment": {"type1": str(d["employment_type1"]),
                                 "type2": str(d["employment_type2"])}}
        m = DEFAULT.multipliers
        illustrative = (d["output_type1"], d["output_type2"], d["employment_type1"],
                        d["employment_type2"]) == (m.output_type1, m.output_type2,
                                                   m.employment_type1, m.employment_type2)
        return {**values, "source": _source_kept(d["multipliers_source"]),
                "year": d["multipliers_year"],
                "illustrative": illustrative}


def source_shown(source: str) -> str:
    return str(DEFAULT_SOURCE) if source == DEFAULT.source else source


def _source_kept(typed: str) -> str:
    return DEFAULT.source if typed.strip() == str(DEFAULT_SOURCE) else typed


def initial_of(scenario) -> dict:
    """The form's initial values: a saved scenario's, or the default multipliers."""
    if scenario is None:
        m = DEFAULT.multipliers
        return {"output_type1": m.output_type1, "output_type2": m.output_type2,
                "employment_type1": m.employment_type1, "employment_type2": m.employment_type2,
                "multipliers_source": DEFAULT_SOURCE, "multipliers_year": DEFAULT.year}
    m = scenario.multipliers
    return {"name": scenario.name, "description": scenario.description,
            "output_type1": Decimal(m["output"]["type1"]),
            "output_type2": Decimal(m["output"]["type2"]),
            "employment_type1": Decimal(m["employment"]["type1"]),
            "employment_type2": Decimal(m["employment"]["type2"]),
            "multipliers_source": source_shown(m.get("source", "")),
            "multipliers_year": m.get("year")}


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Change"), choices=KINDS)
    buyer = forms.ModelChoiceField(label=_("Buyer"), queryset=None, required=False)
    family = forms.ChoiceField(label=_("Part family"), choices=[("", "---------"),
                                                                *PART_FAMILIES],
                               required=False)
    share_percent = PercentField(label=_("Share substituted (%)"), required=False,
                                 min_value=Decimal(0), max_value=HUNDRED, max_digits=5,
                                 decimal_places=2)
    units_per_month = IntegerField(label=_("New units a month"), required=False, min_value=1)
    unit_price = MoneyField(label=_("Unit price (Rp)"), required=False, min_value=Decimal(0))
    unit_weight_kg = DecimalField(label=_("Unit weight (kg)"), required=False,
                                  min_value=Decimal("0.01"), max_digits=9, decimal_places=2)
    foundries = PickField(
        label=_("Foundries that make the new order"), required=False, many=True,
        label_of=picking.label, find=picking.find, error_messages=picking.ERRORS,
        help_text=_("Their names (or NIBs), separated by “;”. Shared in proportion to their "
                    "workers."))
    foundry = PickField(label=_("Foundry that closes"), required=False,
                        label_of=picking.label, find=picking.find,
                        error_messages=picking.ERRORS,
                        help_text=_("Its name, or its NIB."))

    NEEDS = {SUBSTITUTE: ("buyer", "family", "share_percent"),
             NEW_ORDER: ("buyer", "family", "units_per_month", "unit_price", "foundries"),
             CLOSE: ("foundry",)}

    SHARED = ("buyer",)
    PICKED = ("foundries", "foundry")

    def __init__(self, *args, buyers=None, foundries=None, suggest_url: str = "",
                 choices: dict[str, SharedChoices] | None = None, named=None, **kwargs):
        """`choices`: one SharedChoices per field of SHARED, the same for every row;
        `suggest_url`: where the foundry boxes find names as one types; `named`: the
        organisations the saved changes name, by id (read once for every row)."""
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = buyers
        for name, shared in (choices or {}).items():
            shared.apply(self.fields[name])
        for name in self.PICKED:
            self.fields[name].queryset = foundries
            if suggest_url:
                self.fields[name].suggest_from(suggest_url)
        self._name_the_saved_foundries(named or {})

    def _name_the_saved_foundries(self, named: dict) -> None:
        """A saved change keeps foundry ids: the boxes show their names."""
        ids = {"foundry": [self.initial["foundry"]] if self.initial.get("foundry") else [],
               "foundries": list(self.initial.get("foundries") or [])}
        for name, pks in ids.items():
            if pks:
                self.initial[name] = self.fields[name].text_of(
                    named[int(pk)] for pk in pks if int(pk) in named)

    def clean(self):
        data = super().clean()
        for name in self.NEEDS.get(data.get("kind"), ()):
            value = data.get(name)
            empty = value is None or (not isinstance(value, int | Decimal) and not value)
            if name not in self.errors and empty:
                self.add_error(name, ValidationError(_("Needed for this change."),
                                                     code="required"))
        return data

    def row(self) -> dict | None:
        """The change as the scenario keeps it; None for a blank extra row or one removed."""
        if self.cleaned_data.get("DELETE") or (not self.initial and not self.has_changed()):
            return None
        d, kind = self.cleaned_data, self.cleaned_data["kind"]
        if kind == SUBSTITUTE:
            return {"kind": kind, "buyer": _pk(d["buyer"]), "family": d["family"],
                    "share": str(d["share_percent"] / HUNDRED)}
        if kind == NEW_ORDER:
            return {"kind": kind, "buyer": _pk(d["buyer"]), "family": d["family"],
                    "units_per_month": d["units_per_month"], "unit_price": str(d["unit_price"]),
                    "unit_weight_kg": str(d["unit_weight_kg"] or ""),
                    "foundries": [_pk(f) for f in d["foundries"]]}
        return {"kind": kind, "foundry": _pk(d["foundry"])}


def change_initial(change: dict) -> dict:
    """A saved change as the row's initial values."""
    row = {"kind": change["kind"], "buyer": change.get("buyer"), "family": change.get("family"),
           "foundry": change.get("foundry"), "foundries": change.get("foundries", [])}
    if "share" in change:
        row["share_percent"] = Decimal(str(change["share"])) * HUNDRED
    for name in ("units_per_month", "unit_price", "unit_weight_kg"):
        if change.get(name) not in (None, ""):
            row[name] = Decimal(str(change[name]))
    return row


ChangeFormSet = forms.formset_factory(ChangeForm, extra=1, can_delete=True)
