"""Business matching (temu bisnis) followed to orders.

A MediationEvent is a meeting the ministry organises: when and where, the part families
discussed, and its participants (buyers and foundries or cooperatives, each invited,
present or both). A Pairing is one buyer and one supplier-side organisation brought
together at an event over a part family; it climbs the ordered Stage ladder, never down,
and each stage it reaches is kept with its day (StageReached), so the funnel can be drawn
over time. A pairing links the tender and the contract that came of it (the buyer's own, the
contract between the pair); the contract's call-offs and deliveries are the orders
delivered. A FollowUp (tindak lanjut) is what someone must do next for a pairing, with an
owner and a due date; reminders go out once a day while it is due soon or overdue."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.accounts.permissions import RestrictedQuerySet
from pasok.public_ids import public_id_field
from pasok.suppliers.catalogue import PART_FAMILIES


class Stage(models.IntegerChoices):
    """How far a pairing got, in order: a later stage implies the earlier ones."""

    INTEREST = 1, _("interest")
    RFQ = 2, _("RFQ issued")
    SAMPLES = 3, _("samples ordered")
    SAMPLE_APPROVED = 4, _("sample approved")
    FIRST_ORDER = 5, _("first order")
    CONTRACT = 6, _("contract")


class MediationEvent(models.Model):
    public_id = public_id_field()
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    organiser = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                  related_name="mediation_events_organised",
                                  verbose_name=_("organiser"))
    # Codes of suppliers.catalogue.PART_FAMILIES.
    families = models.JSONField(_("part families discussed"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("business matching event")
        verbose_name_plural = _("business matching events")

    def __str__(self):
        return f"{self.title} ({self.held_on:%Y-%m-%d})"

    def family_labels(self) -> list[str]:
        names = dict(PART_FAMILIES)
        return [str(names[code]) for code in self.families if code in names]


class Participant(models.Model):
    event = models.ForeignKey(MediationEvent, on_delete=models.CASCADE,
                              related_name="participants", verbose_name=_("event"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="mediation_participations",
                                     verbose_name=_("organisation"))
    invited = models.BooleanField(_("invited"), default=True)
    present = models.BooleanField(_("present"), default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["event", "organisation__name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"],
                                    name="mediation_participant_once",
                                    violation_error_message=_("This organisation is on the "
                                                              "event's list already.")),
            models.CheckConstraint(condition=Q(invited=True) | Q(present=True),
                                   name="mediation_participant_invited_or_present",
                                   violation_error_message=_("A participant was invited, "
                                                             "came, or both.")),
        ]

    def __str__(self):
        return f"{self.organisation.name} @ {self.event.title}"


class Pairing(models.Model):
    public_id = public_id_field()
    event = models.ForeignKey(MediationEvent, on_delete=models.PROTECT,
                              related_name="pairings", verbose_name=_("event"))
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                              related_name="mediation_pairings_bought",
                              verbose_name=_("buyer"))
    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                 related_name="mediation_pairings_supplied",
                                 verbose_name=_("supplier"))
    family = models.CharField(_("part family"), max_length=20, choices=PART_FAMILIES)
    stage = models.PositiveSmallIntegerField(_("stage reached"), choices=Stage.choices,
                                             default=Stage.INTEREST)
    notes = models.TextField(_("notes"), blank=True)
    tender = models.ForeignKey("tenders.Tender", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="mediation_pairings",
                               verbose_name=_("tender"))
    contract = models.ForeignKey("contracts.Contract", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="mediation_pairings",
                                 verbose_name=_("contract"))
    # The request for quotation the buyer sent the supplier after the meeting (pasok.rfqs).
    rfq = models.ForeignKey("rfqs.Rfq", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="pairings", verbose_name=_("request for quotation"))
    created_at = models.DateTimeField(_("created at"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["event", "buyer__name", "supplier__name", "family"]
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        constraints = [
            models.UniqueConstraint(fields=["event", "buyer", "supplier", "family"],
                                    name="mediation_pairing_once",
                                    violation_error_message=_("This buyer and supplier are "
                                                              "paired over this family at "
                                                              "this event already.")),
            models.CheckConstraint(condition=Q(stage__gte=Stage.INTEREST,
                                               stage__lte=Stage.CONTRACT),
                                   name="mediation_pairing_stage_known",
                                   violation_error_message=_("Choose one of the stages.")),
            models.CheckConstraint(condition=~Q(buyer=F("supplier")),
                                   name="mediation_pairing_two_parties",
                                   violation_error_message=_("A pairing is of two "
                                                             "organisations.")),
        ]

    def __str__(self):
        return f"{self.buyer.name} × {self.supplier.name} · {self.family}"


class StageReached(models.Model):
    """The day a pairing reached a stage (the first stage: the event's day)."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="stages",
                                verbose_name=_("pairing"))
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    reached_on = models.DateField(_("reached on"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["pairing", "stage"]
        verbose_name = _("stage reached")
        verbose_name_plural = _("stages reached")
        constraints = [
            models.UniqueConstraint(fields=["pairing", "stage"],
                                    name="mediation_stage_once",
                                    violation_error_message=_("The pairing reached this stage "
                                                              "already.")),
        ]
        indexes = [models.Index(fields=["stage", "reached_on"])]

    def __str__(self):
        return f"{self.pairing_id}: {self.stage} on {self.reached_on:%Y-%m-%d}"


class FollowUp(models.Model):
    public_id = public_id_field()
    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="follow_ups",
                                verbose_name=_("pairing"))
    action = models.CharField(_("what to do"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="mediation_follow_ups", verbose_name=_("owner"))
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self):
        return self.action[:80]

    @property
    def overdue(self) -> bool:
        return self.done_at is None and self.due_on < clock.today()
