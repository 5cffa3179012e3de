"""Business matching pages: the ministry records an event, its attendance (an
organisation typed, not chosen from a list), a pairing and its stages, links and
follow-ups; the overdue are flagged; a party reads only its own pairs; the funnel counts
and its charts download."""

import datetime as dt

import pytest
from django.urls import reverse

from pasok import clock
from pasok.accounts import picking
from pasok.mediation import services
from pasok.mediation.models import MediationEvent, Pairing, Participant, Stage
from pasok.mediation.selectors import funnel_of
from tests.contracts.conftest import accepted_call_off, delivered, signed_contract

from .factories import AFTER, HELD_ON, event, follow_up, pairing

pytestmark = pytest.mark.django_db


def test_the_ministry_records_an_event_through_the_form(client, cluster):
    client.force_login(cluster.users["ministry"])
    with clock.frozen(AFTER):
        response = client.post(reverse("mediation:event-new"), {
            "title": "Temu bisnis BUMN", "held_on": "2027-01-10", "place": "Klaten",
            "organiser": cluster.ministry.pk, "families": ["brake_drum", "housing"]})
    made = MediationEvent.objects.get()
    assert response.status_code == 302
    assert made.families == ["brake_drum", "housing"]


def test_a_form_shows_again_what_was_typed_with_the_error(client, cluster):
    client.force_login(cluster.users["ministry"])
    response = client.post(reverse("mediation:event-new"), {
        "title": "Temu bisnis BUMN", "place": "", "organiser": cluster.ministry.pk})
    body = response.content.decode()
    assert response.status_code == 200 and 'value="Temu bisnis BUMN"' in body
    assert "error-summary" in body or 'role="alert"' in body


def test_attendance_types_the_organisation(client, cluster):
    made = event(cluster, listed=[])
    client.force_login(cluster.users["ministry"])
    with clock.frozen(AFTER):
        response = client.post(reverse("mediation:attendance", args=[made.public_id]), {
            "organisation": picking.label(cluster.buyer_x), "invited": "on", "present": "on"})
    assert response.status_code == 302
    assert Participant.objects.get(event=made).organisation == cluster.buyer_x
    names = client.get(reverse("mediation:organisation-names"), {"q": "Kereta"}).json()
    assert names == {"names": [picking.label(cluster.buyer_x)]}


def test_a_pairing_is_added_and_moved_on_from_its_page(client, cluster):
    made = event(cluster)
    client.force_login(cluster.users["ministry"])
    with clock.frozen(AFTER):
        response = client.post(reverse("mediation:pairing-new", args=[made.public_id]), {
            "buyer": cluster.buyer_x.pk, "supplier": cluster.supplier_a.pk,
            "family": "brake_drum"})
        paired = Pairing.objects.get()
        assert response.url == reverse("mediation:pairing", args=[paired.public_id])
        url = reverse("mediation:pairing", args=[paired.public_id])
        refused = client.post(url, {"form": "advance", "advance-stage": Stage.RFQ,
                                    "advance-reached_on": "2027-01-09"})
        assert refused.status_code == 200
        assert 'value="2027-01-09"' in refused.content.decode()
        assert client.post(url, {"form": "advance", "advance-stage": Stage.RFQ,
                                 "advance-reached_on": "2027-01-11"}).status_code == 302
        assert client.post(url, {"form": "follow_up", "follow_up-action": "Kirim gambar",
                                 "follow_up-owner": cluster.users["supplier_a"].pk,
                                 "follow_up-due_on": "2027-01-15"}).status_code == 302
    paired.refresh_from_db()
    assert paired.stage == Stage.RFQ
    assert paired.follow_ups.get().owner == cluster.users["supplier_a"]


