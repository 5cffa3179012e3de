"""Tenders, lots and sealed bids. What a tender's status is follows from its timestamps and
the one clock (pasok.clock), so it is right even when no scheduler ran."""

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.accounts.permissions import RestrictedQuerySet
from pasok.months import add_months, month_start
from pasok.public_ids import public_id_field
from pasok.rules import objection_period
from pasok.rules.time_zones import zone_of_province
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.web.formatting import localized_number

from . import limits
from .content import BidContent, makers
from .lifecycle import Stage

STATUS_LABELS = {Stage.DRAFT: _("Draft"), Stage.PUBLISHED: _("Published"),
                 Stage.CLOSED: _("Closed"), Stage.OPENED: _("Opened"),
                 Stage.EVALUATED: _("Evaluated"), Stage.AWARDED: _("Awarded"),
                 Stage.CANCELLED: _("Cancelled")}
# The lifecycle's stages (lifecycle.Stage, their one definition) with their labels.
Status = models.TextChoices("Status", [(s.name, (s.value, STATUS_LABELS[s])) for s in Stage])


class Tender(models.Model):
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="tenders",
                              verbose_name=_("buyer"))
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    min_tkdn_percent = models.DecimalField(_("minimum TKDN (%)"), max_digits=5,
                                           decimal_places=2, default=0)
    max_preference_percent = models.DecimalField(_("maximum price preference (%)"),
                                                 max_digits=4, decimal_places=2, default=25)
    bid_deadline = models.DateTimeField(_("bid deadline"))
    opening_time = models.DateTimeField(_("opening time"))
    # The month the lots' delivery schedules start (the first of that month). Tenders made
    # before it was asked start the month after their opening (delivery_start).
    first_delivery_month = models.DateField(_("first delivery month"), null=True, blank=True)
    split_award_allowed = models.BooleanField(_("split awards allowed"), default=False)
    required_documents = models.JSONField(_("required documents"), default=list, blank=True)
    small_business_reserved = models.BooleanField(_("reserved for small businesses"),
                                                  default=True)
    reservation_exemption = models.TextField(
        _("technical reason the package is not reserved"), blank=True)
    created_at = models.DateTimeField(_("created at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    awarded_at = models.DateTimeField(_("awarded at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Masa sanggah: calendar days after the award announcement (rules.objection_period).
    objection_days = models.PositiveSmallIntegerField(
        _("objection period (calendar days)"), default=objection_period.DEFAULT_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(objection_period.MAX_DAYS)])
    # A tender made for the quantities an earlier award left uncovered.
    follows = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="follow_ups",
                                verbose_name=_("for what was left uncovered by"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-bid_deadline"]
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        constraints = [
            models.CheckConstraint(condition=Q(opening_time__gte=models.F("bid_deadline")),
                                   name="tender_opens_after_deadline",
                                   violation_error_message=_("The opening cannot be before the "
                                                             "bid deadline.")),
            models.CheckConstraint(condition=Q(max_preference_percent__gte=0,
                                               max_preference_percent__lte=25),
                                   name="tender_preference_at_most_25",
                                   violation_error_message=_("The price preference is between 0%% "
                                                             "and 25%%.")),
            models.CheckConstraint(condition=Q(min_tkdn_percent__gte=0,
                                               min_tkdn_percent__lte=100),
                                   name="tender_min_tkdn_percent",
                                   violation_error_message=_("The minimum TKDN is between 0%% and "
                                                             "100%%.")),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def status_at(self, now) -> str:
        if self.cancelled_at:
            return Status.CANCELLED
        if self.awarded_at:
            return Status.AWARDED
        if self.evaluated_at:
            return Status.EVALUATED
        if self.opened_at:
            return Status.OPENED
        if self.published_at is None:
            return Status.DRAFT
        return Status.CLOSED if now >= self.bid_deadline else Status.PUBLISHED

    @property
    def status(self) -> str:
        return self.status_at(clock.now())

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def latest_addendum(self) -> int:
        """The number of the tender's latest addendum (0: none)."""
        return self.addenda.aggregate(n=models.Max("number"))["n"] or 0

    @property
    def objection_period_end(self):
        """When the masa sanggah after the award announcement ends (None before the award)."""
        if self.awarded_at is None:
            return None
        # Midnight in the buyer's zone (its province), whoever reads it.
        zone = ZoneInfo(zone_of_province(self.buyer.province).iana)
        return objection_period.period_end(self.awarded_at.astimezone(zone),
                                           self.objection_days)

    def objections_open_at(self, now) -> bool:
        """Bidders may still object: the award is announced and its period runs."""
        return self.awarded_at is not None and self.cancelled_at is None \
            and now < self.objection_period_end

    def award_final_at(self, now) -> bool:
        """The award is final (contracts may follow): its objection period has passed and
        every objection filed in it is answered."""
        return (self.awarded_at is not None and self.cancelled_at is None
                and now >= self.objection_period_end
                and not self.objections.filter(answered_at__isnull=True).exists())

    @property
    def award_final(self) -> bool:
        return self.award_final_at(clock.now())

    @property
    def delivery_start(self):
        """The first month of delivery: the one asked for, else the month after opening."""
        if self.first_delivery_month:
            return month_start(self.first_delivery_month)
        return add_months(month_start(timezone.localdate(self.opening_time)), 1)

    @property
    def package_value(self):
        """The owner estimate of the whole package: Σ HPS per unit × quantity."""
        return sum((lot.hps_unit_price * lot.quantity for lot in self.lots.all()), 0)


class ReferenceCounter(models.Model):
    """The last tender number given in a year (references.next_reference): one row a year,
    incremented in the creating transaction, so two tenders saved at once never read the
    same number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class ShortfallReason(models.TextChoices):
    """Why an award left part of a lot uncovered."""

    NO_BID = "no_bid", _("no admissible bid")
    OFFERED = "offered", _("the quantity the bids offered")
    CAPACITY = "capacity", _("the monthly capacity offered over the schedule")
    CHOSEN = "chosen", _("the shares the buyer awarded")


class Lot(models.Model):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("lot"))
    product = models.CharField(_("product"), max_length=200)
    grade = models.ForeignKey("suppliers.MaterialGrade", null=True, blank=True,
                              on_delete=models.PROTECT, verbose_name=_("material grade"))
    drawing_reference = models.CharField(_("drawing reference"), max_length=100, blank=True)
    # What the buyer counts the lot's need by (its contract items and the early warnings).
    family = models.CharField(_("part family"), max_length=20, choices=PART_FAMILIES,
                              default="other")
    unit_weight_kg = models.DecimalField(
        _("unit weight (kg)"), max_digits=9, decimal_places=2,
        validators=[MaxValueValidator(limits.MAX_UNIT_WEIGHT_KG)])
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1),
                                   MaxValueValidator(limits.MAX_LOT_QUANTITY)])
    unit = models.CharField(_("unit"), max_length=20, default="pcs")
    delivery_schedule = models.JSONField(_("monthly delivery schedule"), default=list,
                                         blank=True)
    hps_unit_price = models.DecimalField(
        _("owner estimate (HPS) per unit"), max_digits=16, decimal_places=2,
        validators=[MaxValueValidator(limits.MAX_UNIT_PRICE)])
    # What the award covered and left uncovered (None until the award), and why.
    covered_quantity = models.PositiveIntegerField(_("covered by the award"), null=True,
                                                   blank=True)
    uncovered_quantity = models.PositiveIntegerField(_("left uncovered"), null=True,
                                                     blank=True)
    shortfall_reason = models.CharField(_("uncovered because of"), max_length=10,
                                        choices=ShortfallReason.choices, blank=True)

    class Meta:
        ordering = ["tender", "number"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [
            models.UniqueConstraint(
                fields=["tender", "number"], name="lot_number_unique",
                violation_error_message=_("This tender already has a lot with this number.")),
            models.CheckConstraint(
                condition=Q(quantity__gt=0, quantity__lte=limits.MAX_LOT_QUANTITY),
                name="lot_quantity_range",
                violation_error_message=_("A lot holds 1 to 10,000,000 units.")),
            models.CheckConstraint(
                condition=Q(hps_unit_price__gt=0, hps_unit_price__lte=limits.MAX_UNIT_PRICE),
                name="lot_hps_range",
                violation_error_message=_("The owner estimate per unit is more than 0 and at "
                                          "most Rp10,000,000,000.")),
            models.CheckConstraint(
                condition=Q(unit_weight_kg__gt=0,
                            unit_weight_kg__lte=limits.MAX_UNIT_WEIGHT_KG),
                name="lot_weight_range",
                violation_error_message=_("A unit weighs more than 0 and at most "
                                          "100,000 kg.")),
            models.CheckConstraint(
                condition=(Q(covered_quantity__isnull=True, uncovered_quantity__isnull=True)
                           | Q(covered_quantity__isnull=False, uncovered_quantity__isnull=False,
                               covered_quantity=models.F("quantity")
                               - models.F("uncovered_quantity"))),
                name="lot_cover_adds_up",
                violation_error_message=_("The covered and the uncovered units add up to "
                                          "the lot.")),
        ]

    def __str__(self):
        return f"{self.tender.reference} lot {self.number}: {self.product}"

    def monthly_deliveries(self) -> list[tuple]:
        """(month, units) from the tender's first delivery month: the schedule, or the
        whole quantity in the first month where the lot has none."""
        schedule = [int(q) for q in self.delivery_schedule] or [self.quantity]
        start = self.tender.delivery_start
        return [(add_months(start, i), units) for i, units in enumerate(schedule)]


class Bid(models.Model):
    """One supplier's offer on one lot. Its content lives only in `sealed` (encrypted) until
    the tender is opened; `opened_content` holds it afterwards, for everyone who may see."""

    public_id = public_id_field()
    tender = models.ForeignKey(Tender, on_delete=models.PROTECT, related_name="bids")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="bids")
    bidder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="bids",
                               verbose_name=_("bidder"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    sealed = models.BinaryField()
    digest = models.CharField(_("receipt digest (SHA-256)"), max_length=64)
    submitted_at = models.DateTimeField(_("received at"))
    version = models.PositiveIntegerField(default=1)
    # The latest addendum (Addendum.number) the standing bid was made or confirmed against.
    addendum = models.PositiveSmallIntegerField(_("stands against addendum"), default=0)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    opened_content = models.JSONField(null=True, blank=True, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["lot", "submitted_at"]
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [models.UniqueConstraint(fields=["lot", "bidder"],
                                               name="one_bid_per_bidder_per_lot",
                                               violation_error_message=_("This supplier has "
                                                                         "already bid on this "
                                                                         "lot; replace that bid "
                                                                         "instead."))]

    def __str__(self):
        return f"{self.lot} · {self.bidder}"

    @cached_property
    def terms(self) -> BidContent:
        """What the opened bid says, typed (content.BidContent): only after the opening."""
        if self.opened_content is None:
            raise ValueError("a bid's terms are read only after the opening")
        return BidContent.of(self.opened_content)

    def makers(self) -> list[tuple[int, Decimal]]:
        """(organisation, share of the units) of whoever makes the opened bid's goods."""
        return makers(self.bidder_id, self.terms.member_units)


class BidDocument(models.Model):
    """A file a bid attaches for one of the tender's required documents. Part of the sealed
    bid: the bytes are encrypted like the content (sealing.seal_bytes), and the file name
    lives only in the sealed content, whose digest covers the file's SHA-256."""

    public_id = public_id_field()
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="documents",
                            verbose_name=_("bid"))
    kind = models.CharField(_("document"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sealed = models.BinaryField()
    uploaded_at = models.DateTimeField(_("uploaded at"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["bid", "kind"]
        verbose_name = _("bid document")
        verbose_name_plural = _("bid documents")
        constraints = [models.UniqueConstraint(fields=["bid", "kind"],
                                               name="one_document_per_kind_per_bid",
                                               violation_error_message=_("This bid already has "
                                                                         "this document; upload "
                                                                         "it once."))]

    def __str__(self):
        return f"{self.bid} · {self.kind}"


class BidEventKind(models.TextChoices):
    RECEIVED = "received", _("received")
    WITHDRAWN = "withdrawn", _("withdrawn")
    CONFIRMED = "confirmed", _("confirmed against an addendum")


class BidEvent(models.Model):
    """One line of a bid's history as its receipts tell it: each version received, with
    the digest of its receipt, and the withdrawal. What an old version said is not kept:
    only the standing version is sealed."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="events",
                            verbose_name=_("bid"))
    kind = models.CharField(_("event"), max_length=10, choices=BidEventKind.choices)
    version = models.PositiveIntegerField(_("version"))
    digest = models.CharField(_("receipt digest (SHA-256)"), max_length=64, blank=True)
    addendum = models.PositiveSmallIntegerField(_("addendum"), null=True, blank=True)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+", verbose_name=_("by"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["bid", "at", "pk"]
        verbose_name = _("bid history entry")
        verbose_name_plural = _("bid history")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="withdrawn") | ~Q(digest=""),
                name="bid_event_received_has_digest",
                violation_error_message=_("A received version has its receipt digest.")),
        ]

    def __str__(self):
        return f"{self.bid} v{self.version} {self.kind}"


class BidEvaluation(models.Model):
    """The evaluation of one opened bid: exclusions with their reason, then the cascade tier,
    preference, HEA and rank (pasok.rules.preference)."""

    bid = models.OneToOneField(Bid, on_delete=models.CASCADE, related_name="evaluation")
    # Why the bid was set aside, as data ({"code": ..., ...}) told in the reader's language.
    exclusion = models.JSONField(_("excluded because"), null=True, blank=True)
    tier = models.CharField(_("cascade tier"), max_length=10, blank=True)
    admissible = models.BooleanField(_("admissible"), default=False)
    kp = models.DecimalField(_("preference factor (KP)"), max_digits=8, decimal_places=6,
                             default=0)
    hea = models.DecimalField(_("final evaluated price (HEA)"), max_digits=18,
                              decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        verbose_name = _("bid evaluation")
        verbose_name_plural = _("bid evaluations")

    def __str__(self):
        return f"{self.bid}: {self.tier} #{self.rank}"

    @property
    def excluded_reason(self) -> str:
        if not self.exclusion:
            return ""
        code = self.exclusion["code"]
        if code == "above_owner_estimate":
            return str(_("above the owner estimate (HPS)"))  # a str, as promised: not lazy
        if code == "missing_documents":
            return _("missing documents: %(docs)s") % {
                "docs": ", ".join(self.exclusion["documents"])}
        if code == "maker_in_two_bids":  # rules.one_bid_per_maker
            if self.exclusion["earlier_is_own"]:
                return _("set aside: %(maker)s, a maker of this bid, bid on this lot itself "
                         "earlier; of two bids with the same maker the later is set aside"
                         ) % self.exclusion
            return _("set aside: the earlier bid of %(earlier)s names %(maker)s as a maker; "
                     "of two bids with the same maker the later is set aside") % self.exclusion
        if code == "not_confirmed":
            return _("not confirmed against addendum %(addendum)s") % self.exclusion
        return _("TKDN below the minimum of %(min)s%%") % {
            "min": localized_number(self.exclusion["minimum"], 2)}



class AwardRule(models.TextChoices):
    """The rule that chose an award's units (awarding.Method)."""

    RANK_ONE = "rank_one", _("rank 1 of the lot")
    HAND_SPLIT = "hand_split", _("split by the buyer")
    OPTIMISED = "optimised", _("split as the allocation engine proposed")


class Award(models.Model):
    """What one bid won of its lot, as the award made it: quantity, price, value and TKDN
    copied from the opened bid at the award. Every later step (award notices, evaluation
    exports, capacity bookings, contracts, open data) reads this record, not bid content."""

    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="award",
                               verbose_name=_("bid"))
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="awards",
                            verbose_name=_("lot"))
    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                 related_name="awards", verbose_name=_("supplier"))
    quantity = models.PositiveIntegerField(
        _("awarded quantity"), validators=[MinValueValidator(1),
                                           MaxValueValidator(limits.MAX_LOT_QUANTITY)])
    unit_price = models.DecimalField(_("unit price"), max_digits=16, decimal_places=2)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    tkdn_percent = models.DecimalField(_("TKDN (%)"), max_digits=5, decimal_places=2,
                                       null=True, blank=True)
    bmp_percent = models.DecimalField(_("BMP (%)"), max_digits=5, decimal_places=2,
                                      default=0)
    # Where the TKDN came from (bid_tkdn: a certificate, a worksheet version, the members)
    # and that document as the bid cited it (content.document_text tells it).
    tkdn_source = models.CharField(_("TKDN from"), max_length=100, blank=True)
    tkdn_document = models.JSONField(null=True, blank=True, editable=False)
    share = models.DecimalField(_("share of the lot"), max_digits=7, decimal_places=6)
    awarded_at = models.DateTimeField(_("awarded at"))
    rule = models.CharField(_("chosen by"), max_length=10, choices=AwardRule.choices)

    class Meta:
        ordering = ["lot_id", "-quantity", "bid_id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0, quantity__lte=limits.MAX_LOT_QUANTITY),
                name="award_quantity_range",
                violation_error_message=_("An award holds 1 to 10,000,000 units.")),
            models.CheckConstraint(
                condition=Q(share__gt=0, share__lte=1), name="award_share_range",
                violation_error_message=_("An award's share of its lot is more than 0 "
                                          "and at most the whole lot.")),
        ]

    def __str__(self):
        return f"{self.bid}: {self.quantity}"


class AwardedMonth(models.Model):
    """What an award delivers in one month of its lot's schedule, as the award was made
    (awarding.Share.deliveries): capacity bookings and what the award left uncovered read
    these, so they follow the award's own month-by-month split."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="months")
    month = models.DateField(_("month"))  # its first day
    units = models.PositiveIntegerField(_("units"))

    class Meta:
        verbose_name = _("awarded month")
        verbose_name_plural = _("awarded months")
        ordering = ["award", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["award", "month"], name="awarded_month_once",
                violation_error_message=_("An awarded bid has one quantity a month.")),
            models.CheckConstraint(
                condition=Q(units__gt=0), name="awarded_month_units_positive",
                violation_error_message=_("An awarded month holds at least one unit.")),
        ]

    def __str__(self):
        return f"{self.award.bid}: {self.month:%Y-%m} {self.units}"


class ProposalStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SOLVING = "solving", _("Solving")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SplitProposal(models.Model):
    """The allocation engine's split of an evaluated tender (split_proposal), worked out once
    in the background (tasks.propose_split), never in a request nor under a lock: the
    evaluation page prefills its shares from it and the optimised award awards it."""

    tender = models.OneToOneField(Tender, on_delete=models.CASCADE,
                                  related_name="split_proposal")
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus.choices,
                              default=ProposalStatus.QUEUED)
    # Per lot: {"number", "quantities": {bid id: units}, "short", "bound_by": {bid id: [rule]}}
    lots = models.JSONField(default=list, blank=True, editable=False)
    queued_at = models.DateTimeField(_("queued at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("split proposal")
        verbose_name_plural = _("split proposals")

    def __str__(self):
        return f"{self.tender.reference}: {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (ProposalStatus.DONE, ProposalStatus.FAILED)


class Question(models.Model):
    """A clarification question on a tender. Everyone who sees the tender reads the
    questions and answers; who asked is told only to the asker's own organisation (the
    audit log names the asker to nobody else)."""

    public_id = public_id_field()
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at"]
        verbose_name = _("clarification question")
        verbose_name_plural = _("clarification questions")

    def __str__(self):
        return self.text[:60]


class Addendum(models.Model):
    """A change to a published tender before its deadline (adendum): the required documents,
    a lot's terms, or the deadline and opening moved later (perpanjangan jadwal). `changes`
    lists what changed, before and after: [{"field", "lot" (its number, or null for the
    tender), "before", "after"}], the values as stored (strings for decimals and moments)."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="addenda")
    number = models.PositiveSmallIntegerField(_("addendum"))
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("what changed"), default=list)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("issued by"))

    class Meta:
        ordering = ["tender", "number"]
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        constraints = [models.UniqueConstraint(
            fields=["tender", "number"], name="addendum_number_unique",
            violation_error_message=_("This tender already has an addendum with this "
                                      "number."))]

    def __str__(self):
        return f"{self.tender.reference} addendum {self.number}"


class TenderReader(models.Model):
    """A supplier-side organisation that opened a published tender's page: addenda are
    told to it (and to every standing bidder)."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="readers")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="+")
    first_read_at = models.DateTimeField(_("first read at"))

    class Meta:
        verbose_name = _("tender reader")
        verbose_name_plural = _("tender readers")
        constraints = [models.UniqueConstraint(
            fields=["tender", "organisation"], name="tender_reader_once",
            violation_error_message=_("This organisation already opened this tender."))]

    def __str__(self):
        return f"{self.tender.reference} · {self.organisation}"


class Objection(models.Model):
    """A bidder's objection to the award (sanggah) during the objection period, once per
    bidder, and the buyer's answer (jawaban sanggah). Read by the buyer, the objector, the
    ministry and platform admins (accounts.permissions)."""

    public_id = public_id_field()
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="objections")
    bidder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("objector"))
    reasons = models.TextField(_("reasons"))
    filed_at = models.DateTimeField(_("filed at"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["tender", "filed_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [models.UniqueConstraint(
            fields=["tender", "bidder"], name="one_objection_per_bidder",
            violation_error_message=_("This bidder has already objected to this award."))]

    def __str__(self):
        return f"{self.tender.reference} · {self.bidder}"
