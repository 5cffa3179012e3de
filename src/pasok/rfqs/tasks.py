"""Background work of requests for quotation (django-tasks)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from pasok import clock
from pasok.accounts.notices import notify, people_of
from pasok.web.formatting import local_moment

from .models import Rfq


@task()
def notify_invited(*, rfq_id: int, base_url: str | None = None) -> int:
    """E-mail and in-app notice to the people of every invited supplier, each in their own
    language and time zone; nothing once the deadline has passed."""
    rfq = Rfq.objects.select_related("buyer").get(pk=rfq_id)
    if not rfq.is_open(clock.now()):
        return 0
    return notify(
        people_of(organisation__rfq_invitations__rfq=rfq),
        subject=lambda: _("A request for quotation on Pasok"),
        text=lambda: _("%(buyer)s asks you for a quotation: %(part)s, %(reference)s "
                       "(quotations until %(deadline)s)") % {
            "buyer": rfq.buyer.name, "part": rfq.part_name, "reference": rfq.reference,
            "deadline": local_moment(rfq.deadline)},
        link=reverse("rfqs:detail", args=[rfq.public_id]), base_url=base_url)
