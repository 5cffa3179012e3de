"""Overdue invoices: the list per buyer with days late, and the reminders the buyer's people
get (the first day late, then weekly), queued by `pasok payments remind`."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from pasok.accounts.models import Notification
from pasok.audit.models import AuditEvent
from pasok.payments.models import Invoice
from pasok.payments.selectors import overdue_by_buyer
from pasok.payments.tasks import send_overdue_reminders

from .conftest import DUE, at, pay

pytestmark = pytest.mark.django_db
BUYER_PEOPLE = 3  # buyer X's admin, staff and viewer


def _reminded(cluster):
    return Notification.objects.filter(user__organisation=cluster.buyer_x,
                                       link="/payments/overdue/")


def test_not_overdue_on_the_due_date(cluster, invoice):
    assert overdue_by_buyer(DUE) == []
    with at(DUE):
        assert send_overdue_reminders.call() == 0
    assert not _reminded(cluster).exists()


def test_the_buyer_is_reminded_the_first_day_late_then_weekly(cluster, invoice):
    (group,) = overdue_by_buyer(DUE + dt.timedelta(days=1))
    assert group.buyer_id == cluster.buyer_x.pk and group.invoices == (invoice,)
    mail.outbox.clear()
    with at(DUE + dt.timedelta(days=1)):
        assert send_overdue_reminders.call() == 1
        assert send_overdue_reminders.call() == 0  # once a day at most
    assert _reminded(cluster).count() == BUYER_PEOPLE
    assert {m.to[0] for m in mail.outbox} == {"buyer_x@example.id", "staff_x@example.id",
                                              "viewer_x@example.id"}
    note = _reminded(cluster).first().text
    assert "Rp81.000.000" in note, note  # left to pay, in the person's own language
    assert AuditEvent.objects.get(action="invoice.remind").after == {
        "days_late": 1, "recipients": BUYER_PEOPLE}
    with at(DUE + dt.timedelta(days=7)):
        assert send_overdue_reminders.call() == 0
    with at(DUE + dt.timedelta(days=8)):
        assert send_overdue_reminders.call() == 1
    assert _reminded(cluster).count() == 2 * BUYER_PEOPLE
    assert not Notification.objects.filter(user__organisation=cluster.supplier_a,
                                           link="/payments/overdue/").exists()


def test_a_paid_invoice_is_not_reminded(cluster, invoice):
    pay(cluster, invoice, invoice.amount, DUE + dt.timedelta(days=3))
    assert overdue_by_buyer(DUE + dt.timedelta(days=4)) == []
    with at(DUE + dt.timedelta(days=4)):
        assert send_overdue_reminders.call() == 0


def test_a_part_paid_invoice_is_still_overdue(cluster, invoice):
    pay(cluster, invoice, Decimal(1_000_000), DUE)
    (group,) = overdue_by_buyer(DUE + dt.timedelta(days=5))
    assert group.total_left() == invoice.amount - Decimal(1_000_000)


def test_the_command_queues_the_task(cluster, invoice, capsys):
    with at(DUE + dt.timedelta(days=2)):
        call_command("payments_remind")
    assert capsys.readouterr().out.startswith("queued ")
    assert Invoice.objects.get().reminded_on == DUE + dt.timedelta(days=2)
    assert _reminded(cluster).count() == BUYER_PEOPLE
