from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pasok.web.numbers import NOTATIONS, active_notation

# Enough for tens of thousands of rows; keeps one upload from tying up a web worker.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class SupplierImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB; split it into several "
                                    "files."))
        return upload
