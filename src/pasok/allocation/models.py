"""A cooperative's monthly call-off plan: demand lines, the members that may make them and
their offers, capacity reports, and the runs of the allocation engine (pasok.planning).

A run keeps the engine's input (`instance`, the JSON of docs/interfaces.md `pasok allocate` plus
names for people) and its answer (`result`), so it reads the same after the plan changes."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation, OrgKind
from pasok.accounts.permissions import RestrictedQuerySet
from pasok.months import month_starts
from pasok.public_ids import public_id_field
from pasok.web.formatting import localized_number

MAX_MONTHS = 24


class Plan(models.Model):
    public_id = public_id_field()
    cooperative = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="plans",
                                    limit_choices_to={"kind": OrgKind.COOPERATIVE},
                                    verbose_name=_("cooperative"))
    title = models.CharField(_("title"), max_length=200)
    first_month = models.DateField(_("first month"))
    months = models.PositiveSmallIntegerField(_("number of months"))
    unmet_penalty = models.DecimalField(
        _("penalty per unit not delivered (Rp)"), max_digits=16, decimal_places=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-first_month", "title"]
        verbose_name = _("allocation plan")
        verbose_name_plural = _("allocation plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(months__gte=1, months__lte=MAX_MONTHS), name="plan_months_in_range",
                violation_error_message=_("A plan runs for 1 to 24 months.")),
            models.CheckConstraint(
                condition=Q(unmet_penalty__gte=0), name="plan_penalty_not_negative",
                violation_error_message=_("The penalty cannot be negative.")),
        ]

    def __str__(self):
        return self.title

    def month_starts(self) -> list[dt.date]:
        return month_starts(self.first_month, self.months)


class PlanLine(models.Model):
    """One product a buyer calls off every month."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    buyer = models.CharField(_("buyer"), max_length=200)
    product = models.CharField(_("product"), max_length=200)
    unit_weight_kg = models.DecimalField(_("unit weight (kg)"), max_digits=9, decimal_places=2)
    demand = models.JSONField(_("units per month"), default=list)
    max_share_percent = models.DecimalField(_("largest share of one member (%)"),
                                            max_digits=5, decimal_places=2, default=100)
    # The awarded tender lot this line delivers, if any: the plan's allocation then books
    # the members' capacity for that award (suppliers.capacity counts it once).
    lot = models.ForeignKey("tenders.Lot", null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+", verbose_name=_("tender lot it delivers"))

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("demand line")
        verbose_name_plural = _("demand lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_weight_kg__gt=0), name="plan_line_weight_positive",
                violation_error_message=_("The unit weight must be more than 0 kg.")),
            models.CheckConstraint(
                condition=Q(max_share_percent__gt=0, max_share_percent__lte=100),
                name="plan_line_share_in_range",
                # Django formats the message with %(name)s, so a per cent sign is doubled.
                violation_error_message=_("The largest share must be more than 0%% and at "
                                          "most 100%%.")),
        ]

    def __str__(self):
        return f"{self.product} ({self.buyer})"


