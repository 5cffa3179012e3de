"""The cluster dashboard (insights.dashboard, views/dashboard.py): every figure of a small
cluster counted by hand; the filters; a cooperative sees its members only; the exports.

The data (tests/scorecards/scenario.py, through the services): supplier A (micro, Klaten,
60.000 kg a month, 40 workers of whom 12 women) makes PT KAI's brake blocks at Rp450.000,
TKDN 45%: January's order of 200 arrives on the 20th, 180 accepted; 20 replacements arrive on
5 February, accepted; February's 200 arrive on the 20th, accepted; March's is open. The
January lots are invoiced, due 8 March, paid 12 March (4 days late). PT KAI promised the
cooperative 1.200 brake blocks a year from January and ordered none from it. The foundries:
A and B (Boyolali), and the cooperative's member (Klaten)."""

import datetime as dt
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_update
from pasok.contracts import services as contracts
from pasok.contracts.models import Delivery
from pasok.insights import dashboard as selectors
from pasok.suppliers.services import profile_save
from tests.conftest import PASSWORD
from tests.contracts.conftest import JAN, contract  # noqa: F401  (the fixture)
from tests.payments.conftest import issue, pay
from tests.scorecards.scenario import TODAY, three_months

pytestmark = pytest.mark.django_db
APR_2026, FEB, MAR = dt.date(2026, 4, 1), dt.date(2027, 2, 1), dt.date(2027, 3, 1)
PRICE = Decimal(450_000)


@pytest.fixture
def data(cluster, contract):  # noqa: F811
    organisation_update(by=SYSTEM, organisation=cluster.supplier_a,
                        latitude=Decimal("-7.700000"), longitude=Decimal("110.600000"))
    organisation_update(by=SYSTEM, organisation=cluster.member,
                        latitude=Decimal("-7.720000"), longitude=Decimal("110.640000"))
    organisation_update(by=SYSTEM, organisation=cluster.supplier_b,
                        latitude=Decimal("-7.530000"), longitude=Decimal("110.600000"))
    profile_save(by=SYSTEM, organisation=cluster.supplier_a,
                 fields={"workforce_total": 40, "workforce_women": 12})
    three_months(cluster, contract)
    january = list(Delivery.objects.filter(call_off__month=JAN).order_by("received_on"))
    invoice = issue(cluster, contract, [(d, d.accepted_quantity) for d in january],
                    on=dt.date(2027, 2, 7))
    pay(cluster, invoice, invoice.amount, dt.date(2027, 3, 12))
    contracts.commitment_sign(by=cluster.users["buyer_x"], buyer=cluster.buyer_x,
                              partners=[cluster.cooperative], family="brake_block",
                              starts_on=JAN, ends_on=dt.date(2027, 12, 31), units_per_year=1200)
    return invoice


def _board(cooperative_id=None, **filters):
    window = {"first": APR_2026, "last": MAR} | filters
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(3), tzinfo=dt.UTC)):
        return selectors.dashboard(selectors.Filters(**window), TODAY, cooperative_id)


def _months(measure):
    return {m: v for m, v in measure.months if v is not None}


def test_every_figure_of_the_cluster_counted_by_hand(cluster, data):
    assert data.due_on == dt.date(2027, 3, 8)  # 30 days after the last lot's acceptance
    board = _board()
    assert len(board.months) == 12 and board.months[0] == APR_2026
    assert (board.foundries, board.members) == (3, 1)
    assert (board.workforce, board.women, board.capacity_kg) == (40, 12, 60_000)
    # The contract books 200 blocks of 9,5 kg a month, January to March.
    assert board.booked_kg == {JAN: 1900, FEB: 1900, MAR: 1900}
    assert _months(board.utilisation) == {m: Decimal(1900) * 100 / 60_000 if m >= JAN else 0
                                          for m in board.months}
    assert board.utilisation.overall == Decimal(1900) * 3 * 100 / 60_000 / 12
    assert board.orders == {JAN: 1, FEB: 1, MAR: 1} and board.orders_won == 3
    [kai] = board.buyers
    assert kai.name == cluster.buyer_x.name
    assert kai.months == dict.fromkeys((JAN, FEB, MAR), 200 * PRICE)
    assert board.revenue == 600 * PRICE
    # January's lot of 200 was sorted (180 accepted); February's two were accepted whole.
    assert _months(board.lot_acceptance) == {JAN: 0, FEB: 100}
    assert board.lot_acceptance.overall == Decimal(200) / 3
    assert _months(board.tkdn) == {JAN: 45, FEB: 45} and board.tkdn.overall == 45
    assert _months(board.small_business) == {JAN: 100, FEB: 100}  # supplier A is micro
    assert _months(board.days_late) == {MAR: 4} and board.days_late.overall == 4
    # 100 blocks a month required from the partners, none ordered: not kept.
    assert _months(board.commitments_kept) == {JAN: 0, FEB: 0, MAR: 0}
    assert board.commitments_kept.overall == 0
    assert [(r.name, r.foundries) for r in board.regencies] == [("Boyolali", 1), ("Klaten", 2)]
    klaten = board.regencies[1]
    assert (klaten.latitude, klaten.longitude) == (Decimal("-7.71"), Decimal("110.62"))


