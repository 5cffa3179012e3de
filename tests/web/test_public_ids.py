"""Bids, their documents, questions, TKDN worksheets and cooperative plans go by random public
ids in URLs, pages and the API (issue 10): a bidder who got bid #412 and later #415 learned
that three bids came in between. The sequential keys are no route at all."""

import base64
import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import api_token_create, organisation_verify
from pasok.allocation.models import Plan
from pasok.tenders.models import Bid, BidDocument, Question
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    question_ask,
    tender_create,
    tender_publish,
)
from pasok.tkdn.models import Worksheet
from pasok.tkdn.services import worksheet_save
from tests.allocation.factories import matrix_args as plan_args
from tests.tenders.files import PDF, nib_pdf
from tests.web.test_permission_matrix import BRAKE_BLOCK

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=7)
DURING = T0 + dt.timedelta(days=1)
# A link in a page or an API path that carries an integer where a bid, a document or a
# question is named.
INTEGER_LINK = re.compile(r"/(?:bids|documents|questions|worksheets)/\d+/")


def _tender(cluster):
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=DEADLINE, opening_time=DEADLINE,
                               required_documents=["NIB"])
        for number in (1, 2):
            lot_add(by=buyer, tender=tender, product=f"Blok rem {number}", quantity=100,
                    unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        return tender_publish(by=buyer, tender=tender)


def _bid(cluster, tender, role, lot_number=1):
    with clock.frozen(DURING):
        return bid_submit(by=cluster.users[role], lot=tender.lots.get(number=lot_number),
                          unit_price=95_000, quantity=100, monthly_capacity=50,
                          documents={"NIB": nib_pdf(role)})[0]


@pytest.fixture
def tender(cluster):
    return _tender(cluster)


@pytest.mark.django_db
def test_consecutive_bids_ids_tell_nothing_of_their_order(client, cluster, tender):
    mine = _bid(cluster, tender, "supplier_a")
    theirs = _bid(cluster, tender, "supplier_b")
    again = _bid(cluster, tender, "supplier_a", lot_number=2)
    assert (theirs.pk, again.pk) == (mine.pk + 1, mine.pk + 2)  # the keys do tell
    ids = [b.public_id for b in (mine, theirs, again)]
    documents = [d.public_id for d in BidDocument.objects.order_by("pk")]
    # Random (version 4): nothing in them counts or orders, and none repeats.
    assert {u.version for u in ids + documents} == {4}
    assert len(set(ids + documents)) == 6
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(DURING):
        pages = [client.get(reverse("tenders:detail", args=[tender.pk])).content.decode(),
                 client.get(reverse("tenders:own-bid", args=[tender.pk, mine.public_id]))
                 .content.decode(),
                 client.get(reverse("tenders:bid", args=[tender.pk, mine.lot_id]))
                 .content.decode()]
    for page in pages:
        assert INTEGER_LINK.search(page) is None
    assert f"/bids/{mine.public_id}/" in pages[0] and f"/bids/{again.public_id}/" in pages[0]
    document = mine.documents.get()
    assert f"/documents/{document.public_id}/" in pages[1]


@pytest.mark.django_db
def test_the_api_names_bids_and_documents_by_their_public_ids(client, cluster, tender):
    _bid(cluster, tender, "supplier_b")
    _token, secret = api_token_create(by=cluster.users["supplier_a"], name="erp")
    headers = {"Authorization": f"Bearer {secret}"}
    lot = tender.lots.get(number=1)
    with clock.frozen(DURING):
        receipt = client.post(
            f"/api/v1/tenders/{tender.pk}/lots/{lot.pk}/bid",
            {"unit_price": "96000", "quantity": 100, "monthly_capacity": 50, "documents": [
                {"kind": "NIB", "filename": "nib.pdf",
                 "content_base64": base64.b64encode(PDF).decode()}]},
            content_type="application/json", headers=headers).json()
        (own,) = client.get(f"/api/v1/tenders/{tender.pk}/bids", headers=headers).json()
    bid = Bid.objects.get(bidder=cluster.supplier_a)
    assert receipt["bid_id"] == own["id"] == str(bid.public_id)
    assert own["documents"][0]["id"] == str(bid.documents.get().public_id)
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["ReceiptOut"]["properties"]["bid_id"][
        "format"] == "uuid"


@pytest.mark.django_db
def test_an_integer_id_is_no_route_even_for_the_bidder(client, cluster, tender):
    bid = _bid(cluster, tender, "supplier_a")
    document = bid.documents.get()
    with clock.frozen(DURING):
        question = question_ask(by=cluster.users["supplier_b"], tender=tender,
                                text="Apakah gambar teknis tersedia?")
    base = f"/tenders/{tender.pk}"
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(DURING):
        for path in (f"{base}/bids/{bid.pk}/", f"{base}/bids/{bid.pk}/receipt/",
                     f"{base}/bids/{bid.pk}/receipt.pdf", f"{base}/documents/{document.pk}/"):
            assert client.get(path).status_code == 404, path
        assert client.post(f"{base}/bids/{bid.pk}/withdraw/",
                           {"confirm": "1"}).status_code == 404
        # The same pages by the public ids are there.
        assert client.get(f"{base}/bids/{bid.public_id}/").status_code == 200
        assert client.get(f"{base}/documents/{document.public_id}/").status_code == 200
        _token, secret = api_token_create(by=cluster.users["supplier_a"], name="erp")
        api = client.get(f"/api/v1/tenders/{tender.pk}/documents/{document.pk}",
                         headers={"Authorization": f"Bearer {secret}"})
        assert api.status_code == 404
        client.force_login(cluster.users["buyer_x"])
        assert client.post(f"{base}/questions/{question.pk}/answer/",
                           {"answer": "Ya."}).status_code == 404
    bid.refresh_from_db()
    assert bid.withdrawn_at is None
    assert Question.objects.get().answer == ""


@pytest.mark.django_db
def test_worksheets_go_by_their_public_ids(client, cluster):
    first = worksheet_save(by=SYSTEM, organisation=cluster.supplier_a, data=BRAKE_BLOCK).worksheet
    worksheet_save(by=SYSTEM, organisation=cluster.supplier_b, data=BRAKE_BLOCK)
    client.force_login(cluster.users["supplier_a"])
    overview = client.get(reverse("tkdn:overview", args=[cluster.supplier_a.pk])).content
    assert f"/worksheets/{first.public_id}/" in overview.decode()
    assert INTEGER_LINK.search(overview.decode()) is None
    assert first.public_id.version == 4
    for suffix in ("", "edit/", "export.xlsx", "export.pdf"):
        assert client.get(f"/local-content/worksheets/{first.pk}/{suffix}").status_code == 404
        assert client.get(f"/local-content/worksheets/{first.public_id}/{suffix}"
                          ).status_code == 200
    _token, secret = api_token_create(by=cluster.users["supplier_a"], name="erp")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get(f"/api/v1/tkdn/worksheets/{first.pk}", headers=headers
                      ).status_code == 404
    (listed,) = client.get(f"/api/v1/tkdn/suppliers/{cluster.supplier_a.pk}/worksheets",
                           headers=headers).json()
    assert listed["id"] == listed["latest"]["worksheet_id"] == str(first.public_id)


@pytest.mark.django_db
def test_plans_go_by_their_public_ids(client, cluster):
    public_id, number = plan_args(cluster, "run")
    plan = Plan.objects.get(public_id=public_id)
    client.force_login(cluster.users["cooperative"])
    listing = client.get(reverse("allocation:list")).content.decode()
    assert f"/plans/{plan.public_id}/" in listing and f"/plans/{plan.pk}/" not in listing
    for suffix in ("", "edit/", "offers/", f"runs/{number}/", f"runs/{number}/progress/"):
        assert client.get(f"/plans/{plan.pk}/{suffix}").status_code == 404
        assert client.get(f"/plans/{plan.public_id}/{suffix}").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_existing_row_its_own_id(cluster, back_to_latest):
    tender = _tender(cluster)
    for role in ("supplier_a", "supplier_b"):
        _bid(cluster, tender, role)
    with clock.frozen(DURING):
        question_ask(by=cluster.users["supplier_b"], tender=tender, text="Gambar teknis?")
    for org in (cluster.supplier_a, cluster.supplier_b):
        worksheet_save(by=SYSTEM, organisation=org, data=BRAKE_BLOCK)
    plan_args(cluster, "plan")
    executor = MigrationExecutor(connection)
    executor.migrate([("tenders", "0009_awarded_months"),
                      ("tkdn", "0003_certificate_number_unique"),
                      ("allocation", "0004_constraint_messages_bookings")])
    executor.loader.build_graph()
    executor.migrate([("tenders", "0010_public_ids"), ("tkdn", "0004_worksheet_public_id"),
                      ("allocation", "0005_plan_public_id")])
    for model in (Bid, BidDocument, Question, Worksheet, Plan):
        ids = list(model.objects.values_list("public_id", flat=True))
        assert len(ids) == len(set(ids)) >= 1, model
        assert all(isinstance(u, uuid.UUID) and u.version == 4 for u in ids), model
