"""News about non-conformance reports, sent by the task worker after the work commits
(accounts.notices: each person in their own language and zone)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from pasok.accounts.notices import notify, people_of, still_news

from .models import NonConformanceReport

_NEWS = {
    # event: (who is told, what they read)
    "opened": ("maker", lambda d: _(
        "%(buyer)s did not accept your delivery %(note)s of %(product)s (%(ref)s): answer "
        "the non-conformance report with the root cause and your corrective action.")),
    "answered": ("buyer", lambda d: _(
        "%(maker)s answered the non-conformance report on delivery %(note)s (%(ref)s).")),
    "accepted": ("maker", lambda d: _(
        "%(buyer)s accepted your corrective action on delivery %(note)s (%(ref)s).")),
}


@task()
def send_ncr_notice(*, ncr_id: int, event: str, base_url: str | None = None) -> int:
    ncr = NonConformanceReport.objects.select_related(
        "inspection__delivery__call_off__item__contract__buyer",
        "inspection__delivery__call_off__maker").get(pk=ncr_id)
    happened = {"opened": ncr.opened_at, "answered": ncr.responded_at,
                "accepted": ncr.corrective_action_accepted_at}[event]
    if not still_news(happened):
        return 0  # the report's history (the demo's), not news
    delivery = ncr.inspection.delivery
    call_off = delivery.call_off
    buyer = call_off.item.contract.buyer
    audience, news = _NEWS[event]
    told = call_off.maker_id if audience == "maker" else buyer.pk
    facts = {"buyer": buyer.name, "maker": call_off.maker.name, "note": delivery.note_number,
             "product": call_off.item.product, "ref": call_off.reference}
    return notify(people_of(organisation_id=told),
                  subject=lambda: _("Non-conformance report on %(ref)s") % facts,
                  text=lambda: news(delivery) % facts,
                  link=reverse("inspection:ncr", args=[ncr.public_id]), base_url=base_url)
