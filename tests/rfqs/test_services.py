"""Requests for quotation, their writes: sending (to the chosen, or to every capable
foundry), sealed quotations (replace, withdraw, the deadline), sample orders, first
articles and their approval, and the contract."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from pasok import clock
from pasok.accounts.models import Notification
from pasok.audit.models import AuditEvent
from pasok.contracts.models import ContractKind
from pasok.rfqs import selectors, services
from pasok.rfqs.models import Decision, Invite, Quotation, RfqInvitation
from pasok.suppliers.models import Certificate, MaterialGrade
from pasok.tenders import sealing
from tests.tenders.files import NOT_A_PDF, PNG, Upload

from .factories import (
    AFTER,
    BORE,
    DEADLINE,
    HARDNESS,
    SENT_AT,
    approved,
    inspected,
    quoted,
    sampled,
    sent_rfq,
)

pytestmark = pytest.mark.django_db


def test_a_sent_rfq_has_the_years_reference_and_tells_the_invited(
        cluster, django_capture_on_commit_callbacks):
    with clock.frozen(SENT_AT), django_capture_on_commit_callbacks(execute=True):
        first = sent_rfq(cluster)
    second = sent_rfq(cluster)
    assert (first.reference, second.reference) == ("RFQ-2026-00001", "RFQ-2026-00002")
    assert set(first.invitations.values_list("supplier", flat=True)) == {
        cluster.supplier_a.pk, cluster.supplier_b.pk}
    told = Notification.objects.filter(text__contains=first.reference)
    assert {n.user.organisation_id for n in told} == {cluster.supplier_a.pk,
                                                      cluster.supplier_b.pk}
    assert any(first.reference in m.body for m in mail.outbox)
    event = AuditEvent.objects.get(action="rfq.send", object_id=str(first.pk))
    assert event.after["invited"] == 2


def test_every_capable_foundry_is_the_capability_search_s(cluster):
    rfq = sent_rfq(cluster, invite=Invite.CAPABLE, suppliers=[])
    # Only supplier A's profile casts FC200 at 12 kg (5–80 kg).
    assert list(rfq.invitations.values_list("supplier", flat=True)) == [cluster.supplier_a.pk]
    with pytest.raises(ValidationError) as refused:
        sent_rfq(cluster, invite=Invite.CAPABLE, suppliers=[],
                 unit_weight_kg=Decimal(120))  # beyond A's 80 kg
    assert "invite" in refused.value.message_dict


def test_a_certificate_asked_narrows_every_capable_one_to_its_holders(cluster):
    with pytest.raises(ValidationError):
        sent_rfq(cluster, invite=Invite.CAPABLE, suppliers=[], certificate="iatf16949")
    Certificate.objects.create(profile=cluster.supplier_a.profile, kind="iatf16949",
                               number="IATF-1", valid_until=dt.date(2028, 1, 1))
    rfq = sent_rfq(cluster, invite=Invite.CAPABLE, suppliers=[], certificate="iatf16949")
    assert rfq.invitations.get().supplier == cluster.supplier_a


@pytest.mark.parametrize(("changes", "field"), [
    ({"suppliers": []}, "suppliers"),
    ({"part_name": " "}, "part_name"),
    ({"unit_weight_kg": Decimal(0)}, "unit_weight_kg"),
    ({"target_unit_price": Decimal(-1)}, "target_unit_price"),
    ({"deadline": SENT_AT - dt.timedelta(minutes=1)}, "deadline"),
    ({"certificate": "halal"}, "certificate"),
    ({"drawing": Upload("gambar.png", PNG)}, "drawing"),
])
def test_what_an_rfq_refuses_names_its_field(cluster, changes, field):
    with pytest.raises(ValidationError) as refused:
        sent_rfq(cluster, **changes)
    assert field in refused.value.message_dict


def test_a_drawing_that_only_pretends_to_be_a_pdf_is_refused(cluster):
    with pytest.raises(ValidationError):
        sent_rfq(cluster, drawing=Upload("gambar.pdf", NOT_A_PDF))


def test_only_a_buyers_writers_send_for_their_own_organisation(cluster):
    for role in ("supplier_a", "ministry", "viewer_x"):
        with pytest.raises(PermissionDenied), clock.frozen(SENT_AT):
            services.rfq_send(by=cluster.users[role], buyer=cluster.buyer_y, part_name="X",
                              family="other", grade=MaterialGrade.objects.first(),
                              unit_weight_kg=1, annual_volume=1, target_unit_price=1,
                              deadline=DEADLINE, invite=Invite.CHOSEN,
                              suppliers=[cluster.supplier_a])
    with pytest.raises(PermissionDenied):  # a buyer for another buyer
        services.rfq_send(
            by=cluster.users["buyer_x"], buyer=cluster.buyer_y, part_name="X",
            family="other", grade=MaterialGrade.objects.first(), unit_weight_kg=1,
            annual_volume=1, target_unit_price=1, deadline=DEADLINE, invite=Invite.CHOSEN,
            suppliers=[cluster.supplier_a])


def test_a_quotation_is_sealed_and_its_digest_covers_a_nonce(cluster):
    rfq = sent_rfq(cluster)
    quotation = quoted(cluster, rfq)
    assert b"340000" not in bytes(quotation.sealed)
    content = sealing.unseal(quotation.sealed)
    assert content["unit_price"] == "340000" and len(content["nonce"]) == 32
    assert sealing.digest(content) == quotation.digest
    event = AuditEvent.objects.get(action="quotation.submit")
    assert set(event.after) == {"rfq", "digest", "version"}  # never what it says


def test_a_replacement_is_a_new_version_and_a_withdrawal_ends_it(cluster):
    rfq = sent_rfq(cluster)
    first = quoted(cluster, rfq)
    second = quoted(cluster, rfq, unit_price=Decimal(330_000))
    assert second.pk == first.pk and second.version == 2
    assert second.terms.unit_price == Decimal(330_000)
    with clock.frozen(SENT_AT + dt.timedelta(days=2)):
        services.quotation_withdraw(by=cluster.users["supplier_a"], quotation=second)
        with pytest.raises(ValidationError):
            services.quotation_withdraw(by=cluster.users["supplier_a"], quotation=second)
    again = quoted(cluster, rfq)
    assert again.version == 3 and again.withdrawn_at is None


def test_no_quotation_after_the_deadline_nor_from_the_uninvited(cluster):
    rfq = sent_rfq(cluster, suppliers=[cluster.supplier_a])
    with pytest.raises(PermissionDenied):
        quoted(cluster, rfq, role="supplier_b")
    quotation = quoted(cluster, rfq)
    with clock.frozen(DEADLINE):
        with pytest.raises(ValidationError):
            services.quotation_submit(by=cluster.users["supplier_a"], rfq=rfq,
                                      unit_price=1, lead_time_weeks=1, monthly_capacity=1,
                                      valid_until=DEADLINE.date())
        with pytest.raises(ValidationError):
            services.quotation_withdraw(by=cluster.users["supplier_a"], quotation=quotation)
    with pytest.raises(PermissionDenied):
        quoted(cluster, rfq, role="viewer_a")


@pytest.mark.parametrize(("changes", "field"), [
    ({"unit_price": Decimal(0)}, "unit_price"),
    ({"lead_time_weeks": 0}, "lead_time_weeks"),
    ({"monthly_capacity": -5}, "monthly_capacity"),
    ({"valid_until": DEADLINE.date() - dt.timedelta(days=1)}, "valid_until"),
])
def test_what_a_quotation_refuses_names_its_field(cluster, changes, field):
    rfq = sent_rfq(cluster)
    with pytest.raises(ValidationError) as refused:
        quoted(cluster, rfq, **changes)
    assert field in refused.value.message_dict


def test_the_buyer_reads_no_quotation_before_the_deadline(cluster):
    rfq = sent_rfq(cluster)
    quoted(cluster, rfq)
    quoted(cluster, rfq, role="supplier_b", unit_price=Decimal(360_000))
    buyer = cluster.users["buyer_y"]
    for moment in (SENT_AT, DEADLINE - dt.timedelta(seconds=1)):
        with clock.frozen(moment):
            assert selectors.comparison(user=buyer, rfq=rfq) == []
            for role in ("buyer_y", "ministry", "admin", "supplier_b", "cooperative"):
                seen = Quotation.objects.visible_to(cluster.users[role])
                assert set(seen.values_list("supplier", flat=True)) <= (
                    {cluster.supplier_b.pk} if role == "supplier_b" else set())
    with clock.frozen(DEADLINE):
        rows = selectors.comparison(user=buyer, rfq=rfq)
    assert [(r.quotation.supplier, r.terms.unit_price) for r in rows] == [
        (cluster.supplier_a, Decimal(340_000)), (cluster.supplier_b, Decimal(360_000))]
    assert rows[0].against_target == Decimal(340_000 - 350_000) * 100 / 350_000
    assert rows[0].certificate_held is None


def test_the_audit_of_a_quotation_is_its_quoters_until_the_deadline(cluster):
    rfq = sent_rfq(cluster)
    quoted(cluster, rfq)
    def readers():
        return {role for role in ("supplier_a", "buyer_y", "ministry", "admin", "supplier_b")
                if AuditEvent.objects.visible_to(cluster.users[role])
                .filter(action="quotation.submit").exists()}
    with clock.frozen(SENT_AT + dt.timedelta(days=2)):
        assert readers() == {"supplier_a"}
    with clock.frozen(AFTER):
        assert readers() == {"supplier_a", "buyer_y", "ministry", "admin"}


def test_a_withdrawn_quotation_never_opens(cluster):
    rfq = sent_rfq(cluster)
    quotation = quoted(cluster, rfq)
    with clock.frozen(SENT_AT + dt.timedelta(days=2)):
        services.quotation_withdraw(by=cluster.users["supplier_a"], quotation=quotation)
    with clock.frozen(AFTER):
        assert selectors.comparison(user=cluster.users["buyer_y"], rfq=rfq) == []


def test_samples_are_ordered_after_the_deadline_on_a_quotation_received(cluster):
    rfq = sent_rfq(cluster)
    quotation = quoted(cluster, rfq)
    buyer = cluster.users["buyer_y"]
    with clock.frozen(SENT_AT + dt.timedelta(days=2)), pytest.raises(ValidationError):
        services.sample_order(by=buyer, rfq=rfq, quotation=quotation, quantity=5,
                              due_on=DEADLINE.date())
    with clock.frozen(AFTER):
        with pytest.raises(ValidationError) as refused:
            services.sample_order(by=buyer, rfq=rfq, quotation=quotation, quantity=0,
                                  due_on=AFTER.date())
        assert "quantity" in refused.value.message_dict
        with pytest.raises(PermissionDenied):
            services.sample_order(by=cluster.users["supplier_a"], rfq=rfq,
                                  quotation=quotation, quantity=5, due_on=AFTER.date())
        order = services.sample_order(by=buyer, rfq=rfq, quotation=quotation, quantity=5,
                                      due_on=AFTER.date())
    assert order.quotation == quotation


def test_a_first_article_within_every_limit_passes_and_is_approved(cluster):
    inspection = inspected(cluster)
    assert inspection.passes and inspection.characteristics.count() == 2
    with clock.frozen(AFTER + dt.timedelta(days=21)):
        services.first_article_decide(by=cluster.users["buyer_y"], inspection=inspection,
                                      approve=True)
    inspection.refresh_from_db()
    assert inspection.decision == Decision.APPROVED


def test_a_first_article_outside_a_limit_cannot_be_approved_and_is_rejected_with_a_reason(
        cluster):
    inspection = inspected(cluster, measured=Decimal("52.08"))
    assert not inspection.passes
    bore = inspection.characteristics.get(name="Bore Ø")
    assert (bore.failure.side, bore.failure.by) == ("above", Decimal("0.03"))
    buyer = cluster.users["buyer_y"]
    with pytest.raises(ValidationError):
        services.first_article_decide(by=buyer, inspection=inspection, approve=True)
    with pytest.raises(ValidationError) as refused:
        services.first_article_decide(by=buyer, inspection=inspection, approve=False)
    assert "note" in refused.value.message_dict
    services.first_article_decide(by=buyer, inspection=inspection, approve=False,
                                  note="Diameter lubang di luar toleransi.")
    inspection.refresh_from_db()
    assert inspection.decision == Decision.REJECTED


def test_a_first_articles_rows_name_their_errors_by_path(cluster):
    order = sampled(cluster)
    with clock.frozen(AFTER + dt.timedelta(days=20)), pytest.raises(ValidationError) as wrong:
        services.first_article_record(
            by=cluster.users["buyer_y"], sample_order=order, inspected_on=clock.today(),
            characteristics=[BORE, HARDNESS | {"lower": Decimal(260)},
                             BORE | {"lower": None, "upper": None}])
    assert set(wrong.value.message_dict) == {"characteristics[1].upper",
                                             "characteristics[2].lower"}


def test_the_contract_is_made_from_the_approved_quotation(cluster):
    inspection = approved(cluster)
    rfq = inspection.sample_order.rfq
    with clock.frozen(AFTER + dt.timedelta(days=22)):
        contract = services.rfq_contract_make(by=cluster.users["buyer_y"], rfq=rfq,
                                              kind=ContractKind.FRAMEWORK,
                                              starts_on=dt.date(2027, 2, 1))
    rfq.refresh_from_db()
    assert rfq.contract == contract
    assert (contract.buyer, contract.supplier) == (cluster.buyer_y, cluster.supplier_a)
    item = contract.items.get()
    assert (item.unit_price, item.quantity, item.grade_id) == (Decimal(340_000), 24_000,
                                                               "FC200")
    assert (contract.starts_on, contract.ends_on) == (dt.date(2027, 2, 1),
                                                      dt.date(2028, 1, 31))
    assert sum(m.units for m in item.months.all()) == 24_000
    with pytest.raises(ValidationError):
        services.rfq_contract_make(by=cluster.users["buyer_y"], rfq=rfq,
                                   kind=ContractKind.SINGLE, starts_on=dt.date(2027, 2, 1))


def test_no_contract_before_an_approval(cluster):
    rfq = inspected(cluster).sample_order.rfq
    with pytest.raises(ValidationError):
        services.rfq_contract_make(by=cluster.users["buyer_y"], rfq=rfq,
                                   kind=ContractKind.SINGLE, starts_on=dt.date(2027, 2, 1))


def test_invitations_are_unique_per_supplier(cluster):
    rfq = sent_rfq(cluster, suppliers=[cluster.supplier_a, cluster.supplier_a])
    assert RfqInvitation.objects.filter(rfq=rfq).count() == 1


def test_an_rfq_is_seen_by_its_buyer_the_invited_their_cooperative_and_the_platform(cluster):
    from pasok.rfqs.models import Rfq

    rfq = sent_rfq(cluster, suppliers=[cluster.member])
    readers = {role for role in ("supplier_a", "supplier_b", "cooperative", "buyer_x",
                                 "buyer_y", "ministry", "admin")
               if Rfq.objects.visible_to(cluster.users[role]).filter(pk=rfq.pk).exists()}
    assert readers == {"cooperative", "buyer_y", "ministry", "admin"}


def test_no_notice_once_the_deadline_has_passed(cluster):
    from pasok.rfqs.tasks import notify_invited

    rfq = sent_rfq(cluster)
    with clock.frozen(DEADLINE):
        assert notify_invited.call(rfq_id=rfq.pk) == 0
    with clock.frozen(SENT_AT):
        assert notify_invited.call(rfq_id=rfq.pk) == 4  # A: admin, staff, viewer; B: admin