def test_overdue_follow_ups_are_flagged(client, cluster):
    paired = pairing(cluster, event(cluster))
    late = follow_up(cluster, paired, due_on=dt.date(2027, 1, 13), action="Terlambat")
    follow_up(cluster, paired, due_on=dt.date(2027, 1, 30), action="Nanti saja")
    client.force_login(cluster.users["ministry"])
    with clock.frozen(dt.datetime(2027, 1, 15, 3, tzinfo=dt.UTC)):
        page = client.get(reverse("mediation:follow-ups")).content.decode()
        only = client.get(reverse("mediation:follow-ups"), {"overdue": "1"}).content.decode()
        event_page = client.get(reverse("mediation:event",
                                        args=[paired.event.public_id])).content.decode()
    row = page.split(f'id="follow-up-{late.public_id}"')[1].split("</tr>")[0]
    assert "overdue" in row
    assert page.count('class="badge overdue"') == 1
    assert "Terlambat" in only and "Nanti saja" not in only
    assert event_page.count('class="badge overdue"') == 1


def test_a_party_reads_its_own_pairs_not_the_others_notes(client, cluster):
    made = event(cluster)
    pairing(cluster, made, notes="Catatan X")
    pairing(cluster, made, buyer=cluster.buyer_y, supplier=cluster.member, notes="Rahasia Y")
    client.force_login(cluster.users["buyer_x"])
    page = client.get(reverse("mediation:event", args=[made.public_id])).content.decode()
    assert cluster.buyer_x.name in page and "UD Sinar Besi ×" not in page
    client.force_login(cluster.users["cooperative"])  # its member's pair
    page = client.get(reverse("mediation:event", args=[made.public_id])).content.decode()
    assert "UD Sinar Besi" in page and f"{cluster.buyer_x.name} ×" not in page


def test_the_funnel_counts_stages_value_and_deliveries(client, cluster):
    made = event(cluster)
    paired = pairing(cluster, made)
    pairing(cluster, made, buyer=cluster.buyer_y, supplier=cluster.member)
    contract = signed_contract(cluster)
    call_off = accepted_call_off(cluster, contract, quantity=100)
    delivered(cluster, call_off, 40, dt.date(2027, 1, 20))
    ministry = cluster.users["ministry"]
    with clock.frozen(dt.datetime(2027, 3, 1, 3, tzinfo=dt.UTC)):
        services.pairing_advance(by=ministry, pairing=paired, stage=Stage.FIRST_ORDER,
                                 reached_on=dt.date(2027, 2, 15))
        services.pairing_link(by=ministry, pairing=paired, contract=contract)
        made_funnel = funnel_of(ministry, clock.today())
        assert made_funnel.total.counts == [2, 1, 1, 1, 1, 0]
        assert made_funnel.total.value == 450_000 * 600
        assert (made_funnel.total.deliveries, made_funnel.total.units_delivered) == (1, 40)
        # A stage skipped counts in the month of the later one.
        assert made_funnel.monthly[Stage.RFQ][dt.date(2027, 2, 1)] == 1
        assert made_funnel.monthly[Stage.INTEREST][HELD_ON.replace(day=1)] == 2
        assert [r.label for r in made_funnel.by_buyer] == [cluster.buyer_y.name,
                                                          cluster.buyer_x.name]
        # Buyer Y reads its own pair only, and no contract of buyer X's.
        assert funnel_of(cluster.users["buyer_y"], clock.today()).total.counts[0] == 1
        client.force_login(ministry)
        page = client.get(reverse("mediation:funnel")).content.decode()
        assert "Rp270.000.000" in page and 'id="chart-stages"' in page
        one = client.get(reverse("mediation:funnel"), {"buyer": cluster.buyer_x.pk})
        assert one.context["funnel"].total.counts[0] == 1
        csv = client.get(reverse("mediation:funnel-export", args=["months", "csv"]))
        assert csv["Content-Type"].startswith("text/csv")
        assert "2027-02" in csv.content.decode("utf-8-sig")
        svg = client.get(reverse("mediation:funnel-export", args=["stages", "svg"]))
        assert svg["Content-Type"].startswith("image/svg+xml")
        assert client.get(reverse("mediation:funnel-export",
                                  args=["nothing", "csv"])).status_code == 404
