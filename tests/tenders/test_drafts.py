"""What a buyer expects of a tender before it opens: a draft and its lots can be changed (lots
changed, added, removed) until it is published; limits refuse nonsense with a message on the
field; publishing and cancelling are confirmed on a page that says what will happen; and the
buyer (with the platform and the ministry) sees how many bids came in per lot — a count,
never who or what."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify
from pasok.tenders import forms as tender_forms
from pasok.tenders.models import Lot, Status, Tender
from pasok.tenders.selectors import standing_bid_counts
from pasok.tenders.services import (
    bid_submit,
    bid_withdraw,
    lot_add,
    lot_remove,
    lot_update,
    tender_create,
    tender_publish,
    tender_update,
)
from pasok.web import number_fields
from tests.conftest import page_scripts

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)  # 09:00 WIB
DEADLINE = T0 + dt.timedelta(days=14)
OPENING = DEADLINE + dt.timedelta(hours=1)


def _draft(cluster, **kw):
    with clock.frozen(T0):
        return tender_create(by=cluster.users["buyer_x"], buyer=cluster.buyer_x,
                             title="Blok rem", bid_deadline=kw.pop("bid_deadline", DEADLINE),
                             opening_time=kw.pop("opening_time", OPENING), **kw)


def _lot(cluster, tender, **kw):
    fields = {"product": "Blok rem", "quantity": 100, "unit_weight_kg": Decimal(11),
              "hps_unit_price": Decimal(100_000)} | kw
    with clock.frozen(T0):
        return lot_add(by=cluster.users["buyer_x"], tender=tender, **fields)


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as exc, clock.frozen(T0):
        call()
    return exc.value.message_dict


# --- limits -------------------------------------------------------------------------------

def test_a_lot_of_99_999_999_999_999_pieces_never_reaches_the_database(cluster):
    tender = _draft(cluster)
    errors = _errors(lambda: _lot(cluster, tender, quantity=99_999_999_999_999))
    assert "quantity" in errors
    assert not Lot.objects.exists()


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"quantity": 10_000_001}, "quantity", "10.000.000"),
    ({"quantity": 0}, "quantity", ""),
    ({"hps_unit_price": Decimal(0)}, "hps_unit_price", ""),
    ({"hps_unit_price": Decimal(10_000_000_001)}, "hps_unit_price", ""),
    ({"unit_weight_kg": Decimal(100_001)}, "unit_weight_kg", ""),
    ({"delivery_schedule": [60, 30]}, "delivery_schedule", "sekarang 90"),
    ({"delivery_schedule": [1] * 61 + [39]}, "delivery_schedule", "paling banyak 60 bulan"),
    ({"quantity": 10_000_000, "hps_unit_price": Decimal(1_000_001)}, "quantity",
     "Rp10.000.000.000.000"),
])
def test_lot_limits_name_the_field(cluster, fields, field, words):
    tender = _draft(cluster)
    errors = _errors(lambda: _lot(cluster, tender, **fields))
    assert field in errors and words in " ".join(errors[field])
    assert not Lot.objects.exists()


@pytest.mark.parametrize(("fields", "field"), [
    ({"bid_deadline": T0 - dt.timedelta(minutes=1)}, "bid_deadline"),
    ({"bid_deadline": T0 + dt.timedelta(days=366),
      "opening_time": T0 + dt.timedelta(days=367)}, "bid_deadline"),
    ({"opening_time": DEADLINE - dt.timedelta(minutes=1)}, "opening_time"),
    ({"first_delivery_month": dt.date(2026, 11, 1)}, "first_delivery_month"),
    ({"max_preference_percent": Decimal(26)}, "max_preference_percent"),
    ({"min_tkdn_percent": Decimal(101)}, "min_tkdn_percent"),
])
def test_tender_limits_name_the_field_when_saving_a_draft(cluster, fields, field):
    errors = _errors(lambda: _draft(cluster, **fields))
    assert field in errors
    assert not Tender.objects.exists()


def test_deliveries_may_start_in_the_month_of_the_opening(cluster):
    tender = _draft(cluster, first_delivery_month=dt.date(2026, 12, 20))
    assert tender.first_delivery_month == dt.date(2026, 12, 1)


def test_publishing_checks_the_dates_again(cluster):
    tender = _draft(cluster)
    _lot(cluster, tender)
    with clock.frozen(DEADLINE), pytest.raises(ValidationError) as exc:
        tender_publish(by=cluster.users["buyer_x"], tender=tender)
    assert "bid_deadline" in exc.value.message_dict


def test_the_forms_read_indonesian_numbers_and_refuse_nonsense():
    lot = tender_forms.LotForm({"product": "Blok", "family": "brake_block",
                                "unit_weight_kg": "11,5",
                                "quantity": "30.000", "unit": "pcs",
                                "hps_unit_price": "Rp112.000",
                                "delivery_schedule": "15.000 15.000"})
    assert lot.is_valid(), lot.errors
    assert lot.cleaned_data["unit_weight_kg"] == Decimal("11.5")
    assert lot.cleaned_data["quantity"] == 30_000
    assert lot.cleaned_data["delivery_schedule"] == [15_000, 15_000]
    # Main split the schedule on commas and dropped dots: "1,5" became 15.
    wrong = tender_forms.LotForm({"product": "Blok", "family": "brake_block",
                                  "unit_weight_kg": "11", "unit": "pcs",
                                  "quantity": "99999999999999", "hps_unit_price": "0",
                                  "delivery_schedule": "1,5"})
    assert not wrong.is_valid()
    assert {"quantity", "hps_unit_price", "delivery_schedule"} <= set(wrong.errors)
    assert "10.000.000" in wrong.errors["quantity"][0]
    tender = tender_forms.TenderForm({"min_tkdn_percent": "25,5", "max_preference_percent": "25"})
    tender.is_valid()
    assert tender.cleaned_data["min_tkdn_percent"] == Decimal("25.5")


def test_every_number_in_the_tender_forms_is_read_in_the_active_language():
    """No Django numeric field and no browser number input in the tenders' forms."""
    from django import forms

    from pasok.accounts.models import Organisation
    from pasok.tenders.models import Bid

    bid = Bid(pk=1, opened_content={"quantity": 10, "unit_price": "1000",
                                    "monthly_capacity": 10, "origin": "domestic"},
              bidder=Organisation(name="CV Contoh"))
    built = [tender_forms.TenderForm(), tender_forms.LotForm(), tender_forms.DraftLotForm(),
             tender_forms.BidForm(), tender_forms.MemberForm(), tender_forms.CancelForm(),
             tender_forms.SplitForm(bids=[bid])]
    ours = (number_fields.IntegerField, number_fields.DecimalField)
    for form in built:
        for name, field in form.fields.items():
            if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
                assert isinstance(field, ours), (type(form).__name__, name)
            assert getattr(field.widget, "input_type", None) != "number", name
    schedule = tender_forms.LotForm().fields["delivery_schedule"]
    assert isinstance(schedule, number_fields.WholeNumbersField)


