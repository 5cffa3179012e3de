"""Forms of the invoice and payment pages. They check shape (numbers through
pasok.web.number_fields, in the active language); the services check meaning and name the
field, which web/form_errors.py puts back next to it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasok.web import number_fields

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InvoiceForm(forms.Form):
    number = forms.CharField(label=_("Your invoice number"), max_length=50)
    issued_on = forms.DateField(label=_("Invoice date"), widget=_DATE)


class LineForm(forms.Form):
    """Units of one accepted delivery to invoice (empty or 0: none of it)."""

    delivery = forms.UUIDField(widget=forms.HiddenInput)
    quantity = number_fields.IntegerField(label=_("Units to invoice"), required=False,
                                          min_value=0)


LineFormSet = forms.formset_factory(LineForm, extra=0)


class PaymentForm(forms.Form):
    amount = number_fields.MoneyField(label=_("Amount paid (Rp)"))
    paid_on = forms.DateField(label=_("Paid on"), widget=_DATE)
    reference = forms.CharField(label=_("Payment reference"), max_length=100,
                                help_text=_("The bank transfer's reference, as on the "
                                            "statement."))
