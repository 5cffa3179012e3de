"""The evaluation as PDF: served to those who may see the evaluation, refused before opening
and to outsiders, and it says what the evaluation says, in the reader's language.

Neither pypdf nor pdftotext is needed: the text is read back from reportlab's own content
streams (ASCII85 + Flate, string literals inside BT … ET)."""

import base64
import datetime as dt
import re
import zlib
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify
from pasok.tenders import services
from pasok.tenders.evaluation_pdf import evaluation_pdf
from pasok.tenders.models import Bid
from pasok.tenders.selectors import evaluations_by_lot
from tests.conftest import PASSWORD
from tests.tenders.files import nib_pdf
from tests.tenders.test_sealed_bids import _cert

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=14)
OPENING = DEADLINE + dt.timedelta(hours=1)

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)
_TEXT_BLOCK = re.compile(rb"BT(.*?)ET", re.S)
_LITERAL = re.compile(rb"\((?:\\.|[^\\()])*\)", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_NAMED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> str:
    def one(match):
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8) & 0xFF])
        return _NAMED.get(code, code)

    return _ESCAPE.sub(one, literal[1:-1]).decode("cp1252", errors="replace")


def pdf_text(pdf: bytes) -> str:
    """Every string drawn on every page, joined by single spaces."""
    strings = []
    for match in _STREAM.finditer(pdf):
        data, head = match.group(1), pdf[max(0, match.start() - 300):match.start()]
        head = head[head.rfind(b"<<"):]
        if b"ASCII85Decode" in head:
            data = base64.a85decode(data.strip(), adobe=True)
        if b"FlateDecode" in head:
            data = zlib.decompress(data)
        for block in _TEXT_BLOCK.findall(data):
            strings += [_unescape(s) for s in _LITERAL.findall(block)]
    return re.sub(r"\s+", " ", " ".join(strings))


def _bid(cluster, role, lot, price, tkdn, **kw):
    cert = _cert(cluster, cluster.users[role].organisation, tkdn)
    return services.bid_submit(by=cluster.users[role], lot=lot, unit_price=Decimal(price),
                               quantity=10_000, monthly_capacity=5000, certificate_id=cert.pk,
                               documents=kw.pop("documents", {"NIB": nib_pdf()}), **kw)[0]


@pytest.fixture
def tender(cluster):
    """Buyer X's tender with three bids on one lot: A wins (tier a), B is below the TKDN
    minimum, the cooperative lacks the NIB; the clock stands before the deadline."""
    for org in (cluster.supplier_a, cluster.supplier_b, cluster.cooperative, cluster.member):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = services.tender_create(
            by=buyer, buyer=cluster.buyer_x, title="Blok rem 2027", bid_deadline=DEADLINE,
            opening_time=OPENING, min_tkdn_percent=Decimal(25), required_documents=["NIB"])
        lot = services.lot_add(by=buyer, tender=tender, product="Blok rem komposit K",
                               quantity=10_000, unit_weight_kg=Decimal("11.5"),
                               hps_unit_price=Decimal(120_000))
        services.tender_publish(by=buyer, tender=tender)
        _bid(cluster, "supplier_a", lot, 118_000, 45,
             total_price=Decimal(1_100_000_000))  # miswritten: corrected to 1,180,000,000
        _bid(cluster, "supplier_b", lot, 110_000, 20)
        _bid(cluster, "cooperative", lot, 119_500, 30, documents={},
             members=[(cluster.member.pk, 10_000)])
    return tender


def _evaluate(cluster, tender, award=False):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        services.tender_open(by=buyer, tender=tender)
        services.tender_evaluate(by=buyer, tender=tender)
        if award:
            services.tender_award(by=buyer, tender=tender)


def _get(client, cluster, role, tender, language=None):
    client.logout()
    if role != "anonymous":
        assert client.login(email=f"{role}@example.id", password=PASSWORD)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with clock.frozen(OPENING + dt.timedelta(hours=1)):
        return client.get(reverse("tenders:evaluation-pdf", args=[tender.pk]))


