from django import forms
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation
from pasok.suppliers.models import MaterialGrade

from . import documents as bid_documents

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TenderForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    bid_deadline = forms.DateTimeField(label=_("Bid deadline"), widget=_DATETIME)
    opening_time = forms.DateTimeField(label=_("Opening time"), widget=_DATETIME)
    first_delivery_month = forms.DateField(
        label=_("First delivery month"), required=False, input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("The lots' monthly deliveries start in this month. Empty: the month "
                    "after the opening."))
    min_tkdn_percent = forms.DecimalField(label=_("Minimum TKDN (%)"), min_value=0,
                                          max_value=100, max_digits=5, decimal_places=2,
                                          initial=25)
    max_preference_percent = forms.DecimalField(label=_("Maximum price preference (%)"),
                                                min_value=0, max_value=25, max_digits=4,
                                                decimal_places=2, initial=25)
    split_award_allowed = forms.BooleanField(label=_("Split awards allowed"), required=False)
    required_documents = forms.CharField(
        label=_("Required documents (one per line)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}), initial="NIB\nSertifikat TKDN")
    small_business_reserved = forms.BooleanField(
        label=_("Reserved for small businesses and cooperatives"), required=False,
        initial=True)
    reservation_exemption = forms.CharField(
        label=_("Technical reason the package is not reserved"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}))

    def clean_required_documents(self):
        lines = self.cleaned_data["required_documents"].splitlines()
        return [line.strip() for line in lines if line.strip()]


class LotForm(forms.Form):
    product = forms.CharField(label=_("Product"), max_length=200)
    grade = forms.ModelChoiceField(label=_("Material grade"),
                                   queryset=MaterialGrade.objects.all(), required=False)
    drawing_reference = forms.CharField(label=_("Drawing reference"), max_length=100,
                                        required=False)
    unit_weight_kg = forms.DecimalField(label=_("Unit weight (kg)"), min_value=0.01,
                                        max_digits=9, decimal_places=2)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    unit = forms.CharField(label=_("Unit"), max_length=20, initial="pcs")
    hps_unit_price = forms.DecimalField(label=_("Owner estimate (HPS) per unit (Rp)"),
                                        min_value=1, max_digits=16, decimal_places=2)
    delivery_schedule = forms.CharField(
        label=_("Monthly deliveries"), required=False,
        help_text=_("Quantities per month separated by commas, e.g. 5000, 5000, 5000"))

    def clean_delivery_schedule(self):
        text = self.cleaned_data["delivery_schedule"].replace(";", ",")
        try:
            return [int(part.strip().replace(".", "")) for part in text.split(",")
                    if part.strip()]
        except ValueError as exc:
            raise forms.ValidationError(_("Whole numbers separated by commas.")) from exc


LotFormSet = forms.formset_factory(LotForm, extra=1, min_num=1, validate_min=True)


class BidForm(forms.Form):
    unit_price = forms.DecimalField(label=_("Unit price (Rp)"), max_digits=16,
                                    decimal_places=2)
    quantity = forms.IntegerField(label=_("Quantity offered"))
    total_price = forms.DecimalField(
        label=_("Total price (Rp)"), max_digits=18, decimal_places=2, required=False,
        help_text=_("As written in your offer letter; where it differs from unit price × "
                    "quantity, the unit price counts (arithmetic correction)."))
    monthly_capacity = forms.IntegerField(label=_("Monthly capacity offered (units)"))
    origin = forms.ChoiceField(label=_("Origin"), choices=[
        ("domestic", _("Domestic product")), ("import", _("Imported product"))])
    tkdn_source = forms.ChoiceField(label=_("TKDN from"), required=False)
    siinas_registered = forms.BooleanField(label=_("Registered in SIINas"), required=False)

    def __init__(self, *args, certificates=(), versions=(), documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        # One file field per required document: document_0, document_1, … labelled with the
        # document's name (names may hold spaces; field names may not).
        self.document_kinds = {f"document_{i}": kind for i, kind in enumerate(documents)}
        for name, kind in self.document_kinds.items():
            self.fields[name] = forms.FileField(
                label=kind, required=False,
                help_text=_("PDF, JPEG or PNG, at most 10 MB."),
                widget=forms.FileInput(attrs={"accept": bid_documents.ACCEPT}))
        # A browser cannot put a chosen file back after an error: say which one to choose.
        self.chosen = {name: upload.name for name, upload in (self.files or {}).items()
                       if name in self.document_kinds}
        self.fields["tkdn_source"].choices = [("", _("— no TKDN value —"))] + [
            (f"certificate:{c.pk}", f"{c.product} · {c.tkdn_percent}% · "
             + (str(_("self-declared")) if c.self_declared else c.number))
            for c in certificates] + [
            (f"worksheet_version:{v.pk}", f"{v.worksheet.product} v{v.number} · "
             f"{v.tkdn_percent}% ({_('worksheet')})") for v in versions]

    def document_fields(self):
        return [self[name] for name in self.document_kinds]

    def other_fields(self):
        return [field for field in self if field.name not in self.document_kinds]

    def clean(self):
        cleaned = super().clean()
        self._uploads = {}
        for name, kind in self.document_kinds.items():
            upload = cleaned.get(name)
            if not upload:
                continue
            try:
                self._uploads[kind] = bid_documents.receive(kind, upload)
            except forms.ValidationError as exc:
                self.add_error(name, exc.messages)
        return cleaned

    def uploads(self) -> dict:
        """{required document: Upload} for the files chosen (after is_valid())."""
        return dict(self._uploads)

    def source(self) -> dict:
        kind, _sep, pk = self.cleaned_data.get("tkdn_source", "").partition(":")
        return {"certificate_id": int(pk) if kind == "certificate" else None,
                "worksheet_version_id": int(pk) if kind == "worksheet_version" else None}


class MemberForm(forms.Form):
    """One row of a cooperative's bid: a member who will make part of it, and how many."""

    member = forms.ModelChoiceField(label=_("Member"), queryset=Organisation.objects.none(),
                                    required=False)
    quantity = forms.IntegerField(label=_("Quantity (units)"), min_value=1, required=False)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["member"].queryset = members

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("member") and not cleaned.get("quantity") \
                and "quantity" not in self.errors:
            self.add_error("quantity", _("How many units this member makes."))
        if cleaned.get("quantity") and not cleaned.get("member"):
            self.add_error("member", _("Choose the member."))
        return cleaned


class BaseMemberFormSet(forms.BaseFormSet):
    def shares(self) -> list[tuple[int, int]]:
        """(member id, quantity) for every filled row."""
        return [(f.cleaned_data["member"].pk, f.cleaned_data["quantity"]) for f in self.forms
                if f.cleaned_data.get("member")]


MemberFormSet = forms.formset_factory(MemberForm, formset=BaseMemberFormSet, extra=2)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
