"""The contract pages' forms. Numbers and money are read in the active language
(web.number_fields: 1.500 and 2,5 in Indonesian)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.web import number_fields
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
    partners = forms.TypedMultipleChoiceField(label=_("Partners"), coerce=int,
                                              widget=forms.CheckboxSelectMultiple)
    family = forms.ChoiceField(label=_("Part family"), choices=PART_FAMILIES)
    share_percent = number_fields.PercentField(
        label=_("Share of the need (%)"), required=False, decimal_places=2,
        help_text=_("Either a share of your need of the family, or units a year."))
    units_per_year = number_fields.IntegerField(label=_("Units a year"), required=False,
                                                min_value=1)
    starts_on = month_field(_("First month"))
    ends_on = date_field(_("Ends on"))

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].choices = [(p.pk, p.name) for p in partners]


class NeedForm(forms.Form):
    month = month_field(_("Month"))
    units = number_fields.IntegerField(label=_("Units needed"), min_value=0)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("What the document is"), max_length=200)
    upload = DocumentField(label=_("File"), kind=_("Contract document"))
