"""Requests for quotation (RFQ, permintaan penawaran harga): a buyer asks chosen foundries,
or every capable one, for a price on a part; quotations (penawaran harga) are sealed until
the deadline like bids (pasok.tenders.sealing); the chosen one leads to a sample order, its
first-article results (PPAP: rules.first_article), approval, and a contract."""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation, WithoutContent
from pasok.accounts.permissions import RestrictedQuerySet
from pasok.public_ids import public_id_field
from pasok.rules import first_article
from pasok.rules.first_article import KINDS
from pasok.suppliers.catalogue import CERTIFICATE_KINDS, PART_FAMILIES
from pasok.suppliers.models import MaterialGrade


class Invite(models.TextChoices):
    CHOSEN = "chosen", _("the foundries chosen")
    CAPABLE = "capable", _("every capable foundry")


class Status(models.TextChoices):
    """Not stored: Rfq.status_at derives it from the records and the clock."""

    OPEN = "open", _("taking quotations")
    CLOSED = "closed", _("closed: quotations to compare")
    SAMPLING = "sampling", _("sample ordered")
    APPROVED = "approved", _("first article approved")
    CONTRACTED = "contracted", _("contract made")


class Rfq(models.Model):
    # A buyer's RFQs are its own business: routes name them by a random id, not the key.
    public_id = public_id_field()
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="rfqs",
                              verbose_name=_("buyer"))
    part_name = models.CharField(_("part"), max_length=200)
    family = models.CharField(_("part family"), max_length=20, choices=PART_FAMILIES)
    grade = models.ForeignKey(MaterialGrade, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("material grade"))
    unit_weight_kg = models.DecimalField(_("unit weight (kg)"), max_digits=9, decimal_places=2)
    annual_volume = models.PositiveIntegerField(_("annual volume (units)"))
    target_unit_price = models.DecimalField(_("target unit price"), max_digits=15,
                                            decimal_places=2)
    certificate = models.CharField(_("certificate needed"), max_length=20, blank=True,
                                   choices=CERTIFICATE_KINDS)
    deadline = models.DateTimeField(_("quotations until"))
    invite = models.CharField(_("sent to"), max_length=10, choices=Invite.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("sent at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    contract = models.OneToOneField("contracts.Contract", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="rfq",
                                    verbose_name=_("contract"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("request for quotation")
        verbose_name_plural = _("requests for quotation")
        constraints = [
            models.CheckConstraint(condition=Q(unit_weight_kg__gt=0), name="rfq_weight_positive",
                                   violation_error_message=_("A unit weighs more than 0 kg.")),
            models.CheckConstraint(condition=Q(annual_volume__gt=0), name="rfq_volume_positive",
                                   violation_error_message=_("The annual volume is at least "
                                                             "one unit.")),
            models.CheckConstraint(condition=Q(target_unit_price__gt=0),
                                   name="rfq_target_positive",
                                   violation_error_message=_("The target unit price is more "
                                                             "than Rp0.")),
            models.CheckConstraint(condition=Q(deadline__gt=F("created_at")),
                                   name="rfq_deadline_after_sending",
                                   violation_error_message=_("The deadline is after the "
                                                             "request is sent.")),
        ]

    def __str__(self):
        return f"{self.reference} · {self.part_name}"

    def is_open(self, now) -> bool:
        return now < self.deadline

    def status_at(self, now, *, sampled: bool, approved: bool) -> str:
        """Its stage: `sampled` (a sample order exists), `approved` (a first article
        approved) come from the records the caller read."""
        if self.contract_id:
            return Status.CONTRACTED
        if approved:
            return Status.APPROVED
        if sampled:
            return Status.SAMPLING
        return Status.OPEN if self.is_open(now) else Status.CLOSED


class RfqDrawing(models.Model):
    """The part's drawing (a PDF, checked by its bytes in web.uploads). The bytes live in the
    database like an NIB document; the related accessor leaves them out."""

    rfq = models.OneToOneField(Rfq, on_delete=models.CASCADE, related_name="drawing",
                               verbose_name=_("request for quotation"))
    filename = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    data = models.BinaryField()

    objects = RestrictedQuerySet.as_manager()
    without_content = WithoutContent()

    class Meta:
        base_manager_name = "without_content"
        verbose_name = _("drawing")
        verbose_name_plural = _("drawings")

    def __str__(self):
        return self.filename


class RfqInvitation(models.Model):
    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="invitations",
                            verbose_name=_("request for quotation"))
    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                 related_name="rfq_invitations", verbose_name=_("supplier"))

    class Meta:
        ordering = ["rfq", "supplier__name"]
        constraints = [models.UniqueConstraint(
            fields=["rfq", "supplier"], name="rfq_invitation_once",
            violation_error_message=_("This supplier is already invited."))]

    def __str__(self):
        return f"{self.rfq.reference} · {self.supplier}"


class Quotation(models.Model):
    """One invited supplier's price for an RFQ. What it says lives only in `sealed`
    (pasok.tenders.sealing) and is read back, after the deadline, by those the permission
    rule lets see it (accounts.permissions: its quoter always, the buyer after the
    deadline)."""

    public_id = public_id_field()
    rfq = models.ForeignKey(Rfq, on_delete=models.PROTECT, related_name="quotations",
                            verbose_name=_("request for quotation"))
    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                 related_name="quotations", verbose_name=_("supplier"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    sealed = models.BinaryField()
    digest = models.CharField(_("receipt digest (SHA-256)"), max_length=64)
    submitted_at = models.DateTimeField(_("received at"))
    version = models.PositiveIntegerField(default=1)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["rfq", "submitted_at"]
        verbose_name = _("quotation")
        verbose_name_plural = _("quotations")
        constraints = [models.UniqueConstraint(
            fields=["rfq", "supplier"], name="one_quotation_per_supplier",
            violation_error_message=_("This supplier has already quoted; replace that "
                                      "quotation instead."))]

    def __str__(self):
        return f"{self.rfq.reference} · {self.supplier}"

    @cached_property
    def terms(self):
        """What it says (content.QuotationContent): read only through a row the permission
        rule let the reader have (selectors)."""
        from pasok.tenders import sealing

        from .content import QuotationContent
        return QuotationContent.of(sealing.unseal(self.sealed))


class SampleOrder(models.Model):
    public_id = public_id_field()
    rfq = models.ForeignKey(Rfq, on_delete=models.PROTECT, related_name="sample_orders",
                            verbose_name=_("request for quotation"))
    quotation = models.ForeignKey(Quotation, on_delete=models.PROTECT,
                                  related_name="sample_orders", verbose_name=_("quotation"))
    quantity = models.PositiveIntegerField(_("sample quantity"))
    due_on = models.DateField(_("samples due on"))
    ordered_at = models.DateTimeField(_("ordered at"))
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["ordered_at", "pk"]
        verbose_name = _("sample order")
        verbose_name_plural = _("sample orders")
        constraints = [models.CheckConstraint(
            condition=Q(quantity__gt=0), name="sample_quantity_positive",
            violation_error_message=_("Order at least one sample."))]

    def __str__(self):
        return f"{self.rfq.reference} · {self.quantity}"


class Decision(models.TextChoices):
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class FirstArticleInspection(models.Model):
    """The buyer's measurements of a sample (PPAP's dimensional and material results) with
    the verdict rules.first_article gives, and the buyer's approval or rejection."""

    public_id = public_id_field()
    sample_order = models.ForeignKey(SampleOrder, on_delete=models.PROTECT,
                                     related_name="inspections", verbose_name=_("sample order"))
    inspected_on = models.DateField(_("inspected on"))
    passes = models.BooleanField(_("within every limit"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, blank=True,
                                choices=Decision.choices)
    decision_note = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("first-article inspection")
        verbose_name_plural = _("first-article inspections")
        constraints = [models.CheckConstraint(
            condition=~Q(decision=Decision.APPROVED) | Q(passes=True),
            name="first_article_approved_passes",
            violation_error_message=_("Only a first article within every limit is "
                                      "approved."))]

    def __str__(self):
        return f"{self.sample_order.rfq.reference} · {self.inspected_on}"


class MeasuredCharacteristic(models.Model):
    inspection = models.ForeignKey(FirstArticleInspection, on_delete=models.CASCADE,
                                   related_name="characteristics",
                                   verbose_name=_("first-article inspection"))
    kind = models.CharField(_("kind"), max_length=10, choices=[
        (KINDS[0], _("dimension")), (KINDS[1], _("hardness")), (KINDS[2], _("chemistry"))])
    name = models.CharField(_("characteristic"), max_length=100)
    nominal = models.DecimalField(_("nominal"), max_digits=12, decimal_places=4, null=True,
                                  blank=True)
    lower = models.DecimalField(_("lower limit"), max_digits=12, decimal_places=4, null=True,
                                blank=True)
    upper = models.DecimalField(_("upper limit"), max_digits=12, decimal_places=4, null=True,
                                blank=True)
    measured = models.DecimalField(_("measured"), max_digits=12, decimal_places=4)

    class Meta:
        ordering = ["inspection", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lower__isnull=False) | Q(upper__isnull=False),
                name="characteristic_has_a_limit",
                violation_error_message=_("Give a lower limit, an upper limit or both.")),
            models.CheckConstraint(
                condition=Q(lower__isnull=True) | Q(upper__isnull=True)
                | Q(lower__lte=F("upper")),
                name="characteristic_limits_ordered",
                violation_error_message=_("The lower limit is at most the upper limit.")),
        ]

    def __str__(self):
        return self.name

    @cached_property
    def failure(self) -> first_article.Failure | None:
        """How it falls outside its limits (rules.first_article), or None."""
        return first_article.failure(first_article.Characteristic(
            kind=self.kind, name=self.name, measured=self.measured, lower=self.lower,
            upper=self.upper, nominal=self.nominal))
