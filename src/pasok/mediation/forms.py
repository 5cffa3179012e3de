"""The business-matching pages' forms: their shape only (the services judge the meaning).
Organisations among the cluster's many are typed (web.pick with accounts.picking); the
choices of one event or pairing (its participants, the pair's tenders, contracts and
people) are few and chosen from a list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasok.accounts import picking
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.web.pick import PickField

from .models import Stage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=None)
    families = forms.MultipleChoiceField(label=_("Part families discussed"),
                                         choices=PART_FAMILIES, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisers, **kwargs):
        """`organisers`: the ministry's organisations (a queryset)."""
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers


class AttendanceForm(forms.Form):
    organisation = PickField(label=_("Organisation"), label_of=picking.label,
                             find=picking.find, error_messages=picking.ERRORS,
                             help_text=_("A buyer, foundry or cooperative: its name or NIB."))
    invited = forms.BooleanField(label=_("Invited"), required=False, initial=True)
    present = forms.BooleanField(label=_("Present"), required=False)

    def __init__(self, *args, organisations, suggest_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].suggest_from(suggest_url)


class PairingForm(forms.Form):
    buyer = forms.ModelChoiceField(label=_("Buyer"), queryset=None)
    supplier = forms.ModelChoiceField(label=_("Foundry or cooperative"), queryset=None)
    family = forms.ChoiceField(label=_("Part family"), choices=PART_FAMILIES)
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, buyers, suppliers, **kwargs):
        """`buyers`, `suppliers`: the event's participants of each side."""
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = buyers
        self.fields["supplier"].queryset = suppliers


class AdvanceForm(forms.Form):
    stage = forms.TypedChoiceField(label=_("Stage reached"), coerce=int,
                                   choices=Stage.choices[1:])
    reached_on = forms.DateField(label=_("Reached on"), widget=DATE)


class LinkForm(forms.Form):
    tender = forms.ModelChoiceField(label=_("Tender"), queryset=None, required=False)
    rfq = forms.ModelChoiceField(label=_("Request for quotation"), queryset=None,
                                 required=False)
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=None, required=False)

    def __init__(self, *args, tenders, rfqs, contracts, **kwargs):
        """`tenders`: the buyer's the person sees; `rfqs`: the buyer's sent to the supplier;
        `contracts`: the pair's."""
        super().__init__(*args, **kwargs)
        self.fields["tender"].queryset = tenders
        self.fields["tender"].label_from_instance = lambda t: f"{t.reference} {t.title}"
        self.fields["rfq"].queryset = rfqs
        self.fields["rfq"].label_from_instance = lambda r: f"{r.reference} {r.part_name}"
        self.fields["contract"].queryset = contracts


class FollowUpForm(forms.Form):
    action = forms.CharField(label=_("What to do"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.name_with_organisation
