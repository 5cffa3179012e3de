from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pasok.accounts.models import Organisation

from .catalogue import CERTIFICATE_KINDS, FURNACE_KINDS, MATERIAL_FAMILIES


class Process(models.Model):
    code = models.CharField(_("code"), max_length=20, primary_key=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        from .catalogue import PROCESSES

        return dict(PROCESSES).get(self.code, self.code)


class MaterialGrade(models.Model):
    code = models.CharField(_("grade"), max_length=20, primary_key=True)
    family = models.CharField(_("material"), max_length=20, choices=MATERIAL_FAMILIES)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("material grade")
        verbose_name_plural = _("material grades")

    def __str__(self):
        return self.code


class SupplierProfile(models.Model):
    """What a foundry or cooperative can make, and how much."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="profile", primary_key=True
    )
    processes = models.ManyToManyField(Process, blank=True, verbose_name=_("processes"))
    grades = models.ManyToManyField(MaterialGrade, blank=True, verbose_name=_("material grades"))
    weight_min_kg = models.DecimalField(_("minimum casting weight (kg)"), max_digits=9,
                                        decimal_places=2, null=True, blank=True)
    weight_max_kg = models.DecimalField(_("maximum casting weight (kg)"), max_digits=9,
                                        decimal_places=2, null=True, blank=True)
    monthly_capacity_kg = models.PositiveIntegerField(_("monthly melting capacity (kg)"),
                                                      default=0)
    # Booked by orders (framework contracts keep it up to date); free = capacity − committed.
    committed_kg = models.PositiveIntegerField(_("committed per month (kg)"), default=0)
    free_capacity_kg = models.GeneratedField(
        expression=F("monthly_capacity_kg") - F("committed_kg"),
        output_field=models.BigIntegerField(), db_persist=True,
        verbose_name=_("free monthly capacity (kg)"),
    )
    workforce_total = models.PositiveIntegerField(_("workforce"), default=0)
    workforce_women = models.PositiveIntegerField(_("women in the workforce"), default=0)
    description = models.TextField(_("description"), blank=True)
    buyers_served = models.JSONField(_("buyers served"), default=list, blank=True)
    # Lower-case words of name, place, products, grades and description, rebuilt by
    # suppliers.services on every change: free-text search reads one column.
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("capability profile")
        verbose_name_plural = _("capability profiles")
        indexes = [models.Index(fields=["monthly_capacity_kg"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight_min_kg__isnull=True) | Q(weight_max_kg__isnull=True)
                | Q(weight_min_kg__lte=F("weight_max_kg")),
                name="profile_weight_range_ordered",
                violation_error_message=_("The smallest casting weight cannot be more than the "
                                          "largest."),
            ),
            models.CheckConstraint(condition=Q(weight_min_kg__gt=0) | Q(weight_min_kg=None),
                                   name="profile_weight_min_positive",
                                   violation_error_message=_("The smallest casting weight must be"
                                                             " more than zero.")),
            models.CheckConstraint(condition=Q(workforce_women__lte=F("workforce_total")),
                                   name="profile_women_within_workforce",
                                   violation_error_message=_("The number of women cannot be more "
                                                             "than the whole workforce.")),
        ]

    def __str__(self):
        return str(self.organisation)


class Furnace(models.Model):
    profile = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE,
                                related_name="furnaces")
    kind = models.CharField(_("kind"), max_length=20, choices=FURNACE_KINDS)
    tonnes_per_heat = models.DecimalField(_("tonnes per heat"), max_digits=6, decimal_places=2)
    count = models.PositiveSmallIntegerField(pgettext_lazy("how many", "number"), default=1)

    class Meta:
        verbose_name = _("melting furnace")
        verbose_name_plural = _("melting furnaces")
        constraints = [
            models.CheckConstraint(condition=Q(tonnes_per_heat__gt=0),
                                   name="furnace_tonnes_positive",
                                   violation_error_message=_("A furnace's tonnes per heat must be"
                                                             " more than zero.")),
            models.CheckConstraint(condition=Q(count__gte=1), name="furnace_count_positive",
                violation_error_message=_("Count at least one furnace of this kind.")),
        ]

    def __str__(self):
        return f"{self.count} × {self.get_kind_display()} {self.tonnes_per_heat} t"


class Certificate(models.Model):
    profile = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE,
                                related_name="certificates")
    kind = models.CharField(_("kind"), max_length=20, choices=CERTIFICATE_KINDS)
    number = models.CharField(_("number"), max_length=100)
    product = models.CharField(_("product"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "valid_until"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True) | Q(valid_until__isnull=True)
                | Q(issued_on__lte=F("valid_until")),
                name="certificate_dates_ordered",
                violation_error_message=_("The certificate cannot be valid until a day before it "
                                          "was issued."),
            )
        ]
        indexes = [models.Index(fields=["kind", "valid_until"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class Product(models.Model):
    profile = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE,
                                related_name="products")
    name = models.CharField(_("product"), max_length=200)
    grade = models.ForeignKey(MaterialGrade, null=True, blank=True, on_delete=models.PROTECT,
                              verbose_name=_("material grade"))
    unit_weight_kg = models.DecimalField(_("unit weight (kg)"), max_digits=9, decimal_places=2,
                                         null=True, blank=True)
    photo = models.ImageField(_("photo"), upload_to="products/", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return self.name
