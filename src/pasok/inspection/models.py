"""Acceptance inspection of delivered lots (ISO 2859-1:1999, single sampling by attributes).

An Inspection is the one record of a delivery's lot: the plan it was inspected to (from
rules.sampling under the switching state of the day), the nonconforming units found in the
sample and whether the lot was accepted; its Nonconformity rows say what was found by kind,
with measured values where they apply. A lot not accepted opens a NonConformanceReport: the
supplier answers with a root cause and corrective action, the buyer accepts the corrective
action, and the NCR closes once a replacement delivery (contracts.Delivery.replaces) has
been inspected and accepted.

A SwitchingState is clause 9's state per supplier (the call-off's maker), buyer and product
(the contract item's product text): rules.sampling.switching.State's fields, kept by the
services, which call the rules and never restate them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation
from pasok.accounts.permissions import RestrictedQuerySet
from pasok.public_ids import public_id_field


class Severity(models.TextChoices):
    NORMAL = "normal", _("normal")
    TIGHTENED = "tightened", _("tightened")
    REDUCED = "reduced", _("reduced")
    DISCONTINUED = "discontinued", _("discontinued")


class Inspection(models.Model):
    public_id = public_id_field()
    delivery = models.OneToOneField("contracts.Delivery", on_delete=models.PROTECT,
                                    related_name="inspection", verbose_name=_("delivery"))
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices)
    level = models.CharField(_("inspection level"), max_length=3)
    aql = models.DecimalField(_("AQL"), max_digits=6, decimal_places=3)
    lot_size = models.PositiveIntegerField(_("lot size"))
    code_letter = models.CharField(_("code letter"), max_length=1)
    sample_size = models.PositiveIntegerField(_("sample size"))
    accept_number = models.PositiveIntegerField(_("acceptance number (Ac)"))
    nonconforming = models.PositiveIntegerField(_("nonconforming units in the sample"))
    accepted = models.BooleanField(_("lot accepted"))
    # Of a lot not accepted, the units found good by sorting it (100% inspection).
    sorted_accepted_quantity = models.PositiveIntegerField(
        _("accepted after sorting"), null=True, blank=True)
    inspected_at = models.DateTimeField(_("inspected at"))
    inspected_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-inspected_at", "pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            models.CheckConstraint(condition=Q(nonconforming__lte=models.F("sample_size")),
                                   name="inspection_nonconforming_in_sample",
                                   violation_error_message=_("More units cannot be "
                                                             "nonconforming than were "
                                                             "sampled.")),
            models.CheckConstraint(condition=Q(sample_size__lte=models.F("lot_size")),
                                   name="inspection_sample_in_lot",
                                   violation_error_message=_("The sample is at most the "
                                                             "lot.")),
        ]

    def __str__(self):
        return f"{self.delivery}: {self.get_severity_display()} {self.code_letter}"

    @property
    def reject_number(self) -> int:
        return self.accept_number + 1


class NonconformityKind(models.TextChoices):
    HARDNESS = "hardness", _("hardness out of range")
    POROSITY = "porosity", _("porosity")
    DIMENSIONS = "dimensions", _("dimensions")
    CRACKS = "cracks", _("cracks")
    CHEMISTRY = "chemistry", _("chemistry")
    OTHER = "other", _("other")


class Nonconformity(models.Model):
    """Units of the sample found nonconforming in one way, with what was measured (for
    hardness: Brinell HB readings as decimal strings)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE,
                                   related_name="findings")
    kind = models.CharField(_("kind"), max_length=12, choices=NonconformityKind.choices)
    count = models.PositiveIntegerField(_("units"))
    measured_values = models.JSONField(_("measured values"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["inspection", "pk"]
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.count}"


class NonConformanceReport(models.Model):
    public_id = public_id_field()
    inspection = models.OneToOneField(Inspection, on_delete=models.PROTECT,
                                      related_name="ncr", verbose_name=_("inspection"))
    opened_at = models.DateTimeField(_("opened at"))
    root_cause = models.TextField(_("root cause"), blank=True)
    corrective_action = models.TextField(_("corrective action"), blank=True)
    responded_at = models.DateTimeField(_("answered by the supplier at"), null=True,
                                        blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    corrective_action_accepted_at = models.DateTimeField(
        _("corrective action accepted at"), null=True, blank=True)
    corrective_action_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "pk"]
        verbose_name = _("non-conformance report")
        verbose_name_plural = _("non-conformance reports")

    def __str__(self):
        return f"NCR {self.inspection.delivery}"


class SwitchingState(models.Model):
    """Clause 9's state for one supplier, buyer and product (rules.sampling.switching.State)."""

    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("supplier"))
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("buyer"))
    product = models.CharField(_("product"), max_length=200)
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices,
                                default=Severity.NORMAL)
    score = models.PositiveIntegerField(_("switching score"), default=0)
    recent = models.JSONField(default=list, blank=True)  # [bool]: lots since normal began
    accepted_run = models.PositiveSmallIntegerField(default=0)
    rejected_on_tightened = models.PositiveSmallIntegerField(default=0)
    # Clause 9.3.3: reduced inspection needs the responsible authority's (the buyer's)
    # approval; without it the state stays normal however high the score.
    reduced_approved = models.BooleanField(_("reduced inspection approved"), default=False)
    updated_at = models.DateTimeField(_("updated at"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["supplier", "buyer", "product"]
        verbose_name = _("switching state")
        verbose_name_plural = _("switching states")
        constraints = [models.UniqueConstraint(
            fields=["supplier", "buyer", "product"], name="switching_state_once",
            violation_error_message=_("This supplier, buyer and product have a switching "
                                      "state already."))]

    def __str__(self):
        return f"{self.supplier} · {self.product}: {self.get_severity_display()}"
