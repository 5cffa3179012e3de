"""A bid's documents are files, sealed with the bid: PDF, JPEG or PNG by their content, at
most 10 MB, encrypted at rest, covered by the receipt digest, and downloadable only by those
who may see the bid."""

import base64
import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import api_token_create, organisation_verify
from pasok.tenders import sealing
from pasok.tenders.documents import MAX_BYTES, Upload
from pasok.tenders.models import BidDocument, BidEvaluation
from pasok.tenders.services import (
    bid_submit,
    bid_withdraw,
    lot_add,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from tests.conftest import PASSWORD
from tests.tenders.files import JPEG, NOT_A_PDF, PDF, PNG, nib_pdf

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=7)
OPENING = DEADLINE + dt.timedelta(hours=1)
DOCS = ["NIB", "Sertifikat TKDN"]
MARKER = "RAHASIA-PENAWARAN-7731"  # written inside a document; must never show at rest


@pytest.fixture
def tender(cluster):
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=DEADLINE, opening_time=OPENING,
                               required_documents=DOCS)
        lot_add(by=buyer, tender=tender, product="Blok rem", quantity=100,
                unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        return tender_publish(by=buyer, tender=tender)


def _bid(cluster, tender, role="supplier_a", price=95_000, **documents):
    with clock.frozen(T0 + dt.timedelta(days=1)):
        return bid_submit(by=cluster.users[role], lot=tender.lots.get(), unit_price=price,
                          quantity=100, monthly_capacity=50, documents=documents)[0]


def _both(marker=MARKER):
    return {"NIB": nib_pdf(marker), "Sertifikat TKDN": Upload("tkdn.png", PNG)}


def _refusal(cluster, tender, **documents) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        _bid(cluster, tender, **documents)
    assert set(exc.value.message_dict) == {"documents"}
    return exc.value.message_dict["documents"]


@pytest.mark.parametrize("upload", [
    Upload("nib.pdf", NOT_A_PDF),      # a program renamed .pdf: its content says no
    Upload("nib.pdf", PNG),            # a PNG named .pdf: the name and the content disagree
    Upload("nib.exe", PDF),            # a PDF named .exe
    Upload("nib.pdf", b""),            # empty
])
def test_only_pdf_jpeg_and_png_by_their_content(cluster, tender, upload):
    (message,) = _refusal(cluster, tender, **{"NIB": upload})
    assert message.startswith("NIB:")
    assert not BidDocument.objects.exists()


def test_a_file_over_10_mb_is_refused_naming_the_document(cluster, tender):
    (message,) = _refusal(cluster, tender,
                          **{"Sertifikat TKDN": Upload("tkdn.pdf", PDF.ljust(MAX_BYTES + 1))})
    assert message.startswith("Sertifikat TKDN:") and "10" in message
    bid = _bid(cluster, tender, **{"Sertifikat TKDN": Upload("tkdn.pdf", PDF.ljust(MAX_BYTES))})
    assert bid.documents.get().size == MAX_BYTES  # exactly 10 MB is accepted


def test_a_document_the_tender_does_not_ask_for_is_refused(cluster, tender):
    (message,) = _refusal(cluster, tender, **{"Akta pendirian": nib_pdf()})
    assert "Akta pendirian" in message


def test_content_types_come_from_the_content(cluster, tender):
    bid = _bid(cluster, tender, **{"NIB": Upload("nib.JPG", JPEG),
                                   "Sertifikat TKDN": Upload("C:\\scan\\tkdn.png", PNG)})
    types = dict(bid.documents.values_list("kind", "content_type"))
    assert types == {"NIB": "image/jpeg", "Sertifikat TKDN": "image/png"}
    names = {k: v["filename"] for k, v in sealing.unseal(bid.sealed)["documents"].items()}
    assert names == {"NIB": "nib.JPG", "Sertifikat TKDN": "tkdn.png"}  # no folders kept


def _raw_rows(table: str) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - a fixed table name
        return b" ".join(bytes(v) if isinstance(v, memoryview | bytes) else str(v).encode()
                         for row in cursor.fetchall() for v in row)


def test_documents_are_sealed_at_rest_and_covered_by_the_digest(cluster, tender):
    bid = _bid(cluster, tender, **_both())
    at_rest = _raw_rows("tenders_biddocument") + _raw_rows("tenders_bid")
    assert MARKER.encode() not in at_rest and b"%PDF" not in at_rest
    assert b"NIB perusahaan.pdf" not in at_rest  # the file name is sealed too
    # The content names each file's SHA-256; the digest of the content covers them.
    content = sealing.unseal(bid.sealed)
    nib = bid.documents.get(kind="NIB")
    expected = hashlib.sha256(nib_pdf(MARKER).data).hexdigest()
    assert content["documents"]["NIB"]["sha256"] == nib.sha256 == expected
    assert sealing.unseal_bytes(nib.sealed) == nib_pdf(MARKER).data
    assert sealing.digest(content) == bid.digest
    # Another file is another receipt.
    again = _bid(cluster, tender, **{"NIB": nib_pdf("another")})
    assert again.digest != bid.digest


def test_a_swapped_file_fails_the_opening(cluster, tender):
    bid = _bid(cluster, tender, **_both())
    BidDocument.objects.filter(bid=bid, kind="NIB").update(
        sealed=sealing.seal_bytes(nib_pdf("swapped").data))
    with clock.frozen(OPENING), pytest.raises(ValidationError):
        tender_open(by=cluster.users["buyer_x"], tender=tender)


def test_replacing_keeps_documents_not_sent_again_and_withdrawing_removes_them(cluster,
                                                                              tender):
    first = _bid(cluster, tender, **_both("first"))
    tkdn_before = first.documents.get(kind="Sertifikat TKDN")
    second = _bid(cluster, tender, price=94_000, **{"NIB": nib_pdf("second")})
    assert second.pk == first.pk and second.version == 2
    documents = {d.kind: d for d in second.documents.all()}
    assert set(documents) == set(DOCS)
    assert documents["Sertifikat TKDN"].pk == tkdn_before.pk  # kept as it was
    assert sealing.unseal_bytes(documents["NIB"].sealed) == nib_pdf("second").data
    content = sealing.unseal(second.sealed)
    assert content["documents"]["Sertifikat TKDN"]["sha256"] == tkdn_before.sha256
    assert content["documents"]["NIB"]["sha256"] == nib_pdf("second").sha256
    third = _bid(cluster, tender, price=93_000)  # nothing new: both kept
    assert third.documents.count() == 2
    with clock.frozen(T0 + dt.timedelta(days=2)):
        bid_withdraw(by=cluster.users["supplier_a"], bid=third)
    assert not BidDocument.objects.exists()
    fresh = _bid(cluster, tender, price=92_000)  # bidding again starts without files
    assert sealing.unseal(fresh.sealed)["documents"] == {}


def test_evaluation_sets_aside_a_bid_short_of_an_uploaded_document(cluster, tender):
    whole = _bid(cluster, tender, **_both())
    short = _bid(cluster, tender, role="supplier_b", price=90_000, **{"NIB": nib_pdf()})
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
    evaluations = {e.bid_id: e for e in BidEvaluation.objects.all()}
    assert evaluations[short.pk].exclusion == {"code": "missing_documents",
                                               "documents": ["Sertifikat TKDN"]}
    assert evaluations[whole.pk].rank == 1


def _login(client, role):
    client.logout()
    assert client.login(email=f"{role}@example.id", password=PASSWORD)


def test_download_only_for_those_who_may_see_the_bid(client, cluster, tender):
    bid = _bid(cluster, tender, **_both())
    _bid(cluster, tender, role="supplier_b", price=99_000, **_both("b"))
    nib = bid.documents.get(kind="NIB")
    url = reverse("tenders:bid-document", args=[tender.pk, nib.public_id])
    with clock.frozen(T0 + dt.timedelta(days=2)):
        for role in ("supplier_b", "cooperative", "buyer_x", "buyer_y", "ministry", "admin"):
            _login(client, role)
            assert client.get(url).status_code == 404, role
        _login(client, "supplier_a")
        own = client.get(url)
    assert own.status_code == 200 and own.content == nib_pdf(MARKER).data
    assert own["Content-Type"] == "application/pdf"
    assert own["Content-Disposition"].startswith("attachment;")
    assert "NIB perusahaan.pdf" in own["Content-Disposition"]
    with clock.frozen(OPENING):
        tender_open(by=cluster.users["buyer_x"], tender=tender)
        for role in ("supplier_a", "supplier_b", "buyer_x", "ministry", "admin"):
            _login(client, role)
            response = client.get(url)
            assert response.status_code == 200, role
            assert response.content == nib_pdf(MARKER).data
        for role in ("cooperative", "buyer_y"):  # no bid here, not the buyer
            _login(client, role)
            assert client.get(url).status_code == 404, role
        _login(client, "buyer_x")
        detail = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert url in detail  # the opened bids list their documents


def test_the_bid_page_names_the_field_and_keeps_what_was_typed(client, cluster, tender):
    lot = tender.lots.get()
    _login(client, "supplier_a")
    url = reverse("tenders:bid", args=[tender.pk, lot.pk])
    with clock.frozen(T0 + dt.timedelta(days=1)):
        page = client.get(url).content.decode()
        assert 'enctype="multipart/form-data"' in page and 'name="document_1"' in page
        response = client.post(url, {
            "unit_price": "97531", "quantity": "100", "monthly_capacity": "40",
            "origin": "domestic",
            "document_0": SimpleUploadedFile("nib.pdf", NOT_A_PDF, "application/pdf"),
            "document_1": SimpleUploadedFile("tkdn.pdf", PDF.ljust(MAX_BYTES + 1))})
    form = response.context["form"]
    assert form.errors["document_0"][0].startswith("NIB:")
    assert form.errors["document_1"][0].startswith("Sertifikat TKDN:")
    body = response.content.decode()
    assert 'value="97531"' in body and 'value="40"' in body
    assert "nib.pdf" in body and "tkdn.pdf" in body  # which files to choose again
    assert not BidDocument.objects.exists()
    with clock.frozen(T0 + dt.timedelta(days=1)):
        receipt = client.post(url, {
            "unit_price": "97531", "quantity": "100", "monthly_capacity": "40",
            "origin": "domestic",
            "document_0": SimpleUploadedFile("nib.pdf", PDF, "application/pdf")}, follow=True)
        assert receipt.status_code == 200 and "receipt-digest" in receipt.content.decode()
        again = client.get(url).content.decode()
    document = BidDocument.objects.get()
    assert document.kind == "NIB"
    assert reverse("tenders:bid-document", args=[tender.pk, document.public_id]) in again


def test_the_api_takes_documents_as_base64(client, cluster, tender):
    lot = tender.lots.get()
    _token, secret = api_token_create(by=cluster.users["supplier_a"], name="erp")
    headers = {"Authorization": f"Bearer {secret}"}
    url = f"/api/v1/tenders/{tender.pk}/lots/{lot.pk}/bid"
    body = {"unit_price": "96000", "quantity": 100, "monthly_capacity": 50}
    with clock.frozen(T0 + dt.timedelta(days=1)):
        names = client.post(url, {**body, "documents": ["NIB"]},
                            content_type="application/json", headers=headers)
        assert names.status_code == 422  # documents are files now, not names
        bad = client.post(url, {**body, "documents": [
            {"kind": "NIB", "filename": "nib.pdf", "content_base64": "not base64!"}]},
            content_type="application/json", headers=headers)
        assert bad.status_code == 422 and "NIB" in bad.json()["errors"]["documents"][0]
        wrong = client.post(url, {**body, "documents": [
            {"kind": "NIB", "filename": "nib.pdf",
             "content_base64": base64.b64encode(NOT_A_PDF).decode()}]},
            content_type="application/json", headers=headers)
        assert wrong.status_code == 422
        ok = client.post(url, {**body, "documents": [
            {"kind": "NIB", "filename": "nib.pdf",
             "content_base64": base64.b64encode(PDF).decode()}]},
            content_type="application/json", headers=headers)
        assert ok.status_code == 201
        (own,) = client.get(f"/api/v1/tenders/{tender.pk}/bids", headers=headers).json()
        (document,) = own["documents"]
        assert own["content"]["documents"]["NIB"]["sha256"] == document["sha256"]
        file = client.get(f"/api/v1/tenders/{tender.pk}/documents/{document['id']}",
                          headers=headers)
        assert file.status_code == 200 and file.content == PDF
        _token, other = api_token_create(by=cluster.users["buyer_x"], name="erp")
        hidden = client.get(f"/api/v1/tenders/{tender.pk}/documents/{document['id']}",
                            headers={"Authorization": f"Bearer {other}"})
        assert hidden.status_code == 404
