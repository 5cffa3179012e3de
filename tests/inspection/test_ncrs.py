"""A lot not accepted: its NCR answered by the foundry that made it, the corrective action
accepted by the buyer, closed once a replacement delivery is inspected and accepted."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pasok.audit.models import AuditEvent
from pasok.inspection.services import ncr_accept_corrective_action, ncr_close, ncr_respond
from tests.contracts.conftest import delivered

from .factories import inspected

pytestmark = pytest.mark.django_db

ANSWER = {"root_cause": "Suhu tuang terlalu rendah pada shift malam.",
          "corrective_action": "Termokopel baru; suhu tuang dicatat tiap ladle."}


@pytest.fixture
def ncr(cluster, lot_of_200):
    return inspected(cluster, lot_of_200, 4).ncr


def _replacement(cluster, ncr, quantity=200):
    rejected = ncr.inspection.delivery
    return delivered(cluster, rejected.call_off, quantity, dt.date(2027, 1, 25), note="SJ-R01",
                     replaces=rejected)


def _at(day):
    return dt.datetime(2027, 1, day, 3, tzinfo=dt.UTC)


def test_answered_accepted_then_replaced_closes_the_report(cluster, ncr):
    ncr_respond(by=cluster.users["staff_a"], ncr=ncr, **ANSWER)
    ncr_accept_corrective_action(by=cluster.users["buyer_x"], ncr=ncr)
    ncr.refresh_from_db()
    assert ncr.responded_by == cluster.users["staff_a"] and ncr.closed_at is None
    replacement = inspected(cluster, _replacement(cluster, ncr), 0, at=_at(26))
    ncr.refresh_from_db()
    assert replacement.accepted and ncr.closed_at == _at(26)
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="ncr.")
            .order_by("pk")] == ["ncr.open", "ncr.respond", "ncr.accept_corrective_action",
                                 "ncr.close"]


def test_replaced_first_closes_when_the_corrective_action_is_accepted(cluster, ncr):
    inspected(cluster, _replacement(cluster, ncr), 0, at=_at(26))
    ncr_respond(by=cluster.users["supplier_a"], ncr=ncr, **ANSWER)
    ncr.refresh_from_db()
    assert ncr.closed_at is None
    with pytest.raises(ValidationError):
        ncr_close(by=cluster.users["buyer_x"], ncr=ncr)
    ncr_accept_corrective_action(by=cluster.users["buyer_x"], ncr=ncr)
    ncr.refresh_from_db()
    assert ncr.closed_at is not None


def test_a_rejected_replacement_leaves_the_report_open(cluster, ncr):
    ncr_respond(by=cluster.users["supplier_a"], ncr=ncr, **ANSWER)
    ncr_accept_corrective_action(by=cluster.users["buyer_x"], ncr=ncr)
    again = inspected(cluster, _replacement(cluster, ncr), 3, at=_at(26))
    ncr.refresh_from_db()
    assert not again.accepted and ncr.closed_at is None and again.ncr.pk != ncr.pk


@pytest.mark.parametrize("role", ["buyer_x", "supplier_b", "viewer_a"])
def test_only_the_makers_writers_answer(cluster, ncr, role):
    with pytest.raises(PermissionDenied):
        ncr_respond(by=cluster.users[role], ncr=ncr, **ANSWER)
    ncr.refresh_from_db()
    assert ncr.responded_at is None


def test_an_answer_names_what_is_missing(cluster, ncr):
    with pytest.raises(ValidationError) as refused:
        ncr_respond(by=cluster.users["supplier_a"], ncr=ncr, root_cause=" ",
                    corrective_action="")
    assert set(refused.value.message_dict) == {"root_cause", "corrective_action"}
    ncr.refresh_from_db()
    assert ncr.responded_at is None and ncr.root_cause == ""


def test_the_buyer_accepts_only_an_answer_and_only_once(cluster, ncr):
    with pytest.raises(ValidationError):
        ncr_accept_corrective_action(by=cluster.users["buyer_x"], ncr=ncr)
    ncr_respond(by=cluster.users["supplier_a"], ncr=ncr, **ANSWER)
    with pytest.raises(PermissionDenied):
        ncr_accept_corrective_action(by=cluster.users["supplier_a"], ncr=ncr)
    ncr_accept_corrective_action(by=cluster.users["staff_x"], ncr=ncr)
    with pytest.raises(ValidationError):
        ncr_accept_corrective_action(by=cluster.users["buyer_x"], ncr=ncr)
    with pytest.raises(ValidationError) as refused:  # an accepted answer is no longer revised
        ncr_respond(by=cluster.users["supplier_a"], ncr=ncr, **ANSWER)
    assert "corrective_action" in refused.value.message_dict
