"""A cooperative bids on behalf of named members: each an active member of it, the shares
adding up to the bid's quantity, sealed like the rest of the bid. A member named in the
cooperative's bid that also bids on the lot itself is never refused at submission (that
would tell who bid): at the evaluation the later of the two bids is set aside."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import load_workbook

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation
from pasok.accounts.services import organisation_create, organisation_verify, user_create
from pasok.tenders import sealing
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from tests.conftest import PASSWORD, make_nib, make_npwp

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=7)
OPENING = DEADLINE + dt.timedelta(hours=1)
DURING = T0 + dt.timedelta(days=1)
LATER = DURING + dt.timedelta(hours=2)


@pytest.fixture
def second_member(cluster):
    return organisation_create(by=SYSTEM, name="CV Cor Baja Lestari", kind="supplier",
                               nib=make_nib(40), npwp=make_npwp(40), province="Jawa Tengah",
                               regency="Klaten", cooperative=cluster.cooperative,
                               business_capital=Decimal(800_000_000))


@pytest.fixture
def tender(cluster, second_member):
    for org in (cluster.cooperative, cluster.member, second_member, cluster.supplier_a):
        organisation_verify(by=SYSTEM, organisation=org)
    user_create(by=SYSTEM, email="member@example.id", full_name="Anggota", password=PASSWORD,
                organisation=cluster.member, org_role="admin")
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=DEADLINE, opening_time=OPENING)
        lot_add(by=buyer, tender=tender, product="Blok rem", quantity=1000,
                unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        return tender_publish(by=buyer, tender=tender)


def _coop_bid(cluster, tender, members, quantity=1000, at=DURING):
    with clock.frozen(at):
        return bid_submit(by=cluster.users["cooperative"], lot=tender.lots.get(),
                          unit_price=95_000, quantity=quantity, monthly_capacity=200,
                          siinas_registered=True, members=members)[0]


def _member_bid(cluster, tender, at=DURING):
    from pasok.accounts.models import User

    with clock.frozen(at):
        return bid_submit(by=User.objects.get(email="member@example.id"),
                          lot=tender.lots.get(), unit_price=96_000, quantity=1000,
                          monthly_capacity=100, siinas_registered=True)[0]


def _refused(call) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        call()
    if hasattr(exc.value, "error_dict"):
        assert set(exc.value.message_dict) == {"members"}
        return exc.value.message_dict["members"]
    return exc.value.messages


def test_the_members_and_their_shares_are_sealed_with_the_bid(cluster, tender, second_member):
    bid = _coop_bid(cluster, tender, [(cluster.member.pk, 600), (second_member.pk, 400)])
    content = sealing.unseal(bid.sealed)
    assert content["members"] == [
        {"organisation": cluster.member.pk, "name": "UD Sinar Besi", "quantity": 600},
        {"organisation": second_member.pk, "name": "CV Cor Baja Lestari", "quantity": 400}]
    assert sealing.digest(content) == bid.digest
    assert "UD Sinar Besi" not in str(bid.sealed)


@pytest.mark.parametrize("shares", [[600, 300], [600, 500], [1000, 0]])
def test_the_shares_add_up_to_the_quantity_offered(cluster, tender, second_member, shares):
    messages = _refused(lambda: _coop_bid(cluster, tender, [
        (cluster.member.pk, shares[0]), (second_member.pk, shares[1])]))
    assert messages
    assert not tender.bids.exists()


def test_only_active_members_of_the_cooperative(cluster, tender, second_member):
    outsider = cluster.supplier_a
    assert _refused(lambda: _coop_bid(cluster, tender, [(cluster.member.pk, 500),
                                                        (outsider.pk, 500)]))
    Organisation.objects.filter(pk=second_member.pk).update(is_active=False)
    assert _refused(lambda: _coop_bid(cluster, tender, [(cluster.member.pk, 500),
                                                        (second_member.pk, 500)]))
    assert _refused(lambda: _coop_bid(cluster, tender, [(cluster.member.pk, 500),
                                                        (cluster.member.pk, 500)]))
    assert _refused(lambda: _coop_bid(cluster, tender, []))  # who makes it?
    with clock.frozen(DURING), pytest.raises(ValidationError) as exc:
        bid_submit(by=cluster.users["supplier_a"], lot=tender.lots.get(), unit_price=95_000,
                   quantity=1000, monthly_capacity=100, members=[(cluster.member.pk, 1000)])
    assert "members" in exc.value.message_dict  # only cooperatives name members
    assert not tender.bids.exists()


def test_no_bid_is_refused_because_of_another_partys_bid(cluster, tender, second_member):
    """A refusal would tell the member that its cooperative bid (or the cooperative that
    its member did): each bid is taken, and the evaluation decides (below)."""
    coop = _coop_bid(cluster, tender, [(cluster.member.pk, 600), (second_member.pk, 400)])
    own = _member_bid(cluster, tender)
    again = _coop_bid(cluster, tender, [(cluster.member.pk, 500), (second_member.pk, 500)])
    assert (again.pk, again.version) == (coop.pk, 2)
    assert {b.bidder for b in tender.bids.filter(withdrawn_at=None)} == {
        cluster.cooperative, cluster.member}
    assert own.withdrawn_at is None


def _evaluated(cluster, tender, client):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
        assert client.login(email="buyer_x@example.id", password=PASSWORD)
        return client.get(reverse("tenders:evaluation", args=[tender.pk])).content.decode()


@pytest.mark.parametrize("first", ["member", "cooperative"])
def test_at_the_evaluation_the_later_of_the_two_bids_is_set_aside(client, cluster, tender,
                                                                  second_member, first):
    shares = [(cluster.member.pk, 600), (second_member.pk, 400)]
    if first == "member":
        earlier, later = _member_bid(cluster, tender), _coop_bid(cluster, tender, shares,
                                                                 at=LATER)
    else:
        earlier, later = _coop_bid(cluster, tender, shares), _member_bid(cluster, tender,
                                                                         at=LATER)
    page = _evaluated(cluster, tender, client)
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert earlier.evaluation.exclusion is None and earlier.evaluation.rank == 1
    assert later.evaluation.exclusion == {
        "code": "maker_in_two_bids", "maker": "UD Sinar Besi",
        "earlier": earlier.bidder.name, "earlier_is_own": first == "member"}
    assert not later.evaluation.admissible
    with translation.override("en"):
        reason = later.evaluation.excluded_reason
    assert reason == ("set aside: UD Sinar Besi, a maker of this bid, bid on this lot itself "
                      "earlier; of two bids with the same maker the later is set aside"
                      if first == "member" else
                      "set aside: the earlier bid of Koperasi Batur Jaya names UD Sinar Besi "
                      "as a maker; of two bids with the same maker the later is set aside")
    with translation.override("id"):
        assert escape(later.evaluation.excluded_reason) in page  # shown after opening


def test_a_cooperative_naming_every_member_bars_none_of_them_from_bidding(client, cluster,
                                                                        tender,
                                                                        second_member):
    """The member that bid before the cooperative keeps its bid (and sets the cooperative's
    aside); with the cooperative's out, a member bidding after it stands too."""
    early = _member_bid(cluster, tender)
    _coop_bid(cluster, tender, [(cluster.member.pk, 600), (second_member.pk, 400)], at=LATER)
    user_create(by=SYSTEM, email="second@example.id", full_name="Kedua", password=PASSWORD,
                organisation=second_member, org_role="admin")
    with clock.frozen(LATER + dt.timedelta(hours=1)):
        from pasok.accounts.models import User

        late = bid_submit(by=User.objects.get(email="second@example.id"),
                          lot=tender.lots.get(), unit_price=97_000, quantity=1000,
                          monthly_capacity=100, siinas_registered=True)[0]
    _evaluated(cluster, tender, client)
    standing = {b.bidder.name for b in tender.bids.all() if not b.evaluation.exclusion}
    assert standing == {"UD Sinar Besi", "CV Cor Baja Lestari"}
    assert early.pk != late.pk


