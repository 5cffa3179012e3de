"""The TKDN self-assessment form as PDF: it renders, and says what the worksheet says.

Text is read back with pypdf when it is installed, else with poppler's pdftotext; with
neither, the text checks skip (the PDF is still rendered and checked to be a PDF)."""

import copy
import importlib.util
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import OrgKind
from pasok.accounts.services import organisation_create
from pasok.rules.identifiers import format_npwp
from pasok.tkdn.pdf import worksheet_pdf
from pasok.tkdn.services import worksheet_save
from tests.conftest import make_nib, make_npwp

pytestmark = pytest.mark.django_db

# docs/interfaces.md (`pasok tkdn compute`): TKDN 48.18% under Permenperin 35/2025.
EXAMPLE = {
    "regime": "permenperin-35-2025",
    "product": "Blok rem besi cor tipe K",
    "materials": [
        {"name": "Besi kasar (pig iron)", "quantity": 6.2, "unit_price": 9500,
         "domestic_percent": 0},
        {"name": "Scrap baja lokal", "quantity": 5.1, "unit_price": 6200,
         "domestic_percent": 100},
        {"name": "Pelat punggung baja", "quantity": 1, "unit_price": 7000,
         "domestic_percent": 48.5},
    ],
    "labour": [{"name": "Operator cor", "cost": 14000, "domestic_percent": 100}],
    "overhead": [{"name": "Listrik tungku induksi", "cost": 9000, "domestic_percent": 100},
                 {"name": "Penyusutan mesin impor", "cost": 3000, "domestic_percent": 0}],
}


def _pdftotext() -> str | None:
    return shutil.which("pdftotext")


def pdf_text(pdf: bytes) -> str:
    """The text of every page, or skip when nothing here can read a PDF."""
    if importlib.util.find_spec("pypdf") is not None:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    binary = _pdftotext()
    if binary is None:
        pytest.skip("no PDF text extractor: pypdf is not installed and pdftotext "
                    "(poppler-utils) is missing")
    result = subprocess.run([binary, "-enc", "UTF-8", "-", "-"], input=pdf,  # noqa: S603
                            capture_output=True, check=True, timeout=60)
    return result.stdout.decode("utf-8")


def words_x(pdf: bytes) -> list[tuple[float, float, str]]:
    """(xMin, xMax, word) of every word, from pdftotext's bounding boxes."""
    binary = _pdftotext()
    if binary is None:
        pytest.skip("pdftotext (poppler-utils) is missing; cannot measure the layout")
    result = subprocess.run([binary, "-bbox", "-enc", "UTF-8", "-", "-"],  # noqa: S603
                            input=pdf, capture_output=True, check=True, timeout=60)
    html = result.stdout.decode("utf-8")
    return [(float(a), float(b), w) for a, b, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        html)]


@pytest.fixture
def foundry():
    return organisation_create(
        by=SYSTEM, name="CV Logam Sejahtera", kind=OrgKind.SUPPLIER, nib=make_nib(42),
        npwp=make_npwp(42), address="Jl. Raya Ceper No. 12, Desa Batur", district="Ceper",
        regency="Klaten", province="Jawa Tengah", business_capital=Decimal(800_000_000))


def _version(org, **changes):
    return worksheet_save(by=SYSTEM, organisation=org, data={**copy.deepcopy(EXAMPLE), **changes})


