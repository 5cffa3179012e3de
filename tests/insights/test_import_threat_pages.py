"""The imported alternatives' pages: recording and correcting one (Indonesian messages naming
the field), who reads what, and the fair comparison's figures against rules.import_threat."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pasok import clock
from pasok.audit.models import AuditEvent
from pasok.insights.models import ImportedAlternative
from pasok.insights.services import alternative_update
from pasok.rules import import_threat
from tests.insights.factories import (
    READ_AT,
    buyer_x_import,
    local_contract,
    market_offer,
)

pytestmark = pytest.mark.django_db

FORM = {"family": "brake_block", "product": "Blok rem komposit", "origin": "Tiongkok",
        "landed_price": "Rp480.000", "service_life_months": "5",
        "local_service_life_months": "1", "standards": "UIC 541-4", "buyer": "",
        "units_per_year": "100.000", "source": "Faktur"}


def _as(client, cluster, role):
    client.force_login(cluster.users[role])
    return client


def _errors(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_a_buyer_records_its_own_import(client, cluster):
    response = _as(client, cluster, "buyer_x").post(
        reverse("insights:import-new"), FORM | {"buyer": str(cluster.buyer_x.pk)})
    alternative = ImportedAlternative.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("insights:import", args=[alternative.public_id])
    assert alternative.landed_price == Decimal(480_000)
    assert alternative.units_per_year == 100_000  # "100.000" read the Indonesian way
    assert alternative.recorded_for == cluster.buyer_x
    assert alternative.recorded_by == cluster.users["buyer_x"]
    event = AuditEvent.objects.get(action="imported_alternative.record")
    assert event.organisation == cluster.buyer_x and event.after["buyer"] == cluster.buyer_x.name


def test_the_buyer_says_it_buys_the_import_now(client, cluster):
    """Only an import the buyer buys is part of its need (insights.warnings)."""
    _as(client, cluster, "buyer_x").post(
        reverse("insights:import-new"), FORM | {"buyer": str(cluster.buyer_x.pk),
                                                "in_use": "on"})
    alternative = ImportedAlternative.objects.get()
    assert alternative.in_use
    page = client.get(reverse("insights:import", args=[alternative.public_id])).content.decode()
    assert "ya: unitnya dihitung dalam kebutuhan pembeli" in page
    assert "dibeli saat ini" in client.get(reverse("insights:imports")).content.decode()
    edit = client.get(reverse("insights:import-edit", args=[alternative.public_id]))
    assert 'id="id_in_use" checked' in edit.content.decode()
    assert AuditEvent.objects.get(action="imported_alternative.record").after["in_use"] is True


def test_an_offer_on_the_market_is_not_bought(client, cluster):
    response = _as(client, cluster, "ministry").post(
        reverse("insights:import-new"), FORM | {"in_use": "on"})
    assert response.status_code == 200 and not ImportedAlternative.objects.exists()
    assert _errors(response) == {"in_use": [
        "Penawaran di pasar belum dibeli: sebutkan pembeli yang membelinya, atau biarkan "
        "kotak ini tidak dicentang."]}
    assert 'id="id_in_use" checked' in response.content.decode()  # as ticked
    with pytest.raises(ValidationError) as refused:
        buyer_x_import(cluster, in_use=True, units_per_year=None)
    assert refused.value.message_dict == {
        "units_per_year": ["Berapa unit setahun yang dibeli pembeli."]}
    assert not buyer_x_import(cluster).in_use  # an alternative, until the buyer says


def test_the_form_names_the_field_and_shows_what_was_typed(client, cluster):
    response = _as(client, cluster, "ministry").post(
        reverse("insights:import-new"), FORM | {"service_life_months": "lima"})
    assert response.status_code == 200
    assert not ImportedAlternative.objects.exists()
    assert _errors(response) == {
        "service_life_months": ["“lima” bukan angka; tulis misalnya 1.250.000 atau 12,5."]}
    assert 'value="lima"' in response.content.decode()


def test_the_service_names_the_field(client, cluster):
    response = _as(client, cluster, "ministry").post(
        reverse("insights:import-new"), FORM | {"landed_price": "0"})
    assert response.status_code == 200
    assert _errors(response) == {"landed_price": ["Harga sampai di tempat lebih dari Rp0."]}
    with pytest.raises(ValidationError) as refused:
        market_offer(cluster, origin=" ", product="")
    assert refused.value.message_dict == {"origin": ["Sebutkan negara asal."],
                                          "product": ["Isi nama produk."]}


def test_a_buyer_cannot_name_another_buyer(client, cluster):
    response = _as(client, cluster, "buyer_x").post(
        reverse("insights:import-new"), FORM | {"buyer": str(cluster.buyer_y.pk)})
    assert response.status_code == 200
    assert "buyer" in _errors(response)  # not among its choices
    with pytest.raises(ValidationError) as refused:
        buyer_x_import(cluster, buyer=cluster.buyer_y)
    assert refused.value.message_dict["buyer"] == [
        "Pembeli mencatat impornya sendiri, atau penawaran di pasar."]


def test_the_recorder_corrects_it(client, cluster):
    alternative = buyer_x_import(cluster)
    url = reverse("insights:import-edit", args=[alternative.public_id])
    page = _as(client, cluster, "buyer_x").get(url)
    assert 'value="480.000"' in page.content.decode()
    response = client.post(url, FORM | {"buyer": str(cluster.buyer_x.pk),
                                        "service_life_months": "4,5"})
    assert response.status_code == 302
    alternative.refresh_from_db()
    assert alternative.service_life_months == Decimal("4.5")
    event = AuditEvent.objects.get(action="imported_alternative.update")
    assert event.before["service_life_months"] == "5.00"
    assert event.after["service_life_months"] == "4.5"


def test_a_correction_is_checked_too(cluster):
    alternative = buyer_x_import(cluster)
    with pytest.raises(ValidationError) as refused:
        alternative_update(by=cluster.users["buyer_x"], alternative=alternative,
                           local_service_life_months=Decimal(0))
    assert refused.value.message_dict == {
        "local_service_life_months": ["Umur pakai lebih dari 0 bulan."]}


def test_a_buyer_lists_its_own_and_the_market_not_another_buyers(client, cluster):
    own, offer = buyer_x_import(cluster), market_offer(cluster)
    other = buyer_x_import(cluster, product="Blok rem Y")
    ImportedAlternative.objects.filter(pk=other.pk).update(buyer=cluster.buyer_y,
                                                           recorded_for=cluster.buyer_y)
    body = _as(client, cluster, "buyer_x").get(reverse("insights:imports")).content.decode()
    assert str(own.public_id) in body and str(offer.public_id) in body
    assert str(other.public_id) not in body


def _figures(body: str, ident: str) -> str:
    start = body.index(f'id="{ident}"')
    return body[body.index(">", start) + 1:body.index("<", start)]


def test_the_comparison_page_against_the_rule(client, cluster):
    local_contract(cluster)  # Rp110.000, TKDN 45%
    local_contract(cluster, unit_price=Decimal(100_000), quantity=400, tkdn=Decimal(50))
    alternative = buyer_x_import(cluster)
    with clock.frozen(READ_AT):
        response = _as(client, cluster, "ministry").get(
            reverse("insights:import", args=[alternative.public_id]))
    body = response.content.decode()
    # By units: (600 × 110.000 + 400 × 100.000) / 1.000 = 106.000; TKDN by value:
    # (66 juta × 45 + 40 juta × 50) / 106 juta = 46,89%.
    local = response.context["local"]
    assert local.unit_price == Decimal(106_000) and local.contracts == 2
    assert round(local.tkdn_percent, 2) == Decimal("46.89")
    expected = import_threat.compare(
        local_price=Decimal(106_000), local_life_months=Decimal(1),
        local_tkdn_percent=local.tkdn_percent, import_price=Decimal(480_000),
        import_life_months=Decimal(5), units_per_year=100_000)
    assert response.context["comparison"] == expected
    # 106.000 a month against 96.000; KP = 46,89% × 25% = 11,72%: 0,8828 × 106.000 = 93.575.
    assert _figures(body, "local-per-month") == "Rp106.000"
    assert _figures(body, "import-per-month") == "Rp96.000"
    assert _figures(body, "local-hea-per-month") == "Rp93.575"
    assert expected.verdict == import_threat.LOCAL_WINS_WITH_PREFERENCE
    assert expected.cascade == import_threat.DOMESTIC_REQUIRED
    # Break-even: Rp96.000, with the preference 96.000 / 0,8828… = Rp108.748; or a life of
    # 106.000 / 96.000 = 1,10 months, with the preference 0,97.
    shown = response.context["shown"]
    assert shown["break_even_price"] == Decimal(96_000)
    assert shown["break_even_price_with_preference"] == round(
        expected.break_even_price_with_preference)
    assert shown["break_even_life"] == Decimal("1.10")
    assert "Rp96.000" in _figures(body, "break-even-price")
    assert 'id="cost-per-month"' in body and "<title" in body


def test_the_cost_chart_downloads_with_the_page_figures(client, cluster):
    local_contract(cluster)
    alternative = buyer_x_import(cluster)
    with clock.frozen(READ_AT):
        reader = _as(client, cluster, "ministry")
        page = reader.get(reverse("insights:import", args=[alternative.public_id]),
                          {"local_price": "90.000"}).content.decode()
        csv_url = reverse("insights:import-chart", args=[alternative.public_id, "csv"])
        assert f'href="{csv_url}?local_price=90.000"' in page
        rows = reader.get(csv_url, {"local_price": "90.000"}).content.decode("utf-8-sig")
        svg = reader.get(reverse("insights:import-chart", args=[alternative.public_id, "svg"]))
        png = reader.get(reverse("insights:import-chart", args=[alternative.public_id, "png"]))
        unknown = reader.get(reverse("insights:import-chart", args=[alternative.public_id, "gif"]))
    # The typed price: 90.000 a month, judged with the preference (TKDN 45%: KP 11,25%)
    # 90.000 × 0,8875 = 79.875, against 480.000 / 5 = 96.000.
    assert rows.splitlines()[1:] == ["Produk lokal;90000",
                                     "Produk lokal, dinilai dengan preferensi;79875",
                                     "Produk impor;96000"]
    assert svg["Content-Type"].startswith("image/svg+xml") and b"chart-named" in svg.content
    assert png.content.startswith(b"\x89PNG") and unknown.status_code == 404


def test_without_contracts_the_reader_types_a_price(client, cluster):
    alternative = market_offer(cluster)
    url = reverse("insights:import", args=[alternative.public_id])
    with clock.frozen(READ_AT):
        page = _as(client, cluster, "cooperative").get(url)
        assert page.context["comparison"] is None
        assert "Tidak ada kontrak" in page.content.decode()
        typed = client.get(url, {"local_price": "Rp90.000", "local_tkdn_percent": "40",
                                 "km_per_month": "10.000"})
    c = typed.context["comparison"]
    assert c.local.price == Decimal(90_000) and c.local.tier == "a"
    assert c.verdict == import_threat.LOCAL_CHEAPER  # 90.000 < 96.000 a month
    assert c.cascade == import_threat.DOMESTIC_REQUIRED
    assert _figures(typed.content.decode(), "local-per-1000-km") == "Rp9.000"
    assert not c.preference_applies  # a market offer: no volume, no package


def test_a_bad_local_price_is_named(client, cluster):
    alternative = market_offer(cluster)
    response = _as(client, cluster, "ministry").get(
        reverse("insights:import", args=[alternative.public_id]), {"local_price": "abc"})
    assert response.context["comparison"] is None
    assert response.context["asked"].errors["local_price"] == [
        "“abc” bukan angka; tulis misalnya 1.250.000 atau 12,5."]


def test_contracts_without_a_tkdn_leave_the_import_admissible(client, cluster):
    local_contract(cluster, tkdn=None)
    alternative = buyer_x_import(cluster)
    with clock.frozen(READ_AT):
        response = _as(client, cluster, "buyer_x").get(
            reverse("insights:import", args=[alternative.public_id]))
    c = response.context["comparison"]
    # 110.000 a month against 96.000, no TKDN: no preference, and nothing the cascade keeps.
    assert c.local.tier == "import" and not c.preference_applies
    assert c.cascade == import_threat.IMPORT_ADMISSIBLE and c.buyer_must_buy == "import"
    body = response.content.decode()
    assert "Tidak satu pun menyebut TKDN." in _figures(body, "local-source")
    assert "membolehkan pembeli mengimpor" in _figures(body, "cascade")


def test_a_market_offer_is_weighed_against_the_contracts_the_reader_may_read(client, cluster):
    """Buyer X's contract prices are its own business: buyer Y reading the market offer
    sees no local price from them; the ministry does."""
    local_contract(cluster, unit_price=Decimal(120_000))
    alternative = market_offer(cluster)
    url = reverse("insights:import", args=[alternative.public_id])
    with clock.frozen(READ_AT):
        other = _as(client, cluster, "buyer_y").get(url)
        assert other.context["comparison"] is None
        assert "120.000" not in other.content.decode()
        ministry = _as(client, cluster, "ministry").get(url)
    assert ministry.context["comparison"].local.price == Decimal(120_000)


def test_whom_an_import_may_name(cluster):
    from pasok.accounts import permissions
    from pasok.accounts.kinds import BUYER_KINDS
    from pasok.accounts.models import Organisation

    x, y, ministry = cluster.buyer_x, cluster.buyer_y, cluster.ministry
    assert permissions.import_may_name(x, x) and permissions.import_may_name(x, None)
    assert not permissions.import_may_name(x, y)
    assert permissions.import_may_name(ministry, y)
    buyers = Organisation.objects.filter(kind__in=BUYER_KINDS).order_by("name")
    assert list(permissions.buyers_an_import_may_name(x, buyers)) == [x]
    assert set(permissions.buyers_an_import_may_name(ministry, buyers)) == {x, y}
    # A platform admin, of no organisation, corrects any record.
    assert set(permissions.buyers_an_import_may_name(None, buyers)) == {x, y}
    assert permissions.import_may_name(None, y)