# --- editing a draft ----------------------------------------------------------------------

def test_a_draft_and_its_lots_change_until_published(cluster):
    buyer = cluster.users["buyer_x"]
    tender = _draft(cluster)
    first, second, third = (_lot(cluster, tender, product=p) for p in ("A", "B", "C"))
    with clock.frozen(T0):
        tender_update(by=buyer, tender=tender, title="Blok rem 2027",
                      first_delivery_month=dt.date(2027, 2, 14))
        lot_update(by=buyer, lot=first, quantity=200, delivery_schedule=[100, 100])
        lot_remove(by=buyer, lot=second)
    tender.refresh_from_db()
    assert tender.title == "Blok rem 2027" and tender.first_delivery_month == dt.date(2027, 2, 1)
    assert list(tender.lots.values_list("number", "product", "quantity")) == [
        (1, "A", 200), (2, "C", 100)]  # C moved up a number
    with clock.frozen(T0):
        tender_publish(by=buyer, tender=tender)
    for call in (lambda: tender_update(by=buyer, tender=tender, title="x"),
                 lambda: lot_update(by=buyer, lot=first, quantity=1),
                 lambda: lot_remove(by=buyer, lot=third),
                 lambda: _lot(cluster, tender)):
        with pytest.raises(ValidationError), clock.frozen(T0):
            call()
    with pytest.raises(PermissionDenied), clock.frozen(T0):
        lot_update(by=cluster.users["buyer_y"], lot=first, quantity=1)


