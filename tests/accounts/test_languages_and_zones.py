"""Each person in their own language and time zone: the preference the switch keeps, the zone of
their organisation's province on their pages, and every e-mail and notification written for
its recipient (one in Makassar reading English, one in Jakarta reading Indonesian)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Notification, User
from pasok.accounts.services import organisation_create, user_create
from pasok.suppliers.models import MaterialGrade
from pasok.suppliers.services import profile_save
from pasok.tenders.services import lot_add, tender_create, tender_publish
from tests.conftest import PASSWORD, make_nib, make_npwp

pytestmark = pytest.mark.django_db

# 07:00 UTC: 14:00 in Jakarta (WIB), 15:00 in Makassar (WITA), 16:00 in Jayapura (WIT).
DEADLINE = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)


def test_switching_language_while_signed_in_keeps_it(client, cluster):
    client.login(email="supplier_a@example.id", password=PASSWORD)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert User.objects.get(email="supplier_a@example.id").language == "en"
    client.cookies.clear()  # another browser: the preference speaks
    client.login(email="supplier_a@example.id", password=PASSWORD)
    page = client.get("/")
    assert page["Content-Language"] == "en" and "Sign out" in page.content.decode()


def test_switching_language_signed_out_changes_no_one(client, cluster):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert set(User.objects.values_list("language", flat=True)) == {"id"}


def test_an_unknown_language_is_ignored(client, cluster):
    client.login(email="supplier_a@example.id", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert User.objects.get(email="supplier_a@example.id").language == "id"


def _makassar(cluster):
    """A foundry in South Sulawesi (WITA) whose admin reads English."""
    org = organisation_create(by=SYSTEM, name="CV Cor Makassar", kind="supplier",
                              nib=make_nib(40), npwp=make_npwp(40),
                              province="Sulawesi Selatan", regency="Makassar",
                              business_capital=Decimal(900_000_000))
    profile_save(by=SYSTEM, organisation=org, fields={
        "monthly_capacity_kg": 30_000, "weight_min_kg": Decimal(5),
        "weight_max_kg": Decimal(80)}, processes=["green_sand"], grades=["FCD450"])
    return user_create(by=SYSTEM, email="makassar@example.id", full_name="Andi Makassar",
                       password=PASSWORD, organisation=org, org_role="admin", language="en")


def test_pages_show_moments_in_the_readers_zone(client, cluster):
    person = _makassar(cluster)
    Notification.objects.create(user=person, text="x", created_at=DEADLINE)
    Notification.objects.create(user=cluster.users["supplier_a"], text="x",
                                created_at=DEADLINE)
    client.login(email="makassar@example.id", password=PASSWORD)
    assert "1 December 2026 15:00 WITA" in client.get(
        reverse("accounts:notifications")).content.decode()
    client.login(email="supplier_a@example.id", password=PASSWORD)
    assert "1 Desember 2026 14:00 WIB" in client.get(
        reverse("accounts:notifications")).content.decode()


def test_a_new_tender_reaches_each_supplier_in_their_language_and_zone(
        cluster, django_capture_on_commit_callbacks):
    _makassar(cluster)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(DEADLINE - dt.timedelta(days=10)):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Bracket FCD450",
                               bid_deadline=DEADLINE,
                               opening_time=DEADLINE + dt.timedelta(hours=1))
        lot_add(by=buyer, tender=tender, product="Bracket", quantity=100,
                unit_weight_kg=Decimal(20), hps_unit_price=Decimal(250_000),
                grade=MaterialGrade.objects.get(code="FCD450"))
        with django_capture_on_commit_callbacks(execute=True):
            tender_publish(by=buyer, tender=tender)
    by_person = {m.to[0]: m for m in mail.outbox}
    # Supplier A's admin, staff and viewer, and the foundry in Makassar, fit the lot.
    assert set(by_person) == {"makassar@example.id", "supplier_a@example.id",
                              "staff_a@example.id", "viewer_a@example.id"}
    english, indonesian = by_person["makassar@example.id"], by_person["supplier_a@example.id"]
    assert english.subject == "New tender on Pasok"
    assert "bids until 1 December 2026 15:00 WITA" in english.body
    assert indonesian.subject == "Tender baru di Pasok"
    assert "1 Desember 2026 14:00 WIB" in indonesian.body
    notes = dict(Notification.objects.values_list("user__email", "text"))
    assert "15:00 WITA" in notes["makassar@example.id"]
    assert "14:00 WIB" in notes["supplier_a@example.id"]
    assert "UTC" not in english.body + indonesian.body


def test_deadline_reminders_too(cluster):
    from pasok.tenders.tasks import send_deadline_reminders

    _makassar(cluster)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(DEADLINE - dt.timedelta(days=10)):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Bracket FCD450",
                               bid_deadline=DEADLINE,
                               opening_time=DEADLINE + dt.timedelta(hours=1))
        lot_add(by=buyer, tender=tender, product="Bracket", quantity=100,
                unit_weight_kg=Decimal(20), hps_unit_price=Decimal(250_000),
                grade=MaterialGrade.objects.get(code="FCD450"))
        tender_publish(by=buyer, tender=tender)
    mail.outbox.clear()
    with clock.frozen(DEADLINE - dt.timedelta(hours=5)):
        assert send_deadline_reminders.call() == 1
    by_person = {m.to[0]: m.body for m in mail.outbox}
    assert "close on 1 December 2026 15:00 WITA" in by_person["makassar@example.id"]
    assert "1 Desember 2026 14:00 WIB" in by_person["supplier_a@example.id"]


def test_tkdn_expiry_warnings_too(cluster):
    from pasok.tkdn.services import certificate_record
    from pasok.tkdn.tasks import send_expiry_warnings

    person = _makassar(cluster)
    certificate_record(by=SYSTEM, organisation=person.organisation, regime="permenperin-16-2011",
                       product="Blok rem", tkdn_percent=Decimal(45),
                       issued_on=dt.date(2024, 6, 1), valid_until=dt.date(2026, 12, 20),
                       self_declared=True)
    with clock.frozen(DEADLINE):
        assert send_expiry_warnings.call() == 1
    (message,) = mail.outbox
    assert message.subject == "TKDN certificate expires in 19 days"
    assert "expires on 20 December 2026" in message.body
    assert Notification.objects.get(user=person).text.startswith("The TKDN certificate")
