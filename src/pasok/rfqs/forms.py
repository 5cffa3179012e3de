"""The RFQ pages' forms. Numbers and money are read in the active language
(web.number_fields: 1.500 and 2,5 in Indonesian); what is typed is shown again after an
error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasok.accounts import picking
from pasok.contracts.forms import date_field, month_field
from pasok.contracts.models import ContractKind
from pasok.rules.first_article import KINDS
from pasok.suppliers.catalogue import CERTIFICATE_KINDS, PART_FAMILIES
from pasok.suppliers.models import MaterialGrade
from pasok.web import number_fields
from pasok.web.pick import PickField
from pasok.web.uploads import DocumentField

from . import bounds
from .models import Invite

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RfqForm(forms.Form):
    part_name = forms.CharField(label=_("Part"), max_length=200)
    family = forms.ChoiceField(label=_("Part family"), choices=PART_FAMILIES)
    grade = forms.ModelChoiceField(label=_("Material grade"),
                                   queryset=MaterialGrade.objects.all(), to_field_name="code")
    unit_weight_kg = bounds.UNIT_WEIGHT_KG.form_field(label=_("Unit weight (kg)"))
    annual_volume = bounds.ANNUAL_VOLUME.form_field(label=_("Annual volume (units)"))
    target_unit_price = bounds.TARGET_UNIT_PRICE.form_field(label=_("Target unit price (Rp)"))
    certificate = forms.ChoiceField(label=_("Certificate needed"), required=False,
                                    choices=[("", _("none")), *CERTIFICATE_KINDS])
    deadline = forms.DateTimeField(label=_("Quotations until"), widget=_DATETIME)
    drawing = DocumentField(label=_("Drawing (PDF)"), kind=_("Drawing"), required=False,
                            help_text=_("A PDF of at most 10 MB."))
    note = forms.CharField(label=_("Note for the foundries"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    invite = forms.ChoiceField(label=_("Send to"), choices=Invite.choices,
                               initial=Invite.CHOSEN)
    suppliers = PickField(label=_("Foundries chosen"), many=True, required=False,
                          label_of=picking.label, find=picking.find,
                          error_messages=picking.ERRORS,
                          help_text=_("For “the foundries chosen”: their names (or NIBs), "
                                      "separated by “;”."))

    def __init__(self, *args, suppliers, suggest_url: str = "", **kwargs):
        """`suppliers`: the organisations that may be chosen (a queryset)."""
        super().__init__(*args, **kwargs)
        self.fields["suppliers"].queryset = suppliers
        if suggest_url:
            self.fields["suppliers"].suggest_from(suggest_url)


class QuotationForm(forms.Form):
    unit_price = bounds.UNIT_PRICE.form_field(label=_("Unit price (Rp)"))
    lead_time_weeks = bounds.LEAD_TIME_WEEKS.form_field(label=_("Lead time (weeks)"))
    monthly_capacity = bounds.MONTHLY_CAPACITY.form_field(
        label=_("Monthly capacity offered (units)"))
    valid_until = date_field(_("Valid until"))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class SampleOrderForm(forms.Form):
    quotation = forms.ChoiceField(label=_("Quotation"))
    quantity = bounds.SAMPLE_QUANTITY.form_field(label=_("Sample quantity"))
    due_on = date_field(_("Samples due on"))

    def __init__(self, *args, quotations=(), **kwargs):
        """`quotations`: (public id, label) of those the buyer may choose."""
        super().__init__(*args, **kwargs)
        self.fields["quotation"].choices = list(quotations)


def _measure(label, required=False):
    return number_fields.DecimalField(label=label, required=required, max_digits=12,
                                      decimal_places=4)


class CharacteristicForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), initial=KINDS[0], choices=[
        (KINDS[0], _("dimension")), (KINDS[1], _("hardness")), (KINDS[2], _("chemistry"))])
    name = forms.CharField(label=_("Characteristic"), max_length=100)
    nominal = _measure(_("Nominal"))
    lower = _measure(_("Lower limit"))
    upper = _measure(_("Upper limit"))
    measured = _measure(_("Measured"), required=True)


CharacteristicFormSet = forms.formset_factory(CharacteristicForm, extra=5, max_num=60,
                                              validate_max=True)


class InspectionForm(forms.Form):
    inspected_on = date_field(_("Inspected on"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        ("approve", _("Approve the first article")), ("reject", _("Reject it"))])
    note = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Needed for a rejection."))


class ContractForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContractKind.choices,
                             initial=ContractKind.FRAMEWORK,
                             help_text=_("A single order delivers the annual volume in its "
                                         "first month; a framework contract over twelve "
                                         "months of call-offs."))
    starts_on = month_field(_("First month"))
    payment_term_days = number_fields.IntegerField(label=_("Payment term (days)"),
                                                   min_value=1, max_value=365, initial=30)
