"""Product worksheets (versioned), BMP declarations and TKDN/BMP certificates."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation
from pasok.accounts.permissions import RestrictedQuerySet
from pasok.public_ids import public_id_field
from pasok.rules.bmp import FACTORS as BMP_FACTORS
from pasok.rules.tkdn import Regime

REGIME_CHOICES = [
    (Regime.P35_2025.value, _("Permenperin 35/2025 (factor-weighted)")),
    (Regime.P16_2011.value, _("Permenperin 16/2011 (cost-based)")),
]


class Worksheet(models.Model):
    """The cost build-up of one product of a supplier; each save makes a new version."""

    public_id = public_id_field()
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="worksheets", verbose_name=_("supplier"))
    product = models.CharField(_("product"), max_length=200)
    created_at = models.DateTimeField(_("created at"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["product"]
        verbose_name = _("TKDN worksheet")
        verbose_name_plural = _("TKDN worksheets")

    def __str__(self):
        return self.product

    @property
    def latest(self):
        """The newest version (reads prefetched versions when there are any)."""
        return max(self.versions.all(), key=lambda v: v.number, default=None)


class WorksheetVersion(models.Model):
    """One immutable state of a worksheet. `data` is the JSON of docs/interfaces.md
    (`pasok tkdn compute`), so the page, the API and the CLI read the same thing; the result
    is stored at save time so a bid can cite exactly the value it used."""

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    regime = models.CharField(_("regime"), max_length=30, choices=REGIME_CHOICES)
    data = models.JSONField(_("worksheet"))
    tkdn_percent = models.DecimalField(_("TKDN (%)"), max_digits=5, decimal_places=2)
    result = models.JSONField(_("result"))
    created_at = models.DateTimeField(_("saved at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["worksheet", "-number"]
        verbose_name = _("worksheet version")
        verbose_name_plural = _("worksheet versions")
        constraints = [models.UniqueConstraint(
            fields=["worksheet", "number"], name="worksheet_version_unique",
            violation_error_message=_("This worksheet already has a version with this "
                                      "number."))]

    def __str__(self):
        return f"{self.worksheet} v{self.number}"


class BmpDeclaration(models.Model):
    """The company benefit factors a supplier claims, each with its evidence."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="bmp", primary_key=True)
    claims = models.JSONField(_("claims"), default=list)  # [{"factor", "evidence"}]
    bmp_percent = models.DecimalField(_("BMP (%)"), max_digits=4, decimal_places=2, default=0)
    updated_at = models.DateTimeField(_("updated at"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("BMP declaration")
        verbose_name_plural = _("BMP declarations")

    def __str__(self):
        return f"BMP {self.organisation}"


BMP_FACTOR_CODES = tuple(BMP_FACTORS)


class TkdnCertificate(models.Model):
    """A TKDN (and BMP) value with its standing: verified by an appointed verifier, or
    self-declared (small industry may declare its own, marked as such everywhere)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="tkdn_certificates",
                                     verbose_name=_("supplier"))
    number = models.CharField(_("certificate number"), max_length=100, blank=True)
    regime = models.CharField(_("regime"), max_length=30, choices=REGIME_CHOICES)
    product = models.CharField(_("product"), max_length=200)
    worksheet_version = models.ForeignKey(WorksheetVersion, null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="certificates",
                                          verbose_name=_("worksheet version"))
    tkdn_percent = models.DecimalField(
        _("TKDN (%)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    bmp_percent = models.DecimalField(
        _("BMP (%)"), max_digits=4, decimal_places=2, default=0,
        validators=[MinValueValidator(0), MaxValueValidator(15)])
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))
    verifier = models.CharField(_("verifier"), max_length=200, blank=True)
    self_declared = models.BooleanField(_("self-declared"), default=False)
    created_at = models.DateTimeField(_("recorded at"))
    # The last expiry warning sent (90 or 30 days ahead), so each goes out once.
    reminded_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_until"]
        verbose_name = _("TKDN certificate")
        verbose_name_plural = _("TKDN certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(tkdn_percent__gte=0, tkdn_percent__lte=100),
                name="tkdn_certificate_tkdn_range",
                # Django formats this message with the constraint's name: %% for a percent.
                violation_error_message=_("The TKDN must be between 0%% and 100%%.")),
            models.CheckConstraint(
                condition=Q(bmp_percent__gte=0, bmp_percent__lte=15),
                name="tkdn_certificate_bmp_range",
                violation_error_message=_("The BMP must be between 0%% and 15%%.")),
            models.CheckConstraint(
                condition=Q(issued_on__lte=models.F("valid_until")),
                name="tkdn_certificate_dates_ordered",
                violation_error_message=_("The expiry date is before the issue date.")),
            models.CheckConstraint(
                condition=Q(self_declared=True) | ~Q(number=""),
                name="tkdn_certificate_number_unless_self_declared",
                violation_error_message=_("A verified certificate has a number; otherwise "
                                          "mark the value self-declared.")),
            # A number is issued once, to one supplier (whatever its letters' case).
            models.UniqueConstraint(
                Lower("number"), condition=~Q(number=""), name="tkdn_certificate_number_unique",
                violation_error_message=_("This certificate number is already recorded.")),
        ]
        indexes = [models.Index(fields=["organisation", "valid_until"])]

    def __str__(self):
        # The audit log keeps this as the object's label, read later in any language: no
        # translated word, no number written in one language's notation.
        return f"{self.number} · {self.product}" if self.number else self.product
