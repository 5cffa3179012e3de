from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Enough for tens of thousands of rows; keeps one upload from tying up a web worker.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class SupplierImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("One supplier per row, with the column names of the template in the first "
                    "row. CSV may be separated by commas or semicolons."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Check only (dry run): report problems, write nothing"), required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB; split it into several "
                                    "files."))
        return upload
