"""Contracts and what runs under them.

A contract is made from an award (or by hand for a single order) between a buyer and a
supplier: its items with unit prices, total and minimum quantities and a monthly schedule,
the period, the payment term, the price-adjustment clause (rules.price_adjustment) and the
TKDN as awarded. Its terms change only by a new version that both parties sign; the row holds
the terms in force and each ContractVersion keeps a snapshot, its reason and its signatures.

Under a contract in force the buyer issues call-off orders (surat pesanan) a month at a time
to the supplier, or for a cooperative's contract to the member foundries its plan assigns;
the supplier accepts (booking its capacity) or declines with a reason; deliveries follow,
partial allowed, and inspection (pasok.inspection) sets what of each was accepted.

A partnership commitment is a buyer's promise to the cluster outside one tender: a share of
its need of a part family, or units a year, from named partners over years
(rules.commitments tracks it month by month)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.accounts.permissions import RestrictedQuerySet
from pasok.public_ids import public_id_field
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.tenders import limits

MAX_PAYMENT_TERM_DAYS = 365


class ContractKind(models.TextChoices):
    SINGLE = "single", _("single order")
    FRAMEWORK = "framework", _("framework contract (kontrak payung)")


class Status(models.TextChoices):
    UNSIGNED = "unsigned", _("awaiting signatures")
    SIGNED = "signed", _("signed, not yet started")
    ACTIVE = "active", _("in force")
    ENDED = "ended", _("ended")


class Counter(models.Model):
    """The last number given in a series (contracts KTR, call-offs SP) and year
    (pasok.counters)."""

    series = models.CharField(max_length=5)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"],
                                               name="contract_counter_unique")]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last}"


class Contract(models.Model):
    public_id = public_id_field()
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ContractKind.choices)
    title = models.CharField(_("title"), max_length=200)
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                              related_name="contracts_bought", verbose_name=_("buyer"))
    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                 related_name="contracts_supplied", verbose_name=_("supplier"))
    tender = models.ForeignKey("tenders.Tender", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="contracts",
                               verbose_name=_("awarded in tender"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    payment_term_days = models.PositiveSmallIntegerField(
        _("payment term (days after acceptance)"), default=30,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PAYMENT_TERM_DAYS)])
    tkdn_percent = models.DecimalField(_("TKDN as awarded (%)"), max_digits=5,
                                       decimal_places=2, null=True, blank=True)
    # The agreed price-adjustment clause as data (rules.price_adjustment.Clause); {} for none.
    price_adjustment = models.JSONField(_("price adjustment"), default=dict, blank=True)
    version = models.PositiveSmallIntegerField(_("version in force"), default=0)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "reference"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="contract_ends_after_start",
                                   violation_error_message=_("A contract cannot end before it "
                                                             "starts.")),
            models.CheckConstraint(condition=Q(payment_term_days__gte=1,
                                               payment_term_days__lte=MAX_PAYMENT_TERM_DAYS),
                                   name="contract_payment_term_range",
                                   violation_error_message=_("The payment term is 1 to 365 "
                                                             "days.")),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def status_on(self, day) -> str:
        if self.version == 0:
            return Status.UNSIGNED
        if day < self.starts_on:
            return Status.SIGNED
        return Status.ACTIVE if day <= self.ends_on else Status.ENDED

    @property
    def status(self) -> str:
        return self.status_on(clock.today())

    @property
    def status_label(self) -> str:
        return Status(self.status).label


class ContractDocument(models.Model):
    """A file of the contract (the signed contract, its technical annex, a drawing), as PDF,
    JPEG or PNG (pasok.web.uploads), kept in the database like a NIB document. Either party
    adds them; whoever sees the contract reads them."""

    public_id = public_id_field()
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    data = models.BinaryField()
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["contract", "uploaded_at", "pk"]
        verbose_name = _("contract document")
        verbose_name_plural = _("contract documents")

    def __str__(self):
        return f"{self.contract.reference} · {self.title}"


class ContractItem(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("item"))
    product = models.CharField(_("product"), max_length=200)
    family = models.CharField(_("part family"), max_length=20, choices=PART_FAMILIES,
                              default="other")
    grade = models.ForeignKey("suppliers.MaterialGrade", null=True, blank=True,
                              on_delete=models.PROTECT, verbose_name=_("material grade"))
    unit = models.CharField(_("unit"), max_length=20, default="pcs")
    unit_weight_kg = models.DecimalField(
        _("unit weight (kg)"), max_digits=9, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(limits.MAX_UNIT_WEIGHT_KG)])
    unit_price = models.DecimalField(
        _("unit price"), max_digits=16, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(limits.MAX_UNIT_PRICE)])
    quantity = models.PositiveIntegerField(
        _("total quantity"), validators=[MinValueValidator(1),
                                         MaxValueValidator(limits.MAX_LOT_QUANTITY)])
    minimum_quantity = models.PositiveIntegerField(_("minimum quantity"), default=0)
    # The award it was made from (none for a contract made by hand).
    award = models.OneToOneField("tenders.Award", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="contract_item",
                                 verbose_name=_("award"))
    # The acceptance quality limit and inspection level its deliveries are inspected at.
    aql = models.DecimalField(_("AQL"), max_digits=6, decimal_places=3, default=2.5)
    inspection_level = models.CharField(_("inspection level"), max_length=3, default="II")

    class Meta:
        ordering = ["contract", "number"]
        verbose_name = _("contract item")
        verbose_name_plural = _("contract items")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"],
                                    name="contract_item_number_unique",
                                    violation_error_message=_("This contract already has an "
                                                              "item with this number.")),
            models.CheckConstraint(condition=Q(minimum_quantity__lte=models.F("quantity")),
                                   name="contract_item_minimum_at_most_total",
                                   violation_error_message=_("The minimum quantity is at "
                                                             "most the total.")),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="contract_item_quantity",
                                   violation_error_message=_("An item holds at least one "
                                                             "unit.")),
        ]

    def __str__(self):
        return f"{self.contract.reference} {self.number}: {self.product}"

    @property
    def value(self):
        return self.unit_price * self.quantity


class ScheduledMonth(models.Model):
    """Units of an item the schedule foresees in one month (its first day)."""

    item = models.ForeignKey(ContractItem, on_delete=models.CASCADE, related_name="months")
    month = models.DateField(_("month"))
    units = models.PositiveIntegerField(_("units"))

    class Meta:
        ordering = ["item", "month"]
        verbose_name = _("scheduled month")
        verbose_name_plural = _("scheduled months")
        constraints = [
            models.UniqueConstraint(fields=["item", "month"], name="scheduled_month_once"),
            models.CheckConstraint(condition=Q(month__day=1), name="scheduled_month_first_day"),
        ]

    def __str__(self):
        return f"{self.item}: {self.month:%Y-%m} {self.units}"


class ContractVersion(models.Model):
    """One version of a contract's terms: the first as made, later ones amendments. It is in
    force once both parties have signed it; `terms` is the snapshot (services.terms_of)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    terms = models.JSONField(editable=False)
    reason = models.TextField(_("reason for the amendment"), blank=True)
    proposed_at = models.DateTimeField(_("proposed at"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    buyer_signed_at = models.DateTimeField(_("signed by the buyer at"), null=True, blank=True)
    buyer_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    supplier_signed_at = models.DateTimeField(_("signed by the supplier at"), null=True,
                                              blank=True)
    supplier_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["contract", "number"]
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        constraints = [models.UniqueConstraint(fields=["contract", "number"],
                                               name="contract_version_unique")]

    def __str__(self):
        return f"{self.contract.reference} v{self.number}"

    @property
    def signed(self) -> bool:
        return self.buyer_signed_at is not None and self.supplier_signed_at is not None


class CallOffStatus(models.TextChoices):
    ISSUED = "issued", _("awaiting the supplier")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class CallOffSource(models.TextChoices):
    HAND = "hand", _("issued by hand")
    PLAN = "plan", _("from the allocation plan")


class CallOff(models.Model):
    """A call-off order (surat pesanan): units of a contract item for one month, to the
    contract's supplier or, for a cooperative's contract, to one of its member foundries."""

    public_id = public_id_field()
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    item = models.ForeignKey(ContractItem, on_delete=models.PROTECT, related_name="call_offs",
                             verbose_name=_("contract item"))
    maker = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="call_offs",
                              verbose_name=_("made by"))
    month = models.DateField(_("month"))
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1),
                                   MaxValueValidator(limits.MAX_LOT_QUANTITY)])
    deliver_by = models.DateField(_("deliver by"))
    source = models.CharField(_("issued"), max_length=4, choices=CallOffSource.choices,
                              default=CallOffSource.HAND)
    status = models.CharField(_("status"), max_length=10, choices=CallOffStatus.choices,
                              default=CallOffStatus.ISSUED)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "reference"]
        verbose_name = _("call-off order")
        verbose_name_plural = _("call-off orders")
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="call_off_month_first_day"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="call_off_quantity",
                                   violation_error_message=_("A call-off orders at least one "
                                                             "unit.")),
        ]
        indexes = [models.Index(fields=["maker", "month"])]

    def __str__(self):
        return f"{self.reference}: {self.quantity} × {self.item.product}"


