"""Forms of the tender pages. They check shape (every number through
pasok.web.number_fields, in the active language); services.py checks meaning and names the
field, which web/form_errors.py puts back next to it."""

from decimal import Decimal

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.suppliers.models import MaterialGrade
from pasok.web import number_fields
from pasok.web.formatting import localized_percent
from pasok.web.shared_choices import SharedChoices

from . import bounds
from . import documents as bid_documents
from .bid_tkdn import MEMBERS, MemberShare, parse_source

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
    min_tkdn_percent = number_fields.PercentField(label=_("Minimum TKDN (%)"),
                                                  decimal_places=2, initial=25)
    max_preference_percent = number_fields.PercentField(
        label=_("Maximum price preference (%)"), max_value=25, decimal_places=2, initial=25)
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
        value = self.cleaned_data["required_documents"]
        lines = value.splitlines() if isinstance(value, str) else value
        return [line.strip() for line in lines if line.strip()]

    @staticmethod
    def initial_of(tender) -> dict:
        initial = {name: getattr(tender, name) for name in (
            "title", "description", "bid_deadline", "opening_time", "first_delivery_month",
            "min_tkdn_percent", "max_preference_percent", "split_award_allowed",
            "small_business_reserved", "reservation_exemption")}
        return initial | {"required_documents": "\n".join(tender.required_documents)}


