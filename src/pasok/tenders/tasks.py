"""Background work of tenders (django-tasks)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from pasok import clock
from pasok.accounts.models import Notification, Organisation, User

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
        Notification.objects.bulk_create(
            Notification(user=p, text=text[:300], link=link, created_at=clock.now())
            for p in people)
        send_mass_mail([(_("New tender on Pasok"), f"{text}\n{settings.PASOK_BASE_URL}{link}\n",
                         settings.DEFAULT_FROM_EMAIL, [p.email]) for p in people])
    return len(people)