def _editor_data(tender, rows, **fields):
    data = {"title": tender.title, "bid_deadline": "2026-12-15T10:00",
            "opening_time": "2026-12-15T11:00", "first_delivery_month": "2027-03",
            "min_tkdn_percent": "25", "max_preference_percent": "25",
            "required_documents": "NIB", "small_business_reserved": "on",
            "lot-TOTAL_FORMS": str(len(rows)), "lot-INITIAL_FORMS": str(tender.lots.count()),
            "lot-MIN_NUM_FORMS": "1", "lot-MAX_NUM_FORMS": "1000"} | fields
    for i, row in enumerate(rows):
        data |= {f"lot-{i}-{k}": v for k, v in row.items()}
    return data


def test_the_draft_editor_changes_adds_and_removes_lots(client, cluster):
    tender = _draft(cluster)
    first, second = _lot(cluster, tender, product="A"), _lot(cluster, tender, product="B")
    client.force_login(cluster.users["buyer_x"])
    url = reverse("tenders:edit", args=[tender.pk])
    with clock.frozen(T0):
        page = client.get(url).content.decode()
        assert 'name="first_delivery_month"' in page and 'name="lot-0-id"' in page
        assert 'value="100.000"' in page  # the HPS, written the Indonesian way
        keep = {"id": first.pk, "product": "A", "family": "brake_block",
                "unit_weight_kg": "11", "quantity": "1.500",
                "unit": "pcs", "hps_unit_price": "100.000",
                "delivery_schedule": "750 750"}
        gone = {"id": second.pk, "product": "B", "family": "other", "unit_weight_kg": "11",
                "quantity": "100",
                "unit": "pcs", "hps_unit_price": "100.000", "DELETE": "on"}
        new = {"product": "C", "family": "housing", "unit_weight_kg": "2,5", "quantity": "40",
               "unit": "pcs",
               "hps_unit_price": "50.000"}
        response = client.post(url, _editor_data(tender, [keep, gone, new],
                                                 title="Blok rem dan bracket"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    tender.refresh_from_db()
    assert tender.title == "Blok rem dan bracket"
    assert tender.first_delivery_month == dt.date(2027, 3, 1)
    assert list(tender.lots.values_list("number", "product", "family", "quantity",
                                        "delivery_schedule")) == [
        (1, "A", "brake_block", 1500, [750, 750]), (2, "C", "housing", 40, [])]


def test_the_draft_editor_keeps_what_was_typed_and_changes_nothing_on_error(client, cluster):
    tender = _draft(cluster)
    first = _lot(cluster, tender, product="A")
    client.force_login(cluster.users["buyer_x"])
    url = reverse("tenders:edit", args=[tender.pk])
    with clock.frozen(T0):
        response = client.post(url, _editor_data(tender, [
            {"id": first.pk, "product": "A2", "family": "municipal", "unit_weight_kg": "11",
             "quantity": "100",
             "unit": "pcs", "hps_unit_price": "100.000", "delivery_schedule": "60 30"}]))
    assert response.status_code == 200
    (row,) = response.context["lots"].forms
    page = response.content.decode()
    assert "delivery_schedule" in row.errors and 'value="60 30"' in page
    assert '<option value="municipal" selected>' in page  # the family chosen, shown again
    assert Lot.objects.get().product == "A"


def test_only_a_draft_opens_in_the_editor(client, cluster):
    tender = _draft(cluster)
    _lot(cluster, tender)
    with clock.frozen(T0):
        tender_publish(by=cluster.users["buyer_x"], tender=tender)
    client.force_login(cluster.users["buyer_x"])
    with clock.frozen(T0):
        response = client.get(reverse("tenders:edit", args=[tender.pk]))
    assert response.status_code == 302


def test_the_new_tender_page_refuses_a_huge_quantity_next_to_the_field(client, cluster):
    client.force_login(cluster.users["buyer_x"])
    with clock.frozen(T0):
        response = client.post(reverse("tenders:new"), {
            "title": "Blok", "bid_deadline": "2026-11-30T10:00",
            "opening_time": "2026-12-15T11:00", "min_tkdn_percent": "25",
            "max_preference_percent": "25", "lot-TOTAL_FORMS": "1", "lot-INITIAL_FORMS": "0",
            "lot-MIN_NUM_FORMS": "1", "lot-MAX_NUM_FORMS": "1000", "lot-0-product": "Blok",
            "lot-0-family": "other",
            "lot-0-unit_weight_kg": "11", "lot-0-quantity": "99.999.999.999.999",
            "lot-0-unit": "pcs", "lot-0-hps_unit_price": "100.000"})
    assert "quantity" in response.context["lots"].forms[0].errors
    assert 'value="99.999.999.999.999"' in response.content.decode()
    assert not Tender.objects.exists()


# --- confirmations --------------------------------------------------------------------------

def test_publishing_is_confirmed_on_a_page_that_says_what_will_happen(client, cluster):
    tender = _draft(cluster)
    _lot(cluster, tender)
    client.force_login(cluster.users["buyer_x"])
    url = reverse("tenders:publish", args=[tender.pk])
    with clock.frozen(T0):
        page = client.post(url)
        body = page.content.decode()
        assert page.status_code == 200 and "Umumkan tender ini?" in body
        assert "15 Desember 2026 09:00 WIB" in body and "Rp10.000.000" in body
        assert 'name="confirm" value="1"' in body
        assert page_scripts(body) == ["/static/pasok/site.js"]
        assert Tender.objects.get().published_at is None
        done = client.post(url, {"confirm": "1"})
    assert done.status_code == 302 and Tender.objects.get().published_at == T0


def test_the_language_switch_on_a_confirmation_returns_to_where_the_form_was(client,
                                                                             cluster):
    """The confirmation answers a POST only: switching language there must not land on a
    blank 405 but on the page the publish button was on."""
    tender = _draft(cluster)
    _lot(cluster, tender)
    client.force_login(cluster.users["buyer_x"])
    detail = reverse("tenders:detail", args=[tender.pk])
    with clock.frozen(T0):
        page = client.post(reverse("tenders:publish", args=[tender.pk]),
                           HTTP_REFERER=f"http://testserver{detail}?tab=lots")
        assert f'name="next" type="hidden" value="{detail}?tab=lots"' in page.content.decode()
        foreign = client.post(reverse("tenders:publish", args=[tender.pk]),
                              HTTP_REFERER="https://penyerang.example/")
        assert 'name="next" type="hidden" value="/"' in foreign.content.decode()
        switched = client.post(reverse("set_language"), {"language": "en",
                                                         "next": f"{detail}?tab=lots"})
    assert switched.status_code == 302 and switched["Location"] == f"{detail}?tab=lots"


def test_a_confirmation_opened_by_its_address_says_so_in_both_languages(client, cluster):
    tender = _draft(cluster)
    client.force_login(cluster.users["buyer_x"])
    url = reverse("tenders:publish", args=[tender.pk])
    page = client.get(url)
    assert page.status_code == 405 and page["Allow"] == "POST"
    assert "Halaman ini menjawab formulir" in page.content.decode()
    client.cookies["django_language"] = "en"
    assert "This page answers a form" in client.get(url).content.decode()
    # The API keeps its own answers.
    api = client.delete("/api/v1/tenders")
    assert api.status_code == 405 and b"<html" not in api.content


def test_cancelling_is_confirmed_and_keeps_the_reason(client, cluster):
    tender = _draft(cluster)
    _lot(cluster, tender)
    client.force_login(cluster.users["buyer_x"])
    url = reverse("tenders:cancel", args=[tender.pk])
    with clock.frozen(T0):
        page = client.post(url, {"reason": "Spesifikasi berubah"})
        body = page.content.decode()
        assert "Batalkan tender ini?" in body and "Spesifikasi berubah" in body
        assert 'name="reason" value="Spesifikasi berubah"' in body
        assert Tender.objects.get().cancelled_at is None
        client.post(url, {"reason": "Spesifikasi berubah", "confirm": "1"})
    assert Tender.objects.get().cancel_reason == "Spesifikasi berubah"


# --- how many bids came in -------------------------------------------------------------------

def test_the_buyer_sees_how_many_standing_bids_each_lot_has(client, cluster):
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    tender = _draft(cluster)
    first, second = _lot(cluster, tender), _lot(cluster, tender)
    with clock.frozen(T0):
        tender = tender_publish(by=cluster.users["buyer_x"], tender=tender)
        a = bid_submit(by=cluster.users["supplier_a"], lot=first, unit_price=987_123,
                       quantity=100, monthly_capacity=50)[0]
        bid_submit(by=cluster.users["supplier_b"], lot=first, unit_price=98_000,
                   quantity=100, monthly_capacity=50)
        bid_submit(by=cluster.users["supplier_a"], lot=second, unit_price=98_000,
                   quantity=100, monthly_capacity=50)
        bid_withdraw(by=cluster.users["supplier_a"], bid=a)  # a withdrawn bid does not count
    for role in ("buyer_x", "ministry", "admin"):
        assert standing_bid_counts(user=cluster.users[role], tender=tender) == {
            first.pk: 1, second.pk: 1}, role
    for role in ("supplier_a", "supplier_b", "cooperative", "buyer_y"):
        assert standing_bid_counts(user=cluster.users[role], tender=tender) is None, role
    client.force_login(cluster.users["buyer_x"])
    with clock.frozen(T0 + dt.timedelta(days=1)):
        page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "Penawaran masuk" in page
    assert "UD Cor Makmur" not in page and "98.000" not in page and "987" not in page
    client.force_login(cluster.users["supplier_b"])
    with clock.frozen(T0 + dt.timedelta(days=1)):
        page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "Penawaran masuk" not in page
    assert Tender.objects.get(pk=tender.pk).status_at(T0) == Status.PUBLISHED


def test_an_untouched_extra_lot_row_is_not_a_lot(client, cluster):
    """The schedule reads an empty input as []: a blank extra row (with its "pcs") must not
    count as changed and ask for a product."""
    client.force_login(cluster.users["buyer_x"])
    row = {"product": "Blok", "family": "other", "unit_weight_kg": "11", "quantity": "100",
           "unit": "pcs", "hps_unit_price": "100.000"}
    with clock.frozen(T0):
        response = client.post(reverse("tenders:new"), {
            "title": "Blok", "bid_deadline": "2026-12-15T10:00",
            "opening_time": "2026-12-15T11:00", "min_tkdn_percent": "25",
            "max_preference_percent": "25", "lot-TOTAL_FORMS": "2", "lot-INITIAL_FORMS": "0",
            "lot-MIN_NUM_FORMS": "1", "lot-MAX_NUM_FORMS": "1000",
            **{f"lot-0-{k}": v for k, v in row.items()},
            "lot-1-unit": "pcs", "lot-1-family": "other", "lot-1-delivery_schedule": ""})
    assert response.status_code == 302
    assert Lot.objects.count() == 1


def test_each_fields_help_describes_it_for_screen_readers(client, cluster):
    client.force_login(cluster.users["buyer_x"])
    page = client.get(reverse("tenders:new")).content.decode()
    for field in ("id_first_delivery_month", "id_lot-0-delivery_schedule"):
        assert f'aria-describedby="{field}_helptext"' in page
        assert f'id="{field}_helptext"' in page
