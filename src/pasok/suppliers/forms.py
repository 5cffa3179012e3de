import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from pasok import clock
from pasok.accounts.forms import IdentityFieldsMixin, identity_fields, with_autocomplete
from pasok.accounts.models import Organisation, SizeClass
from pasok.accounts.regions import PROVINCE_CHOICES
from pasok.months import month_start, month_starts
from pasok.web import number_fields
from pasok.web.number_fields import MoneyField, model_formfield

from .catalogue import GRADES, PROCESSES, SEARCHABLE_CERTIFICATES
from .models import Certificate, Furnace, Product
from .query_parse import parse_query
from .selectors import SORTS, SearchCriteria, coming_month

GRADE_CHOICES = [(code, code) for code, _family in GRADES]
SEARCH_MONTHS = 12  # the months a search may ask about: this one and the next eleven


def _month_choices():
    """("2027-01", "Januari 2027") for this month and the next eleven; empty: the coming
    month."""
    months = month_starts(month_start(clock.today()), SEARCH_MONTHS)
    return [("", _("next month (%(month)s)") % {
        "month": date_format(coming_month(), "F Y")}),
        *((f"{m:%Y-%m}", date_format(m, "F Y")) for m in months)]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={
                            "type": "search",
                            "placeholder": _("e.g. FCD450, 20–60 kg, Klaten")}))
    process = forms.MultipleChoiceField(label=_("Processes (all of)"), choices=PROCESSES,
                                        required=False, widget=forms.CheckboxSelectMultiple)
    grade = forms.MultipleChoiceField(label=_("Material grades (any of)"),
                                      choices=GRADE_CHOICES, required=False,
                                      widget=forms.CheckboxSelectMultiple(
                                          attrs={"class": "columns"}))
    weight_min = number_fields.DecimalField(label=_("Casting weight from (kg)"),
                                            required=False, min_value=0, max_digits=9,
                                            decimal_places=2)
    weight_max = number_fields.DecimalField(label=_("to (kg)"), required=False, min_value=0,
                                            max_digits=9, decimal_places=2)
    month = forms.ChoiceField(label=_("Capacity in the month"), required=False, choices=())
    need = number_fields.IntegerField(
        label=_("Needed that month (kg)"), required=False, min_value=1,
        help_text=_("Ranks suppliers by how much of it they have free; it hides none."))
    free_capacity = number_fields.IntegerField(
        label=_("Free capacity that month at least (kg)"), required=False, min_value=0)
    province = forms.ChoiceField(label=_("Province"), required=False,
                                 choices=[("", _("All provinces")), *PROVINCE_CHOICES])
    regency = forms.CharField(label=_("Regency / city"), required=False, max_length=100)
    certificate = forms.ChoiceField(label=_("Valid certificate"), required=False,
                                    choices=[("", _("Any")), *SEARCHABLE_CERTIFICATES])
    verified = forms.BooleanField(label=_("Verified suppliers only"), required=False)
    size = forms.MultipleChoiceField(label=_("Size class"), choices=SizeClass.choices,
                                     required=False, widget=forms.CheckboxSelectMultiple)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = _month_choices()
        for name, field in self.fields.items():
            if field.help_text:  # the template prints it as id_<name>_help
                field.widget.attrs["aria-describedby"] = f"id_{name}_help"

    def filter_fields(self):
        return [field for field in self if field.name not in ("q", "sort")]

    @property
    def sort_label(self) -> str:
        code = (self.cleaned_data.get("sort") if self.is_bound and self.is_valid()
                else "") or "fit"
        return str(dict(SORTS)[code])

    def clean_q(self):
        """A weight in the query that cannot be read is said, not dropped silently."""
        text = self.cleaned_data["q"]
        if problems := parse_query(text).problems:
            raise ValidationError(problems)
        return text

    def filters_in_use(self) -> bool:
        """Open the filter panel when a filter is set or wrong, so nothing is hidden."""
        return bool(self.is_bound and (self.errors or any(
            self.data.get(field.name) for field in self.filter_fields())))

    def clean(self):
        data = super().clean()
        low, high = data.get("weight_min"), data.get("weight_max")
        if low is not None and high is not None and low > high:
            self.add_error("weight_min", _("The lower weight is above the upper weight."))
        return data

    def criteria(self) -> SearchCriteria:
        d = self.cleaned_data
        month = d.get("month")
        return SearchCriteria(
            text=d.get("q") or "", processes=d.get("process") or [],
            grades=d.get("grade") or [], weight_min=d.get("weight_min"),
            weight_max=d.get("weight_max"), free_capacity_kg=d.get("free_capacity"),
            need_kg=d.get("need"),
            month=dt.date.fromisoformat(f"{month}-01") if month else None,
            province=d.get("province") or "", regency=d.get("regency") or "",
            certificate=d.get("certificate") or "", verified_only=bool(d.get("verified")),
            size_classes=d.get("size") or [], sort=d.get("sort") or "fit",
        )