def test_the_filters_narrow_the_foundries_and_the_orders(cluster, data):
    boyolali = _board(regency="Boyolali")
    assert (boyolali.foundries, boyolali.capacity_kg, boyolali.orders_won) == (1, 0, 0)
    assert boyolali.lot_acceptance.overall is None and boyolali.days_late.overall is None
    assert _board(size_class="micro").foundries == 3
    assert _board(size_class="large").foundries == 0
    housing = _board(family="housing")
    assert housing.foundries == 3 and housing.orders_won == 0 and housing.tkdn.overall is None
    assert housing.commitments_kept.overall is None
    astra = _board(buyer_id=cluster.buyer_y.pk)
    assert astra.orders_won == 0 and astra.days_late.overall is None
    assert _board(buyer_id=cluster.buyer_x.pk).orders_won == 3
    spring = _board(first=FEB, last=MAR)
    assert spring.months == [FEB, MAR] and spring.revenue == 400 * PRICE
    assert spring.lot_acceptance.overall == 100


def test_a_cooperative_sees_only_its_members(cluster, data):
    board = _board(cluster.cooperative.pk)
    assert (board.foundries, board.members, board.workforce) == (1, 1, 0)
    assert board.orders_won == 0 and board.buyers == []  # the member made none of them
    assert board.booked_kg == {} and board.lot_acceptance.overall is None
    assert [r.name for r in board.regencies] == ["Klaten"]
    assert selectors.regencies(cluster.cooperative.pk) == ["Klaten"]


def _get(client, cluster, role, url, **params):
    assert client.login(email=f"{role}@example.id", password=PASSWORD)
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(3), tzinfo=dt.UTC)):
        return client.get(url, params)


