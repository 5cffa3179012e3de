"""Background work of tenders (django-tasks)."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation
from pasok.accounts.notices import notify, people_of
from pasok.audit.services import audit_record
from pasok.suppliers.selectors import capable_of, criteria_for_lot
from pasok.web.formatting import local_moment, localized_number

from .models import Addendum, Objection, Status, Tender


def matching_suppliers(tender: Tender):
    """Active supplier-side organisations whose profile can make at least one lot, as the
    capability search finds them (suppliers.selectors.capable_of)."""
    fits = Q(pk__in=[])
    for lot in tender.lots.all():
        fits |= capable_of(criteria_for_lot(lot))
    return (Organisation.objects.supplier_side()
            .filter(is_active=True, profile__isnull=False).filter(fits))


@task()
def notify_matching_suppliers(*, tender_id: int, base_url: str | None = None) -> int:
    """E-mail and in-app notice to the people of every supplier that could bid, each in their
    own language and time zone; nothing once bids are no longer taken (the task may run
    after the deadline, as for a tender the demo loads already awarded, or a cancelled one)."""
    tender = Tender.objects.select_related("buyer").get(pk=tender_id)
    if tender.status != Status.PUBLISHED:
        return 0
    return notify(
        people_of(organisation__in=matching_suppliers(tender)),
        subject=lambda: _("New tender on Pasok"),
        text=lambda: _("New tender from %(buyer)s: %(title)s (bids until %(deadline)s)") % {
            "buyer": tender.buyer.name, "title": tender.title,
            "deadline": local_moment(tender.bid_deadline)},
        link=reverse("tenders:detail", args=[tender.pk]), base_url=base_url)


@task()
def propose_split(*, tender_id: int) -> str:
    """The optimiser's split of an evaluated tender (split_proposal.work_out)."""
    from .split_proposal import work_out  # numpy and HiGHS load in the worker only

    return work_out(tender_id)


@task()
def send_award_notices(*, tender_id: int, base_url: str | None = None) -> int:
    """Every bidder learns the result: the winners, and the others with their rank."""
    tender = Tender.objects.get(pk=tender_id)
    link = reverse("tenders:detail", args=[tender.pk])
    sent = 0
    for bid in tender.bids.filter(withdrawn_at__isnull=True).select_related(
            "lot", "evaluation", "award"):
        e = getattr(bid, "evaluation", None)
        award = getattr(bid, "award", None)
        if award is not None:
            line = gettext_lazy("%(ref)s lot %(lot)s: your bid wins %(units)s of the lot's "
                                "%(total)s units.")
        elif e is not None and e.rank:
            line = gettext_lazy("%(ref)s lot %(lot)s: your bid ranks %(rank)s; it does not win.")
        else:
            line = gettext_lazy("%(ref)s lot %(lot)s: your bid was not admissible (see the "
                                "evaluation).")

        def text(line=line, e=e, award=award, lot=bid.lot):
            """In the recipient's language: the numbers too, and what stays uncovered."""
            words = line % {"ref": tender.reference, "lot": lot.number,
                            "rank": e.rank if e else "",
                            "units": localized_number(award.quantity) if award else "",
                            "total": localized_number(lot.quantity)}
            if lot.uncovered_quantity:
                words += " " + _("%(uncovered)s units of the lot stay uncovered, for a new "
                                 "tender.") % {
                    "uncovered": localized_number(lot.uncovered_quantity)}
            return words

        sent += notify(people_of(organisation_id=bid.bidder_id),
                       subject=lambda: _("Tender result on Pasok"), text=text, link=link,
                       base_url=base_url)
    return sent


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
        recipients = notify(
            people_of(organisation__in=matching_suppliers(tender)),
            subject=lambda: _("Bids close soon on Pasok"),
            text=lambda tender=tender: _(
                "Reminder: bids for %(ref)s %(title)s close on %(deadline)s.") % {
                "ref": tender.reference, "title": tender.title,
                "deadline": local_moment(tender.bid_deadline)},
            link=reverse("tenders:detail", args=[tender.pk]))
        Tender.objects.filter(pk=tender.pk).update(reminded_at=now)
        audit_record(actor=SYSTEM, action="tender.remind", obj=tender,
                     organisation=tender.buyer, after={"recipients": recipients})
        sent += 1
    return sent


def _addendum_recipients(tender: Tender):
    """Supplier-side organisations that opened the tender or have a standing bid on it."""
    return Organisation.objects.supplier_side().filter(is_active=True).filter(
        Q(pk__in=tender.readers.values("organisation_id"))
        | Q(pk__in=tender.bids.filter(withdrawn_at__isnull=True).values("bidder_id")))


@task()
def send_addendum_notices(*, addendum_id: int, base_url: str | None = None) -> int:
    """Everyone who opened the tender or bids on it learns of the addendum: its number,
    reason and deadline, and that a bid made before it waits for confirmation."""
    addendum = Addendum.objects.select_related("tender").get(pk=addendum_id)
    tender = addendum.tender
    if tender.status != Status.PUBLISHED:
        return 0
    return notify(
        people_of(organisation__in=_addendum_recipients(tender)),
        subject=lambda: _("Tender amended on Pasok"),
        text=lambda: _("%(ref)s %(title)s: addendum %(n)s (%(reason)s). Bids until "
                       "%(deadline)s; a bid made before it counts only once you confirm "
                       "it.") % {
            "ref": tender.reference, "title": tender.title, "n": addendum.number,
            "reason": addendum.reason[:120], "deadline": local_moment(tender.bid_deadline)},
        link=reverse("tenders:detail", args=[tender.pk]), base_url=base_url)


@task()
def send_objection_notice(*, objection_id: int, event: str,
                          base_url: str | None = None) -> int:
    """An objection filed: the buyer's people are told; answered: the objector's."""
    objection = Objection.objects.select_related("tender", "bidder").get(pk=objection_id)
    tender = objection.tender
    link = reverse("tenders:objections", args=[tender.pk])
    if event == "filed":
        return notify(
            people_of(organisation_id=tender.buyer_id),
            subject=lambda: _("Objection to an award on Pasok"),
            text=lambda: _("%(bidder)s objects to the award of %(ref)s %(title)s; answer "
                           "it on the objections page.") % {
                "bidder": objection.bidder.name, "ref": tender.reference,
                "title": tender.title},
            link=link, base_url=base_url)
    return notify(
        people_of(organisation_id=objection.bidder_id),
        subject=lambda: _("Your objection is answered on Pasok"),
        text=lambda: _("%(buyer)s answered your objection to the award of %(ref)s "
                       "%(title)s.") % {"buyer": tender.buyer.name, "ref": tender.reference,
                                        "title": tender.title},
        link=link, base_url=base_url)
