"""Background work of the insights app (django-tasks): running saved scenarios, and the
ministry's news, sent by the task worker: early warnings of substitution
(insights.warnings), queued daily by `pasok insights warn`. Each is recorded (EarlyWarning)
and told to the ministry's officers once. Not queued after each call-off, as contract news
is: a warning compares whole past months, which an order for this month or a later one does
not change, so a daily run is soon enough."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from pasok import clock
from pasok.accounts.models import PlatformRole
from pasok.accounts.notices import notify, people_of
from pasok.months import add_months, month_start
from pasok.rules.early_warning import WINDOW_MONTHS

from .models import EarlyWarning
from .warnings import substitution_warnings


@task()
def send_early_warnings() -> int:
    """Records and tells each new warning; returns how many. A buyer and family warned of in
    the last WINDOW_MONTHS months is not told again: the same fall stays inside the sliding
    windows that long, and would otherwise be told each month."""
    today = clock.today()
    found = substitution_warnings(today)
    if not found:
        return 0
    recent = set(EarlyWarning.objects.filter(
        month__gt=add_months(month_start(today), -WINDOW_MONTHS)).values_list("buyer", "family"))
    officers = people_of(platform_role=PlatformRole.MINISTRY_OFFICER)
    told = 0
    for warning in found:
        if (warning.buyer.pk, warning.family) in recent:
            continue
        with transaction.atomic():
            _record, created = EarlyWarning.objects.get_or_create(
                buyer=warning.buyer, family=warning.family, month=warning.month,
                defaults={"figures": warning.figures_record(), "detected_at": clock.now()})
            if not created:
                continue  # another run told it a moment ago
            notify(officers,
                   subject=lambda w=warning: _("Early warning on Pasok: %(buyer)s") % {
                       "buyer": w.buyer.name},
                   text=warning.sentence, link=reverse("insights:dashboard"))
        told += 1
    return told


@task()
def scenario_run(*, scenario_id: int) -> str:
    """Run a saved scenario on today's data; returns its status."""
    from .services.scenarios import execute

    return execute(scenario_id)


@task()
def handoff_solve(*, handoff_id: int) -> str:
    """Solve a scenario's new order with the allocation engine; returns its status."""
    from .handoff import execute

    return execute(handoff_id)
