"""Forms of the plan pages. They check shape; services.py checks meaning and names the
field of anything wrong (views.py puts it back next to that field)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pasok.web.formatting import localized_number
from pasok.web.number_bounds import bounds_of
from pasok.web.number_fields import (
    DecimalField,
    IntegerField,
    MoneyField,
    PercentField,
    WholeNumbersField,
)
from pasok.web.shared_choices import SharedChoices

from .models import MAX_MONTHS, CapacityReport, PlanOffer
from .presenting import first_months

_PERCENT = {"max_digits": 5, "decimal_places": 2}
# The columns' bounds (web.number_bounds): what they cannot hold is refused on the page.
_UNIT_COST = bounds_of(PlanOffer, "unit_cost", minimum=0, money=True)
_MIN_LOT = bounds_of(PlanOffer, "min_lot")


def compact(values: list[int]) -> list[int]:
    """[5000, 5000, 5000] → [5000]: the same quantity every month is typed once."""
    return values[:1] if values and len(set(values)) == 1 else values


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    first_month = forms.DateField(
        label=_("First month"), input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"))
    months = IntegerField(label=_("Number of months"), min_value=1, max_value=MAX_MONTHS,
                          initial=12)
    unmet_penalty = MoneyField(
        label=_("Penalty per unit not delivered (Rp)"), decimal_places=0,
        initial=Decimal(1_000_000),
        help_text=_("Above every member's price, so demand is left unmet only when no member "
                    "can make it."))


def _monthly_help():
    return _("One number for every month, or one per month separated by spaces.")


class LineForm(forms.Form):
    pk = IntegerField(required=False, widget=forms.HiddenInput)
    buyer = forms.CharField(label=_("Buyer"), max_length=200)
    product = forms.CharField(label=_("Product"), max_length=200)
    unit_weight_kg = DecimalField(label=_("Unit weight (kg)"), min_value=Decimal("0.01"),
                                  max_digits=9, decimal_places=2)
    demand = WholeNumbersField(label=_("Units per month"), max_length=600,
                               help_text=_monthly_help)
    max_share_percent = PercentField(label=_("Largest share of one member (%)"), initial=100,
                                     min_value=Decimal("0.01"), **_PERCENT)
    lot = forms.ModelChoiceField(
        label=_("Tender lot it delivers"), queryset=None, required=False,
        help_text=_("An award of the cooperative's bid: the plan then books the members "
                    "for it, so its capacity is counted once."))

    def __init__(self, *args, lots=None, choices: SharedChoices | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots
        self.fields["lot"].label_from_instance = _lot_label
        if choices is not None:
            choices.apply(self.fields["lot"])

    def row(self) -> dict | None:
        """The line for the service; None for a blank extra row or one marked removed."""
        if self.cleaned_data.get("DELETE") or (not self.initial and not self.has_changed()):
            return None
        return {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}


def _lot_label(lot) -> str:
    return _("%(tender)s, lot %(lot)s: %(product)s") % {
        "tender": lot.tender.reference, "lot": lot.number, "product": lot.product}


class MemberForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Member"), queryset=None)
    capacity_kg = WholeNumbersField(
        label=_("Capacity per month (kg)"), required=False, max_length=600,
        help_text=_("Empty: the monthly capacity of the member's profile, less what awards "
                    "and other plans book in each month."))

    def __init__(self, *args, members=None, free=None, month_label="",
                 choices: SharedChoices | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = members
        free = free or {}
        self.fields["organisation"].label_from_instance = lambda org: _(
            "%(name)s — %(kg)s kg free in %(month)s") % {
            "name": org.name, "kg": localized_number(free.get(org.pk, 0)),
            "month": month_label}
        if choices is not None:
            choices.apply(self.fields["organisation"])

    def row(self) -> dict | None:
        if self.cleaned_data.get("DELETE") or (not self.initial and not self.has_changed()):
            return None
        return {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}


LineFormSet = forms.formset_factory(LineForm, extra=1, can_delete=True)
MemberFormSet = forms.formset_factory(MemberForm, extra=1, can_delete=True)


class OffersForm(forms.Form):
    """For every line and member: the price per unit (empty: no offer), the minimum lot and
    an optional partner floor. Fields are named `<line pk>-<member pk>-<what>`."""

    def __init__(self, *args, lines=(), members=(), offers=(), **kwargs):
        super().__init__(*args, **kwargs)
        existing = {(o.line_id, o.member_id): o for o in offers}
        self.grid = []
        for line in lines:
            rows = []
            for member in members:
                offer = existing.get((line.pk, member.pk))
                name = f"{line.pk}-{member.pk}"
                self.fields[f"{name}-unit_cost"] = _UNIT_COST.form_field(
                    label=_("Price per unit (Rp)"), required=False,
                    initial=offer.unit_cost if offer else None)
                self.fields[f"{name}-min_lot"] = _MIN_LOT.form_field(
                    label=_("Minimum lot"), required=False,
                    initial=offer.min_lot if offer else None)
                self.fields[f"{name}-floor_percent"] = PercentField(
                    label=_("Partner floor (%)"), required=False,
                    initial=offer.floor_percent if offer else None, **_PERCENT)
                rows.append((member, [self[f"{name}-{k}"] for k in ("unit_cost", "min_lot",
                                                                     "floor_percent")]))
            self.grid.append((line, rows))

    def offers(self) -> list[dict]:
        chosen = []
        for line, rows in self.grid:
            for member, _fields in rows:
                name = f"{line.pk}-{member.pk}"
                cost = self.cleaned_data.get(f"{name}-unit_cost")
                if cost is not None:
                    chosen.append({"line": line, "member": member, "unit_cost": cost,
                                   "min_lot": self.cleaned_data.get(f"{name}-min_lot") or 0,
                                   "floor_percent": self.cleaned_data.get(
                                       f"{name}-floor_percent")})
        return chosen


class SolveForm(forms.Form):
    fairness_percent = PercentField(
        label=_("Fairness tolerance (%)"), required=False, **_PERCENT,
        help_text=_("Empty: the least-cost plan. With e.g. 1, small partner foundries get the "
                    "most even utilisation that costs at most 1% more."))


class WhatIfForm(forms.Form):
    remove = forms.ChoiceField(label=_("Remove a member"), required=False)
    line = forms.ChoiceField(label=_("Change the demand of"), required=False)
    demand = WholeNumbersField(label=_("New units per month"), required=False,
                               max_length=600, help_text=_monthly_help)

    def __init__(self, *args, members=(), lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove"].choices = [("", "–"), *((m.pk, m.organisation.name)
                                                      for m in members)]
        self.fields["line"].choices = [("", "–"), *((li.pk, str(li)) for li in lines)]

    def clean(self):
        data = super().clean()
        if not data.get("remove") and not data.get("line"):
            raise ValidationError(_("Choose a member to remove or a line to change."))
        if data.get("line") and not data.get("demand"):
            self.add_error("demand", _("Give the new units per month."))
        if data.get("demand") and not data.get("line"):
            self.add_error("line", _("Choose the line whose demand changes."))
        return data


class CapacityForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Member"), coerce=int)
    month = forms.TypedChoiceField(label=_("Month"), coerce=int)
    capacity_kg = bounds_of(CapacityReport, "capacity_kg").form_field(
        label=_("Capacity that month (kg)"))
    ordered_months = forms.TypedChoiceField(
        label=_("Months already ordered (kept as they are)"), coerce=int,
        help_text=_("The re-plan changes these months as little as it can."))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, members=(), months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.organisation.name) for m in members]
        self.fields["month"].choices = list(enumerate(months))
        self.fields["ordered_months"].choices = [(0, _("none")), *(
            (n, first_months(months, n)) for n in range(1, len(months) + 1))]
