"""The forms of the imported alternatives' pages: a record (its numbers read in the active
language: web.number_fields), and the "what if the local price were…" question."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasok.web import number_fields

from .models import ImportedAlternative
from .services.imports import FIELDS


def _formfield(db_field, **kwargs):
    """The landed price is rupiah ("Rp" may be typed); the other numbers as the model says."""
    if db_field.name == "landed_price":
        return db_field.formfield(form_class=number_fields.MoneyField, **kwargs)
    return number_fields.model_formfield(db_field, **kwargs)


class AlternativeForm(forms.Form):
    """Not a ModelForm: the service checks the record and names the field it refuses."""

    def __init__(self, *args, buyers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(ImportedAlternative, fields=FIELDS,
                                                  formfield_callback=_formfield))
        buyer = self.fields["buyer"]
        buyer.queryset = buyers
        buyer.empty_label = _("None: an offer on the market")
        self.fields["local_service_life_months"].help_text = _(
            "How long the cluster's product lasts in the same service: a cast-iron brake "
            "block about one month.")
        self.fields["in_use"].help_text = _(
            "Tick when the buyer buys it now: only then do its units count in the buyer's "
            "need for the ministry's early warnings. An alternative the buyer could use is "
            "not need.")
        self.fields["source"].help_text = _("Where the figures come from: an invoice, a "
                                            "quotation, a report.")


class LocalPriceForm(forms.Form):
    """What the reader asks (GET): the local price and TKDN to compare with, when the
contracts give none or to try another, and the kilometres a month for a cost per 1,000 km."""

    local_price = number_fields.MoneyField(label=_("Local unit price (Rp)"), required=False,
                                           min_value=1)
    local_tkdn_percent = number_fields.PercentField(
        label=_("TKDN of the local product (%)"), required=False)
    km_per_month = number_fields.DecimalField(
        label=_("Kilometres run a month (optional)"), required=False, min_value=1,
        max_digits=9, decimal_places=0)
