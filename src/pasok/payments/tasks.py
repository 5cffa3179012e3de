"""News about invoices, sent by the task worker: the buyer's people when an invoice is
issued or corrected, the supplier's when a payment is recorded; and reminders of overdue
invoices to the buyer's people, queued daily by `pasok payments remind` (each invoice on its
first day late, then weekly while unpaid: rules.payment_terms.reminder_due)."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.notices import notify, people_of, still_news
from pasok.audit.services import audit_record
from pasok.rules import payment_terms
from pasok.web.formatting import local_date, localized_rupiah

from .models import Invoice
from .selectors import days_late, overdue_by_buyer


def _invoice_news(invoice: Invoice, event: str) -> str:
    words = {
        "issued": _("%(supplier)s issued the invoice %(number)s for %(amount)s under contract "
                    "%(ref)s, due on %(due)s."),
        "corrected": _("%(supplier)s corrected the invoice %(number)s under contract %(ref)s: "
                       "now %(amount)s, due on %(due)s."),
        "paid": _("%(buyer)s paid %(paid)s of the invoice %(number)s (%(amount)s)."),
    }[event]
    return words % {"supplier": invoice.supplier.name, "buyer": invoice.contract.buyer.name,
                    "number": invoice.number, "amount": localized_rupiah(invoice.amount),
                    "paid": localized_rupiah(invoice.paid), "ref": invoice.contract.reference,
                    "due": local_date(invoice.due_on)}


@task()
def send_invoice_notice(*, invoice_id: int, event: str, base_url: str | None = None) -> int:
    invoice = Invoice.objects.select_related("contract__buyer", "supplier").get(pk=invoice_id)
    payment = invoice.payments.order_by("-recorded_at").first()
    if (event == "paid" and not still_news(payment.recorded_at if payment else None)) or (
            event != "paid" and invoice.settled_on is not None):
        return 0  # paid since, or paid long ago: no longer news
    told = invoice.supplier_id if event == "paid" else invoice.contract.buyer_id
    return notify(people_of(organisation_id=told),
                  subject=lambda: _("Invoice %(number)s on Pasok") % {"number": invoice.number},
                  text=lambda: _invoice_news(invoice, event),
                  link=reverse("payments:invoice", args=[invoice.public_id]),
                  base_url=base_url)


@task()
def send_overdue_reminders() -> int:
    """Each buyer with invoices due a reminder today is told once, of all of them; returns
    how many buyers were told."""
    today = clock.today()
    told = 0
    for group in overdue_by_buyer(today):
        due = [i for i in group.invoices
               if payment_terms.reminder_due(i.due_on, today, i.reminded_on)]
        if not due:
            continue
        people = people_of(organisation_id=group.buyer_id)
        worst = max(days_late(i, today) for i in due)
        left = sum(i.amount - i.paid for i in due)
        with transaction.atomic():
            Invoice.objects.filter(pk__in=[i.pk for i in due]).update(reminded_on=today)
            for invoice in due:
                audit_record(actor=SYSTEM, action="invoice.remind", obj=invoice,
                             organisation=invoice.contract.buyer,
                             after={"days_late": days_late(invoice, today),
                                    "recipients": len(people)})
            notify(people,
                   subject=lambda: _("Overdue invoices on Pasok"),
                   text=lambda due=due, worst=worst, left=left: ngettext(
                       "%(n)s invoice is overdue: %(left)s left to pay, up to %(days)s days "
                       "late. Pay it or tell the supplier why not.",
                       "%(n)s invoices are overdue: %(left)s left to pay, up to %(days)s days "
                       "late. Pay them or tell the suppliers why not.", len(due)) % {
                       "n": len(due), "left": localized_rupiah(left), "days": worst},
                   link=reverse("payments:overdue"))
        told += 1
    return told
