"""Background work of the insights app (django-tasks): running saved scenarios, counting the
opportunity finder's families over the registry (when a page finds the kept counts older
than the data), and the ministry's news, sent by the task worker: early warnings of substitution
(insights.warnings), queued daily by `pasok insights warn`. Each is recorded (EarlyWarning)
and told to the ministry's officers once. Not queued after each call-off, as contract news
is: a warning compares whole past months, which an order for this month or a later one does
not change, so a daily run is soon enough."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
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


@task()
def opportunities_count(*, cooperative_id: int | None) -> str:
    """Count the catalogue's families over the cluster (or a cooperative's members) and keep
    the counts with the fingerprint of the data read (insights.opportunities); returns it."""
    from .models import OpportunityCount
    from .opportunities import (
        cluster_scope,
        count,
        counts_record,
        data_key,
        month_after,
        scope_name,
    )

    today = clock.today()
    key = data_key(cooperative_id, today)  # before counting: a change meanwhile counts again
    reaches = count(cluster_scope(cooperative_id), month=month_after(today))
    OpportunityCount.objects.update_or_create(
        scope=scope_name(cooperative_id),
        defaults={"data_key": key, "counts": counts_record(reaches), "counted_at": clock.now()})
    return key


STALE_QUEUE = dt.timedelta(minutes=10)  # a count queued this long ago and not kept has failed


def count_opportunities_if_stale(cooperative_id: int | None, today):
    """The kept counts of the scope, and a count queued when they are not of today's data
    (once for that data: a page opened by many queues one)."""
    from .models import OpportunityCount
    from .opportunities import counted, scope_name

    found = counted(cooperative_id, today)
    if found.fresh:
        return found
    scope = scope_name(cooperative_id)
    OpportunityCount.objects.get_or_create(scope=scope)
    now = clock.now()
    claimed = (OpportunityCount.objects.filter(scope=scope)
               .filter(~Q(queued_key=found.key) | Q(queued_at__lt=now - STALE_QUEUE))
               .update(queued_key=found.key, queued_at=now))
    if claimed:
        opportunities_count.enqueue(cooperative_id=cooperative_id)
        return counted(cooperative_id, today)  # the immediate backend (tests) counted already
    return found