def test_the_form_carries_the_worksheet_and_the_company(foundry):
    version = _version(foundry)
    assert version.tkdn_percent == Decimal("48.18")
    pdf = worksheet_pdf(version=version, organisation=foundry, bmp_percent=Decimal("6.00"))
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    for expected in ("Blok rem besi cor tipe K", "CV Logam Sejahtera", foundry.nib,
                     format_npwp(foundry.npwp), "Klaten", "Jawa Tengah"):
        assert expected in text, expected
    # Indonesian notation (the default language): money Rp97.520, percentages 48,18%.
    assert "48,18%" in text
    assert "Rp97.520" in text  # direct material cost
    assert "Rp123.520" in text  # total cost per unit
    assert "35,91%" in text and "75,00%" in text  # factor shares of material and overhead
    assert "26,93%" in text  # material's weighted contribution: 0.75 × 35.91
    assert "54,18%" in text  # TKDN + BMP
    assert "Rp58.900" in text and "6,2" in text  # pig iron: 6.2 × Rp9.500
    for line in ("Besi kasar (pig iron)", "Scrap baja lokal", "Pelat punggung baja",
                 "Operator cor", "Listrik tungku induksi", "Penyusutan mesin impor"):
        assert line in text, line
    assert "93,48%" in text  # pig iron made fully domestic, the largest shortfall


def test_labels_in_english(foundry):
    version = _version(foundry)
    with translation.override("en"):
        text = pdf_text(worksheet_pdf(version=version, organisation=foundry))
    for label in ("Local content (TKDN) self-assessment of goods",
                  "Permenperin 35/2025 (factor-weighted)", "I. Direct material",
                  "II. Direct labour", "III. Factory overhead", "Weighted contribution",
                  "Lines that pull TKDN down", "We declare that the data above are true",
                  "Self-assessment; not a certificate issued by a verifier", "Meterai"):
        assert label in text, label
    assert "48.18%" in text  # numbers and money follow the language
    assert "Rp97,520" in text
    assert re.search(r"Pasok · page 1 of \d", text)
    # The rules' warning about the uncertified 48.5% backing plate, in the page's words.
    assert "Line I.3 Pelat punggung baja: 48.50% local content without a TKDN certificate" \
        in text
    assert "TKDN + BMP" not in text  # no BMP given


def test_cost_based_regime_renders(foundry):
    version = _version(foundry, regime="permenperin-16-2011")
    pdf = worksheet_pdf(version=version, organisation=foundry, bmp_percent=Decimal(0))
    assert pdf.startswith(b"%PDF")
    with translation.override("en"):
        text = pdf_text(worksheet_pdf(version=version, organisation=foundry))
    assert "Permenperin 16/2011 (cost-based)" in text
    # (123.520 − 65.505) / 123.520 = 46,97%: the cost-based summary, not the weights.
    assert "46.97%" in text
    assert "Rp65,505" in text  # foreign cost
    assert "Weighted contribution" not in text


def test_long_worksheets_wrap_and_stay_inside_the_margins(foundry):
    long_name = ("Komponen cor dengan deskripsi yang sangat panjang untuk menguji "
                 "pembungkusan teks di dalam sel tabel nomor ")
    materials = EXAMPLE["materials"] + [
        {"name": f"{long_name}{i}", "quantity": "12.125", "unit_price": 1_250_000,
         "domestic_percent": "37.5", "certificate": "IMG.2025/TKDN-0001234567/SUCOFINDO"}
        for i in range(40)]
    version = _version(foundry, materials=materials)
    with translation.override("en"):
        pdf = worksheet_pdf(version=version, organisation=foundry, bmp_percent=Decimal("15"))
    text = pdf_text(pdf)
    pages = int(re.search(r"page 1 of (\d+)", text).group(1))
    assert pages >= 3
    assert f"page {pages} of {pages}" in text
    left, right = 15 * mm - 0.5, A4[0] - 15 * mm + 0.5
    outside = [w for x0, x1, w in words_x(pdf) if x0 < left or x1 > right]
    assert not outside, f"text beyond the 15 mm margins: {outside[:5]}"


def test_the_moment_saved_carries_its_time_zone(foundry):
    """A time without its zone is read as the reader's own; the form says WIB (the
    foundry's) as every page does."""
    version = _version(foundry)
    text = pdf_text(worksheet_pdf(version=version, organisation=foundry))
    saved = timezone.localtime(version.created_at)
    assert f"{saved:%H:%M} WIB" in text