class Delivery(models.Model):
    """Goods delivered against a call-off (partial allowed) with its delivery note (surat
    jalan). Inspection (pasok.inspection) sets the accepted quantity and the day it was
    accepted; a replacement delivery names the one it replaces."""

    public_id = public_id_field()
    call_off = models.ForeignKey(CallOff, on_delete=models.PROTECT, related_name="deliveries",
                                 verbose_name=_("call-off order"))
    note_number = models.CharField(_("delivery note number"), max_length=50)
    shipped_on = models.DateField(_("shipped on"))
    received_on = models.DateField(_("received on"))
    quantity = models.PositiveIntegerField(
        _("quantity delivered"), validators=[MinValueValidator(1),
                                             MaxValueValidator(limits.MAX_LOT_QUANTITY)])
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="replacements",
                                 verbose_name=_("replaces the delivery"))
    accepted_quantity = models.PositiveIntegerField(_("quantity accepted"), null=True,
                                                    blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.CheckConstraint(condition=Q(received_on__gte=models.F("shipped_on")),
                                   name="delivery_received_after_shipped",
                                   violation_error_message=_("Goods cannot be received before "
                                                             "they are shipped.")),
            models.CheckConstraint(
                condition=Q(accepted_quantity__isnull=True)
                | Q(accepted_quantity__lte=models.F("quantity")),
                name="delivery_accepts_at_most_delivered",
                violation_error_message=_("More cannot be accepted than was delivered.")),
        ]

    def __str__(self):
        return f"{self.call_off.reference} · {self.note_number}"

    @property
    def inspected(self) -> bool:
        return self.accepted_quantity is not None


