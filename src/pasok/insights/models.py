"""What the ministry's view keeps: imported alternatives to the cluster's products, as the
ministry or a buyer records them, and saved what-if scenarios with their last result."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation
from pasok.accounts.permissions import RestrictedQuerySet
from pasok.public_ids import public_id_field
from pasok.suppliers.catalogue import PART_FAMILIES

MONEY = {"max_digits": 18, "decimal_places": 2}
MONTHS = {"max_digits": 5, "decimal_places": 2}


class ImportedAlternative(models.Model):
    """An imported product a buyer uses, or could use, instead of the cluster's: its landed
    price and service life against the local product's (whose price the platform's contracts
    give). Its TKDN is 0 by definition (an imported product; DOMAIN.md)."""

    public_id = public_id_field()
    family = models.CharField(_("part family"), max_length=20, choices=PART_FAMILIES)
    product = models.CharField(_("product"), max_length=200)
    origin = models.CharField(_("country of origin"), max_length=100)
    landed_price = models.DecimalField(_("landed price per unit (Rp)"), **MONEY)
    service_life_months = models.DecimalField(_("service life (months)"), **MONTHS)
    local_service_life_months = models.DecimalField(
        _("service life of the local product (months)"), **MONTHS)
    standards = models.CharField(_("standards"), max_length=200, blank=True)
    # The buyer that imports it; blank when the ministry records an offer on the market.
    buyer = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="imported_alternatives", verbose_name=_("buyer"))
    units_per_year = models.PositiveIntegerField(_("units imported a year"), null=True,
                                                 blank=True)
    # The buyer buys it now: only then is it part of the buyer's need (insights.warnings).
    # An alternative the buyer could use, like an offer on the market, is not.
    in_use = models.BooleanField(_("bought by the buyer now"), default=False)
    source = models.CharField(_("source of the figures"), max_length=300, blank=True)
    recorded_for = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["family", "product", "pk"]
        verbose_name = _("imported alternative")
        verbose_name_plural = _("imported alternatives")
        constraints = [
            models.CheckConstraint(condition=Q(landed_price__gt=0),
                                   name="imported_price_positive",
                                   violation_error_message=_("A landed price is more than "
                                                             "nothing.")),
            models.CheckConstraint(condition=Q(service_life_months__gt=0,
                                               local_service_life_months__gt=0),
                                   name="imported_lives_positive",
                                   violation_error_message=_("A service life is longer than "
                                                             "nothing.")),
            models.CheckConstraint(condition=Q(in_use=False)
                                   | Q(buyer__isnull=False, units_per_year__isnull=False),
                                   name="imported_in_use_by_a_buyer",
                                   violation_error_message=_("An import in use names its "
                                                             "buyer and its units a year.")),
        ]

    def __str__(self) -> str:
        return f"{self.product} ({self.origin})"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Scenario(models.Model):
    """A named what-if: the changes (rules.scenario's JSON changes, with buyers and foundries
    named by their organisation ids) and multipliers, applied to the cluster's baseline as the
    platform's orders give it. `result` is the last run; `baseline_key` says which data it
    ran on, so a scenario whose data changed since is re-run."""

    public_id = public_id_field()
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="scenarios",
                              verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    changes = models.JSONField(_("changes"), default=list)
    multipliers = models.JSONField(_("multipliers"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices,
                              default=RunStatus.QUEUED, editable=False)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True, editable=False)
    result = models.JSONField(_("result"), null=True, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)
    baseline_key = models.CharField(max_length=64, blank=True, editable=False)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="scenario_name_unique",
                                    violation_error_message=_("Your organisation has a "
                                                              "scenario of this name "
                                                              "already.")),
        ]

    def __str__(self) -> str:
        return self.name


class ScenarioHandoff(models.Model):
    """A scenario's new order (its change at `change` in scenario.changes) handed to the
    allocation engine (insights.handoff): the engine's input as built when it was queued, the
    foundries it would have make the order, and the run's status. `order` is the change as
    handed off: when the change at that index is another since, the proposal is out of date."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="handoffs",
                                 verbose_name=_("scenario"))
    change = models.PositiveSmallIntegerField(_("change"))
    order = models.JSONField(_("new order"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices,
                              default=RunStatus.QUEUED)
    instance = models.JSONField(_("engine input"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    queued_at = models.DateTimeField(_("queued at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["scenario", "change"]
        verbose_name = _("hand-off to the allocation engine")
        verbose_name_plural = _("hand-offs to the allocation engine")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "change"], name="handoff_once",
                                    violation_error_message=_("This change of the scenario "
                                                              "is handed off already.")),
        ]

    def __str__(self) -> str:
        return f"{self.scenario}: {self.change + 1}"


class EarlyWarning(models.Model):
    """A buyer's orders of a part family from the cluster fell while its need did not
    (rules.early_warning), detected in `month` (its first day) over the months before it; kept
    so the ministry is told of each once. `figures`: the monthly averages that made it warn."""

    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                              related_name="early_warnings", verbose_name=_("buyer"))
    family = models.CharField(_("part family"), max_length=20, choices=PART_FAMILIES)
    month = models.DateField(_("month"))
    figures = models.JSONField(_("figures"), default=dict)
    detected_at = models.DateTimeField(_("detected at"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "buyer", "family"]
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        constraints = [
            models.UniqueConstraint(fields=["buyer", "family", "month"],
                                    name="early_warning_once",
                                    violation_error_message=_("This buyer's orders of this "
                                                              "family were warned of this "
                                                              "month already.")),
            models.CheckConstraint(condition=Q(month__day=1), name="early_warning_first_day",
                                   violation_error_message=_("A month is given by its first "
                                                             "day.")),
        ]

    def __str__(self) -> str:
        return f"{self.buyer}: {self.get_family_display()} {self.month:%Y-%m}"


class OpportunityCount(models.Model):
    """The opportunity finder's counts over one scope (`scope`: "cluster", or
    "cooperative:<id>" for a cooperative's members), kept because counting every family over
    a national registry takes seconds: a task (insights.tasks.opportunities_count) counts
    again whenever the data they read changed (`data_key`, insights.opportunities). `counts`:
    family → {"today": n, "one_short": {requirement: n}, "free_kg": kg}. Pasok's own cache:
    read only through insights.opportunities, for the scope the reader may see."""

    scope = models.CharField(max_length=40, unique=True)
    data_key = models.CharField(max_length=64, blank=True)  # what `counts` were counted from
    counts = models.JSONField(default=dict)
    counted_at = models.DateTimeField(null=True, blank=True)
    queued_key = models.CharField(max_length=64, blank=True)  # what the queued count will read
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("opportunity count")
        verbose_name_plural = _("opportunity counts")

    def __str__(self) -> str:
        return self.scope
