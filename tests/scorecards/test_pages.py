"""The scorecard page and its CSV: who may read them, what they show."""

import datetime as dt

import pytest
from django.urls import reverse

from pasok import clock

from .scenario import three_months

pytestmark = pytest.mark.django_db
READ_AT = dt.datetime(2027, 3, 15, 3, 0, tzinfo=dt.UTC)


def _get(client, cluster, role, url, language="en"):
    with clock.frozen(READ_AT):  # signed in when read: sessions expire
        client.force_login(cluster.users[role])
        return client.get(url, HTTP_ACCEPT_LANGUAGE=language)


def _page(org):
    return reverse("scorecards:organisation", args=[org.pk])


def _csv(org, series=None):
    url = reverse("scorecards:organisation-csv", args=[org.pk])
    return f"{url}?series={series}" if series else url


def _english(cluster, role):
    cluster.users[role].language = "en"
    cluster.users[role].save(update_fields=["language"])


def test_a_supplier_reads_its_figures_month_by_month(client, cluster, contract):
    three_months(cluster, contract)
    _english(cluster, "supplier_a")
    response = _get(client, cluster, "supplier_a", _page(cluster.supplier_a))
    assert response.status_code == 200
    html = response.content.decode()
    summary = html[html.index('id="scorecard-summary"'):html.index("</table>")]
    assert 'data-figure="on-time-in-full"' in summary and "50.0%" in summary
    assert "66.7%" in summary  # lots accepted whole
    assert "47,619" in summary  # ppm
    assert "45.0%" in summary  # TKDN of delivered goods
    for key in ("on-time-in-full", "lot-acceptance", "nonconforming-ppm", "ncr-response",
                "tkdn-delivered"):
        assert f'id="chart-{key}"' in html
        assert f"?series={key}" in html
    assert "style=" not in html.split("<main")[-1]


def test_a_buyer_reads_its_figures_in_indonesian(client, cluster, contract):
    three_months(cluster, contract)
    response = _get(client, cluster, "buyer_x", _page(cluster.buyer_x), language="id")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="small-business-share"' in html and "100,0%" in html
    assert 'class="badge met"' in html  # at least 40% with micro and small business
    small = html[html.index('id="chart-small-business-share"'):]
    assert 'class="chart-target"' in small[:small.index("</figure>")]
    assert "45,0%" in html


def test_the_csv_of_one_series_and_of_all(client, cluster, contract):
    three_months(cluster, contract)
    _english(cluster, "supplier_a")
    one = _get(client, cluster, "supplier_a", _csv(cluster.supplier_a, "on-time-in-full"))
    assert one.status_code == 200 and one["Content-Type"] == "text/csv; charset=utf-8"
    lines = one.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Month,On time in full (%)"
    assert lines[1:] == ["2026-04,", "2026-05,", "2026-06,", "2026-07,", "2026-08,",
                         "2026-09,", "2026-10,", "2026-11,", "2026-12,", "2027-01,0",
                         "2027-02,100", "2027-03,"]
    everything = _get(client, cluster, "supplier_a", _csv(cluster.supplier_a))
    rows = everything.content.decode("utf-8-sig").splitlines()
    assert len(rows[0].split(",")) == 6
    assert rows[11].startswith("2027-02,100,100,0,,45")
    assert _get(client, cluster, "supplier_a",
                _csv(cluster.supplier_a, "no-such-figure")).status_code == 404


@pytest.mark.parametrize(("role", "status"), [
    ("supplier_a", 200), ("viewer_a", 200), ("ministry", 200), ("admin", 200),
    ("buyer_x", 403), ("supplier_b", 404), ("cooperative", 404)])
def test_only_the_party_the_ministry_and_the_platform_read_it(client, cluster, role, status):
    for url in (_page(cluster.supplier_a), _csv(cluster.supplier_a)):
        assert _get(client, cluster, role, url).status_code == status


def test_the_ministry_has_no_scorecard_of_its_own(client, cluster):
    assert _get(client, cluster, "ministry", _page(cluster.ministry)).status_code == 404


@pytest.mark.parametrize(("role", "shown"), [("ministry", True), ("supplier_a", True),
                                             ("buyer_x", False)])
def test_the_organisation_page_links_its_scorecard_for_who_may_read_it(client, cluster, role,
                                                                        shown):
    from django.urls import reverse

    client.force_login(cluster.users[role])
    body = client.get(reverse("suppliers:organisation",
                              args=[cluster.supplier_a.pk])).content.decode()
    link = reverse("scorecards:organisation", args=[cluster.supplier_a.pk])
    assert (f'href="{link}"' in body) is shown