class PartnershipCommitment(models.Model):
    """A buyer's commitment to the cluster (mitra tetap): at least `share_percent` of its
    need of a part family, or `units_per_year`, from the partners, from `starts_on` to
    `ends_on`. The buyer reports its need month by month (CommitmentNeed); what it ordered
    from the partners is its call-offs of that family to them."""

    public_id = public_id_field()
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                              related_name="commitments", verbose_name=_("buyer"))
    partners = models.ManyToManyField(Organisation, related_name="partner_commitments",
                                      verbose_name=_("partners"))
    family = models.CharField(_("part family"), max_length=20, choices=PART_FAMILIES)
    share_percent = models.DecimalField(
        _("share of the need (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    units_per_year = models.PositiveIntegerField(_("units a year"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    signed_at = models.DateTimeField(_("signed at"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("partnership commitment")
        verbose_name_plural = _("partnership commitments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(share_percent__isnull=False, units_per_year__isnull=True)
                           | Q(share_percent__isnull=True, units_per_year__isnull=False)),
                name="commitment_share_or_units",
                violation_error_message=_("A commitment is either a share of the need or "
                                          "units a year.")),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="commitment_ends_after_start",
                                   violation_error_message=_("A commitment cannot end before "
                                                             "it starts.")),
        ]

    def __str__(self):
        return f"{self.buyer}: {self.get_family_display()}"


class CommitmentNeed(models.Model):
    """What the buyer needed of the commitment's part family in one month, as it reported."""

    commitment = models.ForeignKey(PartnershipCommitment, on_delete=models.CASCADE,
                                   related_name="needs")
    month = models.DateField(_("month"))
    units = models.PositiveIntegerField(_("units needed"))

    class Meta:
        ordering = ["commitment", "month"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "month"], name="commitment_need_once"),
            models.CheckConstraint(condition=Q(month__day=1), name="commitment_need_first_day"),
        ]

    def __str__(self):
        return f"{self.commitment}: {self.month:%Y-%m} {self.units}"