def test_the_bid_page_tells_the_rule_beforehand(client, cluster, tender):
    url = reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk])
    for email, sentence in (
            ("cooperative@example.id", "If a member named here also bids on its own, the "
                                       "later of the two bids is set aside at evaluation."),
            ("member@example.id", "If your cooperative names you as a maker in its bid on "
                                  "this lot, the later of the two bids is set aside at "
                                  "evaluation.")):
        client.logout()
        assert client.login(email=email, password=PASSWORD)
        with clock.frozen(DURING):
            page = client.get(url)
        with translation.override("id"):
            expected = translation.gettext(sentence)
        assert escape(expected) in page.content.decode(), email
    client.logout()
    assert client.login(email="supplier_a@example.id", password=PASSWORD)
    with clock.frozen(DURING):
        assert 'id="one-bid-per-maker"' not in client.get(url).content.decode()


def test_the_evaluation_page_shows_the_members_under_the_cooperatives_bid(client, cluster,
                                                                          tender,
                                                                          second_member):
    _coop_bid(cluster, tender, [(cluster.member.pk, 600), (second_member.pk, 400)])
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
        assert client.login(email="buyer_x@example.id", password=PASSWORD)
        page = client.get(reverse("tenders:evaluation", args=[tender.pk])).content.decode()
        xlsx = client.get(reverse("tenders:evaluation-xlsx", args=[tender.pk]))
    coop_at = page.index("Koperasi Batur Jaya")
    assert coop_at < page.index("UD Sinar Besi: 600") < page.index("CV Cor Baja Lestari: 400")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][-1] == "Anggota yang akan membuat barangnya"
    assert rows[2][0] == "Koperasi Batur Jaya"
    assert rows[2][-1] == "UD Sinar Besi: 600; CV Cor Baja Lestari: 400"


