"""Follow-up reminders: the owner alone is told, from three days before the due date and
every day overdue, at most once a day, never once done; queued by `pasok mediation
remind`."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from pasok import clock
from pasok.accounts.models import Notification
from pasok.audit.models import AuditEvent
from pasok.mediation import services
from pasok.mediation.models import FollowUp
from pasok.mediation.tasks import send_follow_up_reminders

from .factories import event, follow_up, pairing

pytestmark = pytest.mark.django_db
DUE = dt.date(2027, 1, 20)


def at(day: dt.date):
    return clock.frozen(dt.datetime.combine(day, dt.time(2), tzinfo=dt.UTC))


@pytest.fixture
def made(cluster):
    return follow_up(cluster, pairing(cluster, event(cluster)), due_on=DUE)


def _told(cluster):
    return Notification.objects.filter(link="/mediation/follow-ups/")


def test_not_before_three_days_ahead(cluster, made):
    with at(DUE - dt.timedelta(days=4)):
        assert send_follow_up_reminders.call() == 0
    assert not _told(cluster).exists()


def test_the_owner_is_told_once_a_day_while_due_or_overdue(cluster, made):
    mail.outbox.clear()
    with at(DUE - dt.timedelta(days=3)):
        assert send_follow_up_reminders.call() == 1
        assert send_follow_up_reminders.call() == 0  # once a day at most
    assert [n.user for n in _told(cluster)] == [cluster.users["buyer_x"]]
    assert [m.to for m in mail.outbox] == [["buyer_x@example.id"]]
    assert "Kirim RFQ" in _told(cluster).get().text
    assert FollowUp.objects.get(pk=made.pk).reminded_on == DUE - dt.timedelta(days=3)
    with at(DUE + dt.timedelta(days=2)):
        assert send_follow_up_reminders.call() == 1
    events = AuditEvent.objects.filter(action="follow_up.remind").order_by("pk")
    assert [e.after["overdue"] for e in events] == [False, True]
    assert _told(cluster).count() == 2


def test_one_notice_for_all_of_an_owners_follow_ups(cluster, made):
    follow_up(cluster, made.pairing, due_on=DUE, action="Kirim sampel")
    with at(DUE):
        assert send_follow_up_reminders.call() == 1
    assert _told(cluster).count() == 1
    assert AuditEvent.objects.filter(action="follow_up.remind").count() == 2


def test_done_is_not_reminded(cluster, made):
    with at(DUE - dt.timedelta(days=1)):
        services.follow_up_complete(by=cluster.users["buyer_x"], follow_up=made)
        assert send_follow_up_reminders.call() == 0


def test_the_command_queues_the_task(cluster, made, capsys):
    with at(DUE):
        call_command("mediation_remind")
    assert capsys.readouterr().out.startswith("queued ")
    assert _told(cluster).count() == 1