def test_the_buyer_gets_the_evaluation_as_pdf_in_indonesian(client, cluster, tender):
    _evaluate(cluster, tender, award=True)
    response = _get(client, cluster, "buyer_x", tender)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="evaluation-{tender.reference}.pdf"')
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Evaluasi" in text and tender.reference in text and "Blok rem 2027" in text
    assert "Penawar" in text and "Peringkat" in text and "Diterima pada" in text
    assert "PT Kereta Api Indonesia (Persero)" in text
    for bidder in ("CV Logam Sejahtera", "UD Cor Makmur", "Koperasi Batur Jaya"):
        assert bidder in text
    assert "UD Sinar Besi: 10.000 pcs" in text  # the member the cooperative bids for
    # HEA of A: (1 − 0.45 × 0.25) × 118,000 × 10,000, on the corrected total.
    assert "Rp1.047.250.000" in text and "Rp1.180.000.000" in text
    assert "Rp1.100.000.000" in text  # the total A wrote, shown as corrected
    assert "0,1125" in text and "45,00%" in text
    assert "TKDN di bawah minimum 25,00%" in text and "dokumen kurang: NIB" in text
    assert "pemenang" in text and "10.000" in text  # awarded, and the awarded quantity
    for digest in Bid.objects.values_list("digest", flat=True):
        assert digest in text
    assert "halaman 1 dari" in text


def test_english_with_the_language_cookie(client, cluster, tender):
    _evaluate(cluster, tender)
    response = _get(client, cluster, "buyer_x", tender, language="en")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Evaluation" in text and "Opened bids and their receipts" in text
    assert "Total (corrected)" in text and "Awarded quantity" in text
    assert "TKDN below the minimum of 25.00%" in text and "missing documents: NIB" in text
    assert "0.1125" in text and "Rp1,047,250,000" in text  # English notation in English


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", 302), ("buyer_x", 403), ("buyer_y", 404), ("supplier_a", 403),
    ("ministry", 403), ("admin", 403)])
def test_refused_before_opening(client, cluster, tender, role, expected):
    client.logout()
    if role != "anonymous":
        assert client.login(email=f"{role}@example.id", password=PASSWORD)
    with clock.frozen(T0 + dt.timedelta(days=1)):
        response = client.get(reverse("tenders:evaluation-pdf", args=[tender.pk]))
    assert response.status_code == expected
    assert b"%PDF" not in response.content


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", 302), ("buyer_y", 404), ("buyer_x", 200), ("supplier_b", 200),
    ("ministry", 200), ("admin", 200)])
def test_after_evaluation_only_those_who_see_the_evaluation(client, cluster, tender, role,
                                                             expected):
    _evaluate(cluster, tender)
    response = _get(client, cluster, role, tender)
    assert response.status_code == expected
    assert response.content.startswith(b"%PDF") == (expected == 200)
    xlsx = client.get(reverse("tenders:evaluation-xlsx", args=[tender.pk]))
    assert xlsx.status_code == response.status_code  # the same rules as the XLSX


def test_a_lot_without_bids_and_many_lots_still_render(cluster, tender):
    """Lots are listed even when nobody bid; long tables break across pages."""
    buyer = cluster.users["buyer_x"]
    _evaluate(cluster, tender)
    with clock.frozen(OPENING):
        lots = evaluations_by_lot(user=buyer, tender=tender)
        empty = type(lots[0][0])(tender=tender, number=2, product="Sepatu rem", quantity=1,
                                 unit_weight_kg=1, hps_unit_price=1)
        pdf = evaluation_pdf(tender, lots * 12 + [(empty, [])])
    text = pdf_text(pdf)
    assert "Tidak ada penawaran." in text and "Sepatu rem" in text
    assert "halaman 2 dari" in text