class PlanMember(models.Model):
    """A member foundry in the plan with its capacity per month (kg): as the cooperative
    typed it, or empty for "from the profile": then each month is the profile's monthly
    capacity less what other sources book that month (engine_input.member_capacities)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("member"))
    capacity_kg = models.JSONField(_("capacity per month (kg)"), default=list)

    class Meta:
        ordering = ["plan", "organisation__name"]
        verbose_name = _("plan member")
        verbose_name_plural = _("plan members")
        constraints = [models.UniqueConstraint(fields=["plan", "organisation"],
                                               name="plan_member_unique",
                                               violation_error_message=_("This member is in the "
                                                                         "plan already."))]

    def __str__(self):
        return str(self.organisation)

    @property
    def from_profile(self) -> bool:
        return not self.capacity_kg


class PlanOffer(models.Model):
    """What a member asks per unit of a line, its minimum lot, and optionally the least
    share of the buyer's demand it must get (a permanent partner's floor)."""

    line = models.ForeignKey(PlanLine, on_delete=models.CASCADE, related_name="offers")
    member = models.ForeignKey(PlanMember, on_delete=models.CASCADE, related_name="offers")
    unit_cost = models.DecimalField(_("price per unit (Rp)"), max_digits=14, decimal_places=2)
    min_lot = models.PositiveIntegerField(_("minimum lot (units)"), default=0)
    floor_percent = models.DecimalField(_("partner floor (%)"), max_digits=5, decimal_places=2,
                                        null=True, blank=True)

    class Meta:
        ordering = ["line", "member"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(fields=["line", "member"], name="plan_offer_unique",
                                    violation_error_message=_(
                                        "This member already has an offer for this line.")),
            models.CheckConstraint(
                condition=Q(unit_cost__gte=0), name="plan_offer_cost_not_negative",
                violation_error_message=_("The price cannot be negative.")),
            models.CheckConstraint(
                condition=Q(floor_percent__isnull=True)
                | Q(floor_percent__gte=0, floor_percent__lte=100),
                name="plan_offer_floor_in_range",
                violation_error_message=_("The partner floor is between 0%% and 100%%.")),
        ]

    def __str__(self):
        return f"{self.member} · {self.line}"


class CapacityReport(models.Model):
    """A member can make less (or more) than planned in one month of the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="capacity_reports")
    member = models.ForeignKey(PlanMember, on_delete=models.CASCADE, related_name="reports",
                               verbose_name=_("member"))
    month = models.PositiveSmallIntegerField(_("month"))  # 0 = the plan's first month
    capacity_kg = models.PositiveIntegerField(_("capacity that month (kg)"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("reported at"))

    class Meta:
        ordering = ["plan", "reported_at", "pk"]
        verbose_name = _("capacity report")
        verbose_name_plural = _("capacity reports")

    def __str__(self):
        return f"{self.member}: {localized_number(self.capacity_kg)} kg"


class RunKind(models.TextChoices):
    SOLVE = "solve", _("plan")
    WHAT_IF = "what_if", _("what-if")
    REPLAN = "replan", _("re-plan")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    BUILDING = "building", _("building the model")
    SOLVING = "solving", _("solving")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


FINISHED = (RunStatus.DONE, RunStatus.FAILED)
NO_PLAN = "no_plan"  # the error of a run that found no plan in time


class PlanRun(models.Model):
    """One solve of the plan, in the background (tasks.solve_run). A what-if starts from
    its base run's input with a change; a re-plan from the plan as it is now, keeping the
    months already ordered of its base run."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField(_("run"))
    kind = models.CharField(_("kind"), max_length=10, choices=RunKind.choices)
    base = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("compared with"))
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ordered_months = models.PositiveSmallIntegerField(_("months already ordered"), null=True,
                                                      blank=True)
    fairness_percent = models.DecimalField(_("fairness tolerance (%)"), max_digits=5,
                                           decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices,
                              default=RunStatus.QUEUED)
    error = models.TextField(_("error"), blank=True)
    instance = models.JSONField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    queued_at = models.DateTimeField(_("queued at"))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("plan run")
        verbose_name_plural = _("plan runs")
        constraints = [models.UniqueConstraint(fields=["plan", "number"],
                                               name="plan_run_number_unique",
                                               violation_error_message=_("This plan already has a"
                                                                         " run with this number."))]

    def __str__(self):
        return f"{self.plan} #{self.number}"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def has_plan(self) -> bool:
        """Done with allocations (not infeasible)."""
        return (self.status == RunStatus.DONE and bool(self.result)
                and self.result.get("status") != "infeasible")

    def elapsed_seconds(self, now: dt.datetime) -> int:
        end = self.finished_at or now
        return max(0, int((end - (self.started_at or self.queued_at)).total_seconds()))
