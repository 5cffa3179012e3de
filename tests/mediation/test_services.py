"""Business matching services: who may record, what they refuse, what they audit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pasok import clock
from pasok.audit.models import AuditEvent
from pasok.mediation import services
from pasok.mediation.models import FollowUp, Pairing, Stage
from tests.contracts.conftest import signed_contract

from .factories import AFTER, HELD_ON, event, follow_up, pairing

pytestmark = pytest.mark.django_db


def test_ministry_records_an_event_and_its_attendance(cluster):
    made = event(cluster)
    assert made.organiser == cluster.ministry
    assert made.participants.filter(present=True).count() == 4
    actions = list(AuditEvent.objects.filter(object_id=str(made.pk)).values_list("action",
                                                                                  flat=True))
    assert actions.count("mediation_event.create") == 1
    assert actions.count("mediation_event.attendance") == 4


@pytest.mark.parametrize("role", ["buyer_x", "supplier_a", "cooperative", "viewer_x"])
def test_only_the_ministry_and_platform_admins_run_events(cluster, role):
    with pytest.raises(PermissionDenied):
        services.event_create(by=cluster.users[role], organiser=cluster.ministry, title="T",
                              held_on=HELD_ON, place="Klaten")


def test_platform_admin_runs_events_too(cluster):
    made = services.event_create(by=cluster.users["admin"], organiser=cluster.ministry,
                                 title="Temu bisnis", held_on=HELD_ON, place="Klaten")
    assert made.created_by == cluster.users["admin"]


def test_the_organiser_is_the_ministry_and_families_come_from_the_catalogue(cluster):
    with pytest.raises(ValidationError) as refused:
        services.event_create(by=cluster.users["ministry"], organiser=cluster.buyer_x,
                              title=" ", held_on=HELD_ON, place="Klaten",
                              families=["spaceship"])
    assert set(refused.value.message_dict) == {"organiser", "title", "families"}


def test_presence_waits_for_the_day(cluster):
    with clock.frozen(AFTER):
        later = services.event_create(by=cluster.users["ministry"], organiser=cluster.ministry,
                                      title="Nanti", held_on=dt.date(2027, 3, 1),
                                      place="Klaten")
        services.attendance_record(by=cluster.users["ministry"], event=later,
                                   organisation=cluster.buyer_x, invited=True, present=False)
        with pytest.raises(ValidationError) as refused:
            services.attendance_record(by=cluster.users["ministry"], event=later,
                                       organisation=cluster.buyer_x, invited=True,
                                       present=True)
        assert "present" in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            services.attendance_record(by=cluster.users["ministry"], event=later,
                                       organisation=cluster.ministry, invited=True,
                                       present=False)
        assert "organisation" in refused.value.message_dict


def test_a_pairing_starts_with_interest_on_the_events_day(cluster):
    paired = pairing(cluster, event(cluster))
    assert paired.stage == Stage.INTEREST
    assert list(paired.stages.values_list("stage", "reached_on")) == [(Stage.INTEREST,
                                                                       HELD_ON)]
    assert AuditEvent.objects.get(action="pairing.add").object_id == str(paired.pk)


def test_a_pair_is_of_a_buyer_and_a_supplier_on_the_list(cluster):
    made = event(cluster, listed=[cluster.buyer_x, cluster.supplier_a])
    with clock.frozen(AFTER), pytest.raises(ValidationError) as refused:
        services.pairing_add(by=cluster.users["ministry"], event=made, buyer=cluster.supplier_a,
                             supplier=cluster.supplier_b, family="nothing")
    assert set(refused.value.message_dict) == {"buyer", "supplier", "family"}
    pairing(cluster, made)
    with clock.frozen(AFTER), pytest.raises(ValidationError) as refused:
        pairing(cluster, made)
    assert "family" in refused.value.message_dict


def test_stages_go_forward_only_and_not_before_the_event(cluster):
    paired = pairing(cluster, event(cluster))
    ministry = cluster.users["ministry"]
    with clock.frozen(dt.datetime(2027, 2, 20, 3, tzinfo=dt.UTC)):
        with pytest.raises(ValidationError) as refused:
            services.pairing_advance(by=ministry, pairing=paired, stage=Stage.RFQ,
                                     reached_on=dt.date(2027, 1, 9))
        assert "reached_on" in refused.value.message_dict
        services.pairing_advance(by=ministry, pairing=paired, stage=Stage.SAMPLES,
                                 reached_on=dt.date(2027, 2, 1))
        with pytest.raises(ValidationError) as refused:
            services.pairing_advance(by=ministry, pairing=paired, stage=Stage.RFQ,
                                     reached_on=dt.date(2027, 2, 2))
        assert "stage" in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            services.pairing_advance(by=ministry, pairing=paired, stage=Stage.FIRST_ORDER,
                                     reached_on=dt.date(2027, 1, 31))
        assert "reached_on" in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            services.pairing_advance(by=ministry, pairing=paired, stage=Stage.FIRST_ORDER,
                                     reached_on=dt.date(2027, 2, 21))
        assert "reached_on" in refused.value.message_dict
    paired.refresh_from_db()
    assert paired.stage == Stage.SAMPLES
    event_ = AuditEvent.objects.get(action="pairing.advance")
    assert event_.before == {"stage": Stage.INTEREST, "reached_on": "2027-01-10"}
    assert event_.after == {"stage": Stage.SAMPLES, "reached_on": "2027-02-01"}


def test_links_are_the_pairs_own(cluster):
    paired = pairing(cluster, event(cluster))
    other = pairing(cluster, event(cluster, title="Lain"), buyer=cluster.buyer_y,
                    supplier=cluster.member)
    contract = signed_contract(cluster)  # buyer X with supplier A
    ministry = cluster.users["ministry"]
    with pytest.raises(ValidationError) as refused:
        services.pairing_link(by=ministry, pairing=other, contract=contract)
    assert "contract" in refused.value.message_dict
    services.pairing_link(by=ministry, pairing=paired, contract=contract)
    assert Pairing.objects.get(pk=paired.pk).contract == contract
    assert AuditEvent.objects.get(action="pairing.link").after == {"contract": contract.pk}


def test_an_rfq_links_when_the_buyer_sent_it_to_the_supplier(cluster):
    from tests.rfqs.factories import sent_rfq

    rfq = sent_rfq(cluster)  # buyer Y's, to suppliers A and B
    made = event(cluster)
    sent = pairing(cluster, made, buyer=cluster.buyer_y)
    ministry = cluster.users["ministry"]
    for other in (pairing(cluster, made), pairing(cluster, made, buyer=cluster.buyer_y,
                                                  supplier=cluster.member)):
        with pytest.raises(ValidationError) as refused:
            services.pairing_link(by=ministry, pairing=other, rfq=rfq)
        assert "rfq" in refused.value.message_dict
    services.pairing_link(by=ministry, pairing=sent, rfq=rfq)
    assert Pairing.objects.get(pk=sent.pk).rfq == rfq
    assert AuditEvent.objects.get(action="pairing.link").after == {"rfq": rfq.pk}


def test_a_follow_up_is_owned_by_someone_of_the_pair_or_the_ministry(cluster):
    paired = pairing(cluster, event(cluster))
    with clock.frozen(AFTER), pytest.raises(ValidationError) as refused:
        services.follow_up_add(by=cluster.users["ministry"], pairing=paired, action="RFQ",
                               owner=cluster.users["buyer_y"], due_on=dt.date(2027, 1, 1))
    assert set(refused.value.message_dict) == {"owner", "due_on"}
    made = follow_up(cluster, paired)
    assert made.owner == cluster.users["buyer_x"]
    assert AuditEvent.objects.get(action="follow_up.add").after["owner"] == made.owner.pk


def test_the_owner_marks_a_follow_up_done_others_may_not(cluster):
    made = follow_up(cluster, pairing(cluster, event(cluster)))
    with pytest.raises(PermissionDenied):
        services.follow_up_complete(by=cluster.users["supplier_a"], follow_up=made)
    services.follow_up_complete(by=cluster.users["buyer_x"], follow_up=made)
    assert FollowUp.objects.get(pk=made.pk).done_at is not None
    with pytest.raises(ValidationError):
        services.follow_up_complete(by=cluster.users["ministry"], follow_up=made)
    assert AuditEvent.objects.filter(action="follow_up.complete").count() == 1


def test_the_events_day_cannot_move_after_its_pairings(cluster):
    made = event(cluster)
    pairing(cluster, made)
    with clock.frozen(AFTER), pytest.raises(ValidationError) as refused:
        services.event_update(by=cluster.users["ministry"], event=made,
                              organiser=cluster.ministry, title=made.title,
                              held_on=dt.date(2027, 1, 11), place=made.place)
    assert "held_on" in refused.value.message_dict