def _post(client, tender, rows, quantity="1000"):
    data = {"unit_price": "95000", "quantity": quantity, "monthly_capacity": "200",
            "origin": "domestic", "siinas_registered": "on",
            "member-TOTAL_FORMS": str(len(rows)), "member-INITIAL_FORMS": "0",
            "member-MIN_NUM_FORMS": "0", "member-MAX_NUM_FORMS": "1000"}
    for i, (member, share) in enumerate(rows):
        data[f"member-{i}-member"], data[f"member-{i}-quantity"] = member, share
    with clock.frozen(DURING):
        return client.post(reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk]),
                           data, follow=True)


def test_the_bid_page_takes_member_rows_and_keeps_them_on_error(client, cluster, tender,
                                                               second_member):
    assert client.login(email="cooperative@example.id", password=PASSWORD)
    with clock.frozen(DURING):
        page = client.get(reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk]))
    assert 'data-prefix="member"' in page.content.decode()
    members = page.context["members"].forms[0].fields["member"].queryset
    assert set(members) == {cluster.member, second_member}  # its own members only
    wrong = _post(client, tender, [(cluster.member.pk, "600"), (second_member.pk, "300")])
    assert wrong.context["members"].non_form_errors()  # 900, not 1000
    body = wrong.content.decode()
    assert 'value="600"' in body and 'value="300"' in body and 'value="95000"' in body
    assert not tender.bids.exists()
    outsider = _post(client, tender, [(cluster.supplier_a.pk, "1000")])
    assert outsider.context["members"].forms[0].errors["member"]
    ok = _post(client, tender, [(cluster.member.pk, "600"), (second_member.pk, "400"),
                                ("", "")])
    assert "receipt-digest" in ok.content.decode()
    content = sealing.unseal(tender.bids.get().sealed)
    assert [m["quantity"] for m in content["members"]] == [600, 400]
    # Replacing starts from what the standing bid says, member rows included.
    with clock.frozen(DURING):
        again = client.get(reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk]))
    rows = again.context["members"]
    assert [f.initial for f in rows.initial_forms] == [
        {"member": cluster.member.pk, "quantity": 600},
        {"member": second_member.pk, "quantity": 400}]
    assert again.context["form"].initial["unit_price"] == Decimal(95_000)
    assert 'value="95.000"' in again.content.decode()
    replaced = _post(client, tender, [(cluster.member.pk, "500"), (second_member.pk, "500")])
    assert "receipt-digest" in replaced.content.decode()
    assert tender.bids.get().version == 2


def test_a_suppliers_bid_page_has_no_member_rows(client, cluster, tender):
    assert client.login(email="supplier_a@example.id", password=PASSWORD)
    with clock.frozen(DURING):
        page = client.get(reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk]))
    assert page.context["members"] is None
    assert 'data-prefix="member"' not in page.content.decode()