def _organisation_formfield(db_field, **kwargs):
    """Capital and sales are rupiah; every other number as model_formfield makes it."""
    if db_field.name in ("business_capital", "annual_sales"):
        return db_field.formfield(form_class=MoneyField, **kwargs)
    return model_formfield(db_field, **kwargs)


class OrganisationForm(IdentityFieldsMixin, forms.ModelForm):
    nib, npwp = identity_fields().values()

    class Meta:
        model = Organisation
        formfield_callback = _organisation_formfield
        fields = ["name", "nib", "npwp", "business_capital", "annual_sales", "address",
                  "district", "regency", "province", "latitude", "longitude", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_autocomplete(self)


class ProfileForm(forms.Form):
    processes = forms.MultipleChoiceField(label=_("Processes"), choices=PROCESSES,
                                          required=False, widget=forms.CheckboxSelectMultiple)
    grades = forms.MultipleChoiceField(label=_("Material grades"), choices=GRADE_CHOICES,
                                       required=False, widget=forms.CheckboxSelectMultiple)
    weight_min_kg = number_fields.DecimalField(label=_("Minimum casting weight (kg)"),
                                               required=False, max_digits=9, decimal_places=2)
    weight_max_kg = number_fields.DecimalField(label=_("Maximum casting weight (kg)"),
                                               required=False, max_digits=9, decimal_places=2)
    monthly_capacity_kg = number_fields.IntegerField(label=_("Monthly melting capacity (kg)"))
    workforce_total = number_fields.IntegerField(label=_("Workforce"), initial=0)
    workforce_women = number_fields.IntegerField(label=_("Women in the workforce"), initial=0)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    buyers_served = forms.CharField(label=_("Buyers served (one per line)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))

    def clean_buyers_served(self):
        lines = self.cleaned_data["buyers_served"].splitlines()
        return [line.strip() for line in lines if line.strip()]


class _ChildForm(forms.ModelForm):
    """A row of a nested list; blank extra rows are ignored, rows marked for deletion dropped."""

    def row(self) -> dict | None:
        if self.cleaned_data.get("DELETE") or (not self.initial and not self.has_changed()):
            return None
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class FurnaceForm(_ChildForm):
    class Meta:
        model = Furnace
        formfield_callback = model_formfield
        fields = ["kind", "tonnes_per_heat", "count"]


class CertificateForm(_ChildForm):
    class Meta:
        model = Certificate
        fields = ["kind", "number", "product", "issued_on", "valid_until"]
        widgets = {"issued_on": forms.DateInput(attrs={"type": "date"}),
                   "valid_until": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        issued, until = data.get("issued_on"), data.get("valid_until")
        if issued and until and issued > until:
            raise ValidationError({"valid_until": _("The expiry date is before the issue date.")})
        return data


class ProductForm(_ChildForm):
    class Meta:
        model = Product
        formfield_callback = model_formfield
        fields = ["name", "grade", "unit_weight_kg", "photo"]


def child_formset(form_class, extra=1):
    return forms.formset_factory(form_class, extra=extra, can_delete=True)


FurnaceFormSet = child_formset(FurnaceForm)
CertificateFormSet = child_formset(CertificateForm)
ProductFormSet = child_formset(ProductForm)
