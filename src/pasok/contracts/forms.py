"""The contract pages' forms. Numbers and money are read in the active language
(web.number_fields: 1.500 and 2,5 in Indonesian)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasok.accounts import picking
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.web import number_fields
from pasok.web.pick import PickField
from pasok.web.uploads import DocumentField

MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def month_field(label, **kwargs):
    return forms.DateField(label=label, input_formats=["%Y-%m", "%Y-%m-%d"], widget=MONTH,
                           **kwargs)


def date_field(label, **kwargs):
    return forms.DateField(label=label, widget=DATE, **kwargs)


class CallOffForm(forms.Form):
    item = forms.TypedChoiceField(label=_("Item"), coerce=int)
    maker = forms.TypedChoiceField(label=_("Made by"), coerce=int)
    month = month_field(_("Month"))
    quantity = number_fields.IntegerField(label=_("Quantity"), min_value=1)
    deliver_by = date_field(_("Deliver by"), required=False,
                            help_text=_("Empty: the last day of the month."))

    def __init__(self, *args, items=(), makers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, f"{i.number}. {i.product}") for i in items]
        self.fields["maker"].choices = [(m.pk, m.name) for m in makers]


class PlanOrdersForm(forms.Form):
    """A month's call-offs to a cooperative's members from its plan in force."""

    item = forms.TypedChoiceField(label=_("Item"), coerce=int)
    month = month_field(_("Month"))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, prefix="plan", **kwargs)
        self.fields["item"].choices = [(i.pk, f"{i.number}. {i.product}") for i in items]


class AnswerForm(forms.Form):
    decline_reason = forms.CharField(label=_("Reason for declining"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))


class DeliveryForm(forms.Form):
    note_number = forms.CharField(label=_("Delivery note number"), max_length=50)
    shipped_on = date_field(_("Shipped on"))
    received_on = date_field(_("Received on"))
    quantity = number_fields.IntegerField(label=_("Quantity delivered"), min_value=1)
    replaces = forms.TypedChoiceField(
        label=_("Replaces the units not accepted of"), required=False,
        empty_value=None,
        help_text=_("For a replacement of goods not accepted at inspection; empty for a "
                    "delivery of the order."))

    def __init__(self, *args, rejected=(), **kwargs):
        super().__init__(*args, **kwargs)
        if rejected:
            self.fields["replaces"].choices = [("", "—"), *(
                (str(d.public_id), f"{d.note_number} ({d.quantity - d.accepted_quantity})")
                for d in rejected)]
        else:
            del self.fields["replaces"]


class AmendmentForm(forms.Form):
    ends_on = date_field(_("Ends on"))
    payment_term_days = number_fields.IntegerField(
        label=_("Payment term (days after acceptance)"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("Reason for the amendment"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class ItemAmendmentForm(forms.Form):
    """One item's price and quantities in an amendment (its schedule is kept, its last
    month taking what the total adds or removes)."""

    unit_price = number_fields.MoneyField(label=_("Unit price"))
    quantity = number_fields.IntegerField(label=_("Total quantity"), min_value=1)
    minimum_quantity = number_fields.IntegerField(label=_("Minimum quantity"), min_value=0)
    family = forms.ChoiceField(label=_("Part family"), choices=PART_FAMILIES)


class CommitmentForm(forms.Form):
    partners = PickField(label=_("Partners"), many=True, label_of=picking.label,
                         find=picking.find, error_messages=picking.ERRORS,
                         help_text=_("Foundries or cooperatives: their names (or NIBs), "
                                     "separated by “;”."))
    family = forms.ChoiceField(label=_("Part family"), choices=PART_FAMILIES)
    share_percent = number_fields.PercentField(
        label=_("Share of the need (%)"), required=False, decimal_places=2,
        help_text=_("Either a share of your need of the family, or units a year."))
    units_per_year = number_fields.IntegerField(label=_("Units a year"), required=False,
                                                min_value=1)
    starts_on = month_field(_("First month"))
    ends_on = date_field(_("Ends on"))

    def __init__(self, *args, partners, suggest_url: str = "", **kwargs):
        """`partners`: the organisations that may be named (a queryset)."""
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partners
        if suggest_url:
            self.fields["partners"].suggest_from(suggest_url)


class NeedForm(forms.Form):
    month = month_field(_("Month"))
    units = number_fields.IntegerField(label=_("Units needed"), min_value=0)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("What the document is"), max_length=200)
    upload = DocumentField(label=_("File"), kind=_("Contract document"))


class IndicesForm(forms.Form):
    """A month's index for each component of the contract's clause."""

    month = month_field(_("Month"))

    def __init__(self, *args, components=(), **kwargs):
        super().__init__(*args, prefix="indices", **kwargs)
        for name in components:
            self.fields[f"index.{name}"] = number_fields.DecimalField(
                label=name, decimal_places=4, min_value=0)

    def values(self) -> dict:
        return {name.removeprefix("index."): value for name, value in self.cleaned_data.items()
                if name.startswith("index.")}
