from django import forms
from django.utils.translation import gettext_lazy as _

from pasok.web.file_limits import LimitedFileField
from pasok.web.numbers import NOTATIONS, active_notation

from .importing import FILE_LIMIT


class SupplierImportForm(forms.Form):
    file = LimitedFileField(
        limit=FILE_LIMIT, label=_("CSV or XLSX file"),
        help_text=_("One supplier per row, with the column names of the template in the first "
                    "row. CSV may be separated by commas or semicolons."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    notation = forms.ChoiceField(
        label=_("Numbers in the file are written"), required=False, choices=[
            ("id", _("the Indonesian way: 1.250.000 and 12,5")),
            ("en", _("the English way: 1,250,000 and 12.5"))],
        help_text=_("Numbers typed as numbers in an XLSX file are read as they are."))
    dry_run = forms.BooleanField(
        label=_("Check only (dry run): report problems, write nothing"), required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notation"].initial = active_notation().code

    def clean_notation(self):
        """Not given: as the page's language writes them."""
        chosen = self.cleaned_data["notation"]
        return NOTATIONS[chosen] if chosen else active_notation()