def test_the_page_shows_the_figures_in_indonesian(client, cluster, data):
    response = _get(client, cluster, "ministry", reverse("insights:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Klaster sekilas" in html and "Semua pengecoran di klaster" in html
    assert "Rp270.000.000" in html  # the revenue
    assert "66,7%" in html and "45,0%" in html  # lots accepted, TKDN
    assert "tercapai" in html  # 100% with micro business: the 40% target met
    assert "EARLY WARNINGS" not in html  # the marker is a template comment
    assert 'value="2026-04"' in html and 'value="2027-03"' in html  # the default window
    assert "style=" not in html.split("<main")[1] and "<script>" not in html


def test_the_form_keeps_the_choice_and_names_a_bad_field(client, cluster, data):
    url = reverse("insights:dashboard")
    html = _get(client, cluster, "ministry", url, regency="Boyolali", first="2027-02",
                last="2027-03").content.decode()
    assert '<option value="Boyolali" selected>' in html and 'value="2027-02"' in html
    wrong = _get(client, cluster, "ministry", url, first="2027-03", last="2027-01")
    assert "Bulan pertama jatuh setelah bulan terakhir." in wrong.content.decode()
    assert wrong.context["board"].months[0] == APR_2026  # the default window meanwhile


def test_a_cooperative_reads_its_members_and_a_buyer_nothing(client, cluster, data):
    response = _get(client, cluster, "cooperative", reverse("insights:dashboard"))
    assert response.context["board"].foundries == 1
    assert "Anggota koperasi Anda" in response.content.decode()
    assert _get(client, cluster, "buyer_x", reverse("insights:dashboard")).status_code == 403


def _export(client, cluster, chart, fmt, **params):
    return _get(client, cluster, "ministry",
                reverse("insights:dashboard-export", args=[chart, fmt]), **params)


@pytest.mark.parametrize("chart", ["utilisation", "revenue", "quality", "map", "tkdn"])
def test_each_chart_exports_as_svg_png_and_csv(client, cluster, data, chart):
    svg = _export(client, cluster, chart, "svg")
    assert svg["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(svg.content)  # noqa: S314 - our own output
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("role") == "img"
    style = root.find("{http://www.w3.org/2000/svg}style").text
    assert ".chart-svg" in style and "var(" not in style
    png = _export(client, cluster, chart, "png")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG\r\n\x1a\n")
    csv = _export(client, cluster, chart, "csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv["Content-Disposition"] == (
        f'attachment; filename="klaster-{chart}-2026-04-2027-03.csv"')


def test_the_csv_writes_indonesian_numbers(client, cluster, data):
    lines = _export(client, cluster, "utilisation", "csv").content.decode()[1:].splitlines()
    assert lines[0] == "Bulan;Pemanfaatan (%)" and "2027-01;3,17" in lines
    revenue = _export(client, cluster, "revenue", "csv").content.decode()[1:].splitlines()
    assert "2027-02;90000000" in revenue
    places = _export(client, cluster, "map", "csv").content.decode()[1:].splitlines()
    assert "Klaten;2;-7,71;110,62" in places
    spring = _export(client, cluster, "orders", "csv", first="2027-02", last="2027-03")
    assert spring.content.decode()[1:].splitlines()[1:] == ["2027-02;1", "2027-03;1"]


def test_an_unknown_chart_or_format_is_not_found(client, cluster, data):
    assert _export(client, cluster, "pie", "csv").status_code == 404
    assert _export(client, cluster, "map", "gif").status_code == 404


def test_the_png_reads_as_an_image(client, cluster, data):
    from PIL import Image

    image = Image.open(io.BytesIO(_export(client, cluster, "revenue", "png").content))
    assert image.format == "PNG" and image.width > 600


def test_the_early_warnings_are_the_ministrys_not_a_cooperatives(client, cluster, data):
    """They read buyers' needs and imports across the platform (may_read_early_warnings)."""
    url = reverse("insights:dashboard")
    assert 'id="early-warnings"' in _get(client, cluster, "ministry", url).content.decode()
    client.logout()
    assert 'id="early-warnings"' not in _get(client, cluster, "cooperative",
                                             url).content.decode()


def test_the_small_business_share_is_of_the_buyers_whole_spend(cluster, data):
    """Inpres 2/2022's 40% is of what a buyer spends, whoever supplies it: supplier A (made
    large here) is the only foundry in scope, yet buyer X's January also holds 200 blocks
    from the cooperative (small by definition)."""
    from pasok.accounts.models import Organisation
    from tests.contracts.conftest import accepted_call_off, delivered, signed_contract
    from tests.scorecards.scenario import inspected

    Organisation.objects.filter(pk=cluster.supplier_a.pk).update(size_class="large")
    other = signed_contract(cluster, supplier=cluster.cooperative)
    january = accepted_call_off(cluster, other, JAN)
    inspected(delivered(cluster, january, 200, dt.date(2027, 1, 20), note="SJ-K1"), 200,
              dt.date(2027, 1, 21))
    board = _board(regency="Klaten", size_class="large")
    # January: 180 of supplier A's and 200 of the cooperative's, all at Rp450.000.
    assert round(_months(board.small_business)[JAN], 6) == round(Decimal(100 * 200) / 380, 6)
    assert _months(board.small_business)[dt.date(2027, 2, 1)] == 0


def test_the_dashboard_counts_as_the_scorecards_count(cluster, data):
    """Summed in the database (rules.scorecards.ratio) or read row by row (the scorecards),
    the same foundry's and buyer's figures agree."""
    from pasok.scorecards.selectors import buyer_scorecard, supplier_scorecard, window
    months = window(TODAY)
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(3), tzinfo=dt.UTC)):
        board = selectors.dashboard(selectors.Filters(months[0], months[-1], regency="Klaten"),
                                    TODAY)
        supplier = supplier_scorecard(cluster.supplier_a, TODAY)
        buyer = buyer_scorecard(cluster.buyer_x, TODAY)
    # Klaten: supplier A, which made every lot, and the member, which made none.
    assert board.lot_acceptance == supplier.figure("lot-acceptance").measure
    assert board.tkdn == supplier.figure("tkdn-delivered").measure
    assert board.small_business == buyer.figure("small-business-share").measure
    assert board.days_late == buyer.figure("days-late-average").measure
    assert board.commitments_kept == buyer.figure("commitments-kept").measure
