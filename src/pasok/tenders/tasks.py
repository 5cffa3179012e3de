"""Background work of tenders (django-tasks)."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from pasok import clock
from pasok.accounts.models import Notification, Organisation, User
from pasok.audit.services import audit_record
from pasok.web.formatting import localized_number

from .models import Tender


def matching_suppliers(tender: Tender):
    """Supplier-side organisations whose profile can make at least one lot: the grade when
    the lot names one, and a casting weight range that covers the lot's unit weight."""
    fits = Q(pk__in=[])
    for lot in tender.lots.all():
        lot_fit = Q(profile__weight_min_kg__lte=lot.unit_weight_kg,
                    profile__weight_max_kg__gte=lot.unit_weight_kg)
        if lot.grade_id:
            lot_fit &= Q(profile__grades=lot.grade_id)
        fits |= lot_fit
    return (Organisation.objects.supplier_side().filter(is_active=True).filter(fits)
            .distinct())


@task()
def notify_matching_suppliers(*, tender_id: int) -> int:
    """E-mail and in-app notice to the people of every supplier that could bid."""
    tender = Tender.objects.select_related("buyer").get(pk=tender_id)
    people = list(User.objects.filter(organisation__in=matching_suppliers(tender),
                                      is_active=True))
    link = reverse("tenders:detail", args=[tender.pk])
    with translation.override(settings.LANGUAGE_CODE):
        text = _("New tender from %(buyer)s: %(title)s (bids until %(deadline)s)") % {
            "buyer": tender.buyer.name, "title": tender.title,
            "deadline": tender.bid_deadline.strftime("%d-%m-%Y %H:%M")}
        _notify([(p, text) for p in people], _("New tender on Pasok"), link)
    return len(people)


def _notify(people_texts: list[tuple[User, str]], subject: str, link: str) -> None:
    Notification.objects.bulk_create(
        Notification(user=p, text=text[:300], link=link, created_at=clock.now())
        for p, text in people_texts)
    send_mass_mail([(subject, f"{text}\n{settings.PASOK_BASE_URL}{link}\n",
                     settings.DEFAULT_FROM_EMAIL, [p.email]) for p, text in people_texts])


@task()
def send_award_notices(*, tender_id: int) -> int:
    """Every bidder learns the result: the winners, and the others with their rank."""
    tender = Tender.objects.get(pk=tender_id)
    link = reverse("tenders:detail", args=[tender.pk])
    notices = []
    with translation.override(settings.LANGUAGE_CODE):
        for bid in tender.bids.filter(withdrawn_at__isnull=True).select_related(
                "lot", "evaluation"):
            e = getattr(bid, "evaluation", None)
            if e is not None and e.awarded:
                text = _("%(ref)s lot %(lot)s: your bid wins %(units)s of the lot's %(total)s "
                         "units.")
            elif e is not None and e.rank:
                text = _("%(ref)s lot %(lot)s: your bid ranks %(rank)s; it does not win.")
            else:
                text = _("%(ref)s lot %(lot)s: your bid was not admissible (see the "
                         "evaluation).")
            if bid.lot.uncovered_quantity:
                text += " " + _("%(uncovered)s units of the lot stay uncovered, for a new "
                                "tender.")
            text %= {"ref": tender.reference, "lot": bid.lot.number,
                     "rank": e.rank if e else "",
                     "units": localized_number(e.awarded_quantity or 0) if e else "",
                     "total": localized_number(bid.lot.quantity),
                     "uncovered": localized_number(bid.lot.uncovered_quantity or 0)}
            notices += [(p, text) for p in User.objects.filter(organisation_id=bid.bidder_id,
                                                               is_active=True)]
        _notify(notices, _("Tender result on Pasok"), link)
    return len(notices)


@task()
def send_deadline_reminders() -> int:
    """A day before the deadline, once per tender: a reminder to every supplier that can
    bid (run daily or hourly through `pasok tenders remind`)."""
    now = clock.now()
    due = Tender.objects.filter(published_at__isnull=False, cancelled_at__isnull=True,
                                reminded_at__isnull=True, bid_deadline__gt=now,
                                bid_deadline__lte=now + dt.timedelta(days=1))
    sent = 0
    for tender in due:
        link = reverse("tenders:detail", args=[tender.pk])
        with translation.override(settings.LANGUAGE_CODE):
            text = _("Reminder: bids for %(ref)s %(title)s close on %(deadline)s.") % {
                "ref": tender.reference, "title": tender.title,
                "deadline": tender.bid_deadline.strftime("%d-%m-%Y %H:%M")}
            people = list(User.objects.filter(organisation__in=matching_suppliers(tender),
                                              is_active=True))
            _notify([(p, text) for p in people], _("Bids close soon on Pasok"), link)
        Tender.objects.filter(pk=tender.pk).update(reminded_at=now)
        audit_record(actor=None, action="tender.remind", obj=tender,
                     organisation=tender.buyer, after={"recipients": len(people)})
        sent += 1
    return sent
