"""The contract pages as people use them: numbers typed the Indonesian way, errors shown
beside the field with what was typed, the buttons each party has."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from pasok import clock
from pasok.contracts.models import CallOff, CallOffStatus, ContractVersion

from .conftest import JAN, accepted_call_off, signed_contract


def _as(client, cluster, role):
    client.force_login(cluster.users[role])
    return client


def test_the_buyer_issues_a_call_off_typed_in_indonesian(client, cluster, contract):
    page = reverse("contracts:detail", args=[contract.public_id])
    _as(client, cluster, "buyer_x")
    with clock.frozen(dt.datetime(2027, 1, 4, 2, tzinfo=dt.UTC)):
        assert "Terbitkan pesanan" in client.get(page).content.decode()
        refused = client.post(page, {"item": contract.items.get().pk,
                                     "maker": cluster.supplier_a.pk, "month": "2027-01",
                                     "quantity": "1.500"})
        body = refused.content.decode()
        assert refused.status_code == 200 and 'value="1.500"' in body
        assert "Hanya 600 unit" in body
        done = client.post(page, {"item": contract.items.get().pk,
                                  "maker": cluster.supplier_a.pk, "month": "2027-01",
                                  "quantity": "150"})
    assert done.status_code == 302
    assert CallOff.objects.get().quantity == 150


def test_the_supplier_accepts_and_records_a_delivery(client, cluster, contract):
    with clock.frozen(dt.datetime(2027, 1, 4, 2, tzinfo=dt.UTC)):
        from pasok.contracts import services

        call_off = services.call_off_issue(by=cluster.users["buyer_x"],
                                           item=contract.items.get(), month=JAN, quantity=200)
    page = reverse("contracts:call_off", args=[call_off.public_id])
    _as(client, cluster, "supplier_a")
    assert client.post(reverse("contracts:answer", args=[call_off.public_id]),
                       {"answer": "accept"}).status_code == 302
    call_off.refresh_from_db()
    assert call_off.status == CallOffStatus.ACCEPTED
    with clock.frozen(dt.datetime(2027, 1, 20, 2, tzinfo=dt.UTC)):
        refused = client.post(page, {"note_number": "SJ-7", "shipped_on": "2027-01-18",
                                     "received_on": "2027-01-17", "quantity": "50"})
        assert refused.status_code == 200
        assert "sebelum dikirim" in refused.content.decode()
        done = client.post(page, {"note_number": "SJ-7", "shipped_on": "2027-01-18",
                                  "received_on": "2027-01-19", "quantity": "50"})
    assert done.status_code == 302
    assert call_off.deliveries.get().quantity == 50


def test_each_party_signs_from_the_page(client, cluster):
    from pasok.contracts import services
    from pasok.contracts.models import ContractKind

    from .conftest import brake_block_terms

    contract = services.contract_create(
        by=cluster.users["buyer_x"], buyer=cluster.buyer_x, supplier=cluster.supplier_a,
        title="Blok rem", kind=ContractKind.FRAMEWORK, terms=brake_block_terms())
    page = reverse("contracts:detail", args=[contract.public_id])
    for role in ("supplier_a", "buyer_x"):
        _as(client, cluster, role)
        assert 'id="sign-contract"' in client.get(page).content.decode()
        assert client.post(reverse("contracts:sign", args=[contract.public_id])).status_code \
            == 302
        assert 'id="sign-contract"' not in client.get(page).content.decode()
    assert ContractVersion.objects.get().signed
    _as(client, cluster, "ministry")
    assert 'id="sign-contract"' not in client.get(page).content.decode()


def test_an_amendment_typed_in_indonesian(client, cluster, contract):
    _as(client, cluster, "buyer_x")
    page = reverse("contracts:amend", args=[contract.public_id])
    response = client.post(page, {"ends_on": "2027-03-31", "payment_term_days": "14",
                                  "reason": "Harga baru", "item-1-unit_price": "460.000,50",
                                  "item-1-quantity": "700", "item-1-minimum_quantity": "300",
                                  "item-1-family": "brake_block"})
    assert response.status_code == 302
    version = contract.versions.get(number=2)
    assert version.terms["items"][0]["unit_price"] == "460000.50"
    assert version.terms["payment_term_days"] == 14


def test_what_remains_is_shown(client, cluster):
    contract = signed_contract(cluster)
    accepted_call_off(cluster, contract, quantity=200)
    _as(client, cluster, "supplier_a")
    body = client.get(reverse("contracts:detail", args=[contract.public_id])).content.decode()
    # 600 in all, 200 ordered: 400 left, worth 400 × Rp450.000.
    assert "Rp180.000.000" in body and Decimal(400 * 450_000) == Decimal(180_000_000)


def test_a_party_adds_a_document_and_the_other_reads_it(client, cluster, contract):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.tenders.files import PDF

    page = reverse("contracts:document_add", args=[contract.public_id])
    _as(client, cluster, "supplier_a")
    client.post(page, {"title": "Gambar teknik",
                       "upload": SimpleUploadedFile("gambar.exe", b"MZ\x90\x00")})
    assert not contract.documents.exists()  # refused by its bytes
    client.post(page, {"title": "Gambar teknik",
                       "upload": SimpleUploadedFile("gambar.pdf", PDF + b"% 1\n")})
    document = contract.documents.get()
    _as(client, cluster, "buyer_x")
    response = client.get(reverse("contracts:document",
                                  args=[contract.public_id, document.public_id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"


def test_a_replacement_is_recorded_against_the_rejected_delivery(client, cluster, contract):
    from pasok.contracts.models import Delivery

    from .conftest import delivered

    call_off = accepted_call_off(cluster, contract, quantity=200)
    first = delivered(cluster, call_off, 200, dt.date(2027, 1, 15))
    Delivery.objects.filter(pk=first.pk).update(accepted_quantity=170,
                                                accepted_on=dt.date(2027, 1, 16))
    page = reverse("contracts:call_off", args=[call_off.public_id])
    _as(client, cluster, "supplier_a")
    with clock.frozen(dt.datetime(2027, 1, 25, 2, tzinfo=dt.UTC)):
        form = client.get(f"{page}?replaces={first.public_id}").content.decode()
        assert f'<option value="{first.public_id}" selected>' in form
        client.post(page, {"note_number": "SJ-R1", "shipped_on": "2027-01-24",
                           "received_on": "2027-01-25", "quantity": "30",
                           "replaces": str(first.public_id)})
    replacement = call_off.deliveries.get(note_number="SJ-R1")
    assert replacement.replaces == first


def test_the_commitment_page_shows_what_is_kept_so_far(client, cluster, contract):
    from pasok.contracts import services

    commitment = services.commitment_sign(
        by=cluster.users["buyer_x"], buyer=cluster.buyer_x, partners=[cluster.supplier_a],
        family="brake_block", starts_on=JAN, ends_on=dt.date(2029, 12, 31),
        share_percent=Decimal(50))
    services.commitment_need_record(by=cluster.users["buyer_x"], commitment=commitment,
                                    month=JAN, units=600)
    accepted_call_off(cluster, contract, quantity=200)  # 200 of the 300 required
    _as(client, cluster, "supplier_a")
    with clock.frozen(dt.datetime(2027, 1, 25, 2, tzinfo=dt.UTC)):
        body = client.get(reverse("contracts:commitment",
                                  args=[commitment.public_id])).content.decode()
        listed = client.get(reverse("contracts:commitments")).content.decode()
    assert '<span id="kept-share">67%</span>' in body
    assert 'role="img"' in body and ">100<" in body  # behind by 100 units in January
    assert "67%" in listed


def test_a_buyer_signs_a_commitment_naming_its_partners_by_typing(client, cluster):
    from pasok.contracts.models import PartnershipCommitment

    _as(client, cluster, "buyer_x")
    url = reverse("contracts:commitments")
    form = {"family": "brake_block", "units_per_year": "1.200", "starts_on": "2027-01",
            "ends_on": "31/12/2029"}
    assert "CV Logam Sejahtera" not in client.get(url).content.decode()  # none listed
    names = client.get(reverse("contracts:partner-names"), {"q": "koperasi"}).json()
    assert names == {"names": ["Koperasi Batur Jaya — Klaten"]}
    refused = client.post(url, form | {"partners": "Koperasi Batur Jaya; Tidak Ada"})
    assert refused.status_code == 200 and "“Tidak Ada”" in refused.content.decode()
    assert not PartnershipCommitment.objects.exists()
    signed = client.post(url, form | {"partners": "Koperasi Batur Jaya — Klaten; Logam"})
    assert signed.status_code == 302
    commitment = PartnershipCommitment.objects.get()
    assert set(commitment.partners.all()) == {cluster.cooperative, cluster.supplier_a}
    assert commitment.units_per_year == 1200