class LotForm(forms.Form):
    product = forms.CharField(label=_("Product"), max_length=200)
    family = forms.ChoiceField(
        label=_("Part family"), choices=PART_FAMILIES, initial="other",
        help_text=_("What the lot's need is counted by, in its contracts and in the "
                    "ministry's early warnings."))
    grade = forms.ModelChoiceField(label=_("Material grade"),
                                   queryset=MaterialGrade.objects.all(), required=False)
    drawing_reference = forms.CharField(label=_("Drawing reference"), max_length=100,
                                        required=False)
    unit_weight_kg = bounds.UNIT_WEIGHT_KG.form_field(label=_("Unit weight (kg)"),
                                                      min_value=Decimal("0.01"))
    quantity = bounds.LOT_QUANTITY.form_field(label=_("Quantity"))
    unit = forms.CharField(label=_("Unit"), max_length=20, initial="pcs")
    hps_unit_price = bounds.HPS_UNIT_PRICE.form_field(
        label=_("Owner estimate (HPS) per unit (Rp)"), min_value=1)
    delivery_schedule = number_fields.WholeNumbersField(
        label=_("Monthly deliveries"), required=False,
        help_text=_("Units per month from the first delivery month, separated by spaces or "
                    "semicolons, e.g. 5.000 5.000 5.000; empty: the whole quantity at once."))

    def __init__(self, *args, choices: SharedChoices | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            choices.apply(self.fields["grade"])

    @staticmethod
    def initial_of(lot) -> dict:
        return {name: getattr(lot, name) for name in (
            "product", "family", "drawing_reference", "unit_weight_kg", "quantity", "unit",
            "hps_unit_price", "delivery_schedule")} | {"grade": lot.grade_id, "id": lot.pk}


class DraftLotForm(LotForm):
    """A lot in the draft editor: which stored lot it is (none for a new one)."""

    id = number_fields.IntegerField(widget=forms.HiddenInput, required=False)


LotFormSet = forms.formset_factory(LotForm, extra=1, min_num=1, validate_min=True)
DraftLotFormSet = forms.formset_factory(DraftLotForm, extra=1, min_num=1, validate_min=True,
                                        can_delete=True)


class AddendumForm(forms.Form):
    """An addendum's reason and the tender's terms it may change (the lots are a formset)."""

    reason = forms.CharField(label=_("Reason for the addendum"),
                             widget=forms.Textarea(attrs={"rows": 3}))
    bid_deadline = forms.DateTimeField(
        label=_("Bid deadline"), widget=_DATETIME,
        help_text=_("To extend the deadline, a later moment; never earlier."))
    opening_time = forms.DateTimeField(label=_("Opening time"), widget=_DATETIME)
    required_documents = TenderForm.base_fields["required_documents"]
    clean_required_documents = TenderForm.clean_required_documents

    @staticmethod
    def initial_of(tender) -> dict:
        return {"bid_deadline": tender.bid_deadline, "opening_time": tender.opening_time,
                "required_documents": "\n".join(tender.required_documents)}


AddendumLotFormSet = forms.formset_factory(DraftLotForm, extra=0)


class ObjectionForm(forms.Form):
    reasons = forms.CharField(label=_("Reasons for the objection"),
                              widget=forms.Textarea(attrs={"rows": 5}))


def certificate_label(cert) -> str:
    standing = str(_("self-declared")) if cert.self_declared else cert.number
    return f"{cert.product} · {localized_percent(cert.tkdn_percent)} · {standing}"


def version_label(version) -> str:
    return (f"{version.worksheet.product} v{version.number} · "
            f"{localized_percent(version.tkdn_percent)} ({_('worksheet')})")


def source_choices(certificates, versions) -> list[tuple[str, str]]:
    return ([(f"certificate:{c.pk}", certificate_label(c)) for c in certificates]
            + [(f"worksheet_version:{v.pk}", version_label(v)) for v in versions])


class BidForm(forms.Form):
    unit_price = bounds.UNIT_PRICE.form_field(label=_("Unit price (Rp)"))
    quantity = bounds.BID_QUANTITY.form_field(label=_("Quantity offered"))
    total_price = bounds.TOTAL_PRICE.form_field(
        label=_("Total price (Rp)"), required=False,
        help_text=_("As written in your offer letter; where it differs from unit price × "
                    "quantity, the unit price counts (arithmetic correction)."))
    monthly_capacity = bounds.MONTHLY_CAPACITY.form_field(
        label=_("Monthly capacity offered (units)"))
    origin = forms.ChoiceField(label=_("Origin"), choices=[
        ("domestic", _("Domestic product")), ("import", _("Imported product"))])
    tkdn_source = forms.ChoiceField(label=_("TKDN from"), required=False)
    siinas_registered = forms.BooleanField(label=_("Registered in SIINas"), required=False)

    def __init__(self, *args, certificates=(), versions=(), documents=(),
                 cooperative: bool = False, **kwargs):
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
        members = [(MEMBERS, _("Weighted from the members' TKDN (choose each member's "
                               "certificate or worksheet below)"))] if cooperative else []
        self.fields["tkdn_source"].choices = [("", _("— no TKDN value —")), *members,
                                              *source_choices(certificates, versions)]
        if cooperative:
            self.fields["tkdn_source"].help_text = _(
                "Your own certificate or worksheet, or the named members' values weighted "
                "by the units each makes.")

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
        """The service's TKDN arguments for the choice made."""
        chosen = self.cleaned_data.get("tkdn_source", "")
        return {**parse_source(chosen), "tkdn_from_members": chosen == MEMBERS}


class MemberForm(forms.Form):
    """One row of a cooperative's bid: a member who will make part of it, how many, and for
    a TKDN weighted from the members, that member's certificate or worksheet."""

    member = forms.ModelChoiceField(label=_("Member"), queryset=Organisation.objects.none(),
                                    required=False)
    quantity = bounds.MEMBER_QUANTITY.form_field(label=_("Quantity (units)"), required=False)
    tkdn_source = forms.ChoiceField(label=_("Member's TKDN from"), required=False)

    def __init__(self, *args, members=None, sources=None,
                 choices: SharedChoices | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["member"].queryset = members
            if choices is not None:
                choices.apply(self.fields["member"])
        # Grouped by member, so the choice works without JavaScript; the service checks
        # that the document is the chosen member's.
        groups = [(member.name, source_choices(*sources[member.pk]))
                  for member in (members or ()) if sources and any(sources[member.pk])]
        self.fields["tkdn_source"].choices = [("", _("—")), *groups]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("member") and not cleaned.get("quantity") \
                and "quantity" not in self.errors:
            self.add_error("quantity", _("How many units this member makes."))
        if (cleaned.get("quantity") or cleaned.get("tkdn_source")) \
                and not cleaned.get("member"):
            self.add_error("member", _("Choose the member."))
        return cleaned


class BaseMemberFormSet(forms.BaseFormSet):
    def sent(self) -> list[forms.Form]:
        """The filled rows: those the service gets, in order."""
        return [f for f in self.forms if f.cleaned_data.get("member")]

    def shares(self) -> list[MemberShare]:
        """The filled rows, for the service."""
        return [MemberShare(f.cleaned_data["member"].pk, f.cleaned_data["quantity"],
                            **parse_source(f.cleaned_data.get("tkdn_source")))
                for f in self.sent()]


MemberFormSet = forms.formset_factory(MemberForm, formset=BaseMemberFormSet, extra=2)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class SplitForm(forms.Form):
    """The evaluation page's share per admissible bid, in units. The inputs are named by the
    bids' public ids (share-<public id>); by_bid and quantities go by the bids' keys."""

    def __init__(self, *args, bids=(), proposed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._bid_of = {}
        for bid in bids:
            label = _("Share of %(bidder)s (units)") % {"bidder": bid.bidder.name}
            name = f"share-{bid.public_id}"
            self._bid_of[name] = bid.pk
            self.fields[name] = number_fields.IntegerField(
                label=label, min_value=0, max_value=bid.terms.quantity,
                required=False, initial=(proposed or {}).get(bid.pk, 0),
                widget=number_fields.NumberTextInput(attrs={
                    "class": "share-input", "aria-label": label, "inputmode": "numeric"}))

    @cached_property
    def by_bid(self) -> dict:
        """bid id → its share's bound field, for the evaluation table (built once: the
        table asks for it on every row)."""
        return {self._bid_of[name]: self[name] for name in self.fields}

    def quantities(self) -> dict[int, int]:
        return {self._bid_of[name]: value or 0 for name, value in self.cleaned_data.items()}

    def posted(self) -> list[tuple[str, int]]:
        """The shares as the confirmation page posts them again."""
        return [(name, value or 0) for name, value in self.cleaned_data.items()]
