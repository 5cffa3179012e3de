"""Expiry warnings for TKDN certificates, 90 and 30 days ahead (django-tasks)."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import OrgRole
from pasok.accounts.notices import notify, people_of
from pasok.audit.services import audit_record
from pasok.web.formatting import local_date

from .models import TkdnCertificate
from .selectors import EXPIRY_WARNING_DAYS


def certificates_due(today) -> list[tuple[TkdnCertificate, int]]:
    """Certificates inside a warning window they have not been warned about yet."""
    due = []
    latest = max(EXPIRY_WARNING_DAYS)
    soon = TkdnCertificate.objects.filter(valid_until__gte=today).select_related("organisation")
    for cert in soon.filter(valid_until__lte=today + dt.timedelta(days=latest)):
        days_left = (cert.valid_until - today).days
        window = min(d for d in EXPIRY_WARNING_DAYS if days_left <= d)
        if cert.reminded_days is None or cert.reminded_days > window:
            due.append((cert, window))
    return due


@task()
def send_expiry_warnings() -> int:
    """Warn each supplier's admins once per window; returns the number of warnings sent."""
    today = clock.today()
    sent = 0
    for cert, window in certificates_due(today):
        admins = people_of(organisation=cert.organisation, org_role=OrgRole.ADMIN)
        with transaction.atomic():
            TkdnCertificate.objects.filter(pk=cert.pk).update(reminded_days=window)
            audit_record(actor=SYSTEM, action="tkdn_certificate.expiry_warning", obj=cert,
                         organisation=cert.organisation, before={"reminded_days":
                                                                 cert.reminded_days},
                         after={"reminded_days": window, "recipients": len(admins)})
            if admins:
                notify(
                    admins,
                    subject=lambda cert=cert: _("TKDN certificate expires in %(days)s days")
                    % {"days": (cert.valid_until - today).days},
                    text=lambda cert=cert: _(
                        "The TKDN certificate %(number)s for %(product)s expires on %(date)s. "
                        "Expired values are not offered in bids; renew it in time.") % {
                        "number": cert.number or _("(self-declared)"),
                        "product": cert.product, "date": local_date(cert.valid_until)},
                    link=reverse("tkdn:overview", args=[cert.organisation_id]))
                sent += 1
    return sent
