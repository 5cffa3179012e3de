"""Reminders of business-matching follow-ups, sent by the task worker and queued daily by
`pasok mediation remind`: each owner of follow-ups due within three days or overdue is told
once, of all of them, at most once a day per follow-up (rules.follow_ups)."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.notices import notify
from pasok.audit.services import audit_record
from pasok.rules.follow_ups import overdue
from pasok.web.formatting import local_date

from .models import FollowUp
from .selectors import follow_ups_to_remind


def _news(due: list[FollowUp], today) -> str:
    late = sum(overdue(f.due_on, today, done=False) for f in due)
    first = min(due, key=lambda f: f.due_on)
    text = ngettext(
        "%(n)s business matching follow-up of yours is due soon or overdue (%(late)s "
        "overdue), the first “%(action)s” for %(buyer)s × %(supplier)s, due on %(due)s.",
        "%(n)s business matching follow-ups of yours are due soon or overdue (%(late)s "
        "overdue), the first “%(action)s” for %(buyer)s × %(supplier)s, due on %(due)s.",
        len(due))
    return text % {"n": len(due), "late": late, "action": first.action,
                   "buyer": first.pairing.buyer.name, "supplier": first.pairing.supplier.name,
                   "due": local_date(first.due_on)}


@task()
def send_follow_up_reminders() -> int:
    """Returns how many owners were told."""
    today = clock.today()
    by_owner: dict[int, list[FollowUp]] = {}
    for follow_up in follow_ups_to_remind(today):
        by_owner.setdefault(follow_up.owner_id, []).append(follow_up)
    for due in by_owner.values():
        with transaction.atomic():
            FollowUp.objects.filter(pk__in=[f.pk for f in due]).update(reminded_on=today)
            for follow_up in due:
                audit_record(actor=SYSTEM, action="follow_up.remind", obj=follow_up,
                             organisation=follow_up.pairing.event.organiser,
                             after={"due_on": str(follow_up.due_on),
                                    "overdue": overdue(follow_up.due_on, today, done=False)})
            notify([due[0].owner], subject=lambda: _("Business matching follow-ups on Pasok"),
                   text=lambda due=due: _news(due, today),
                   link=reverse("mediation:follow-ups"))
    return len(by_owner)
