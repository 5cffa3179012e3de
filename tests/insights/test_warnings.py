"""Early warnings of substitution from the platform's records (insights.warnings), the
ministry told of each once (insights.tasks), and `pasok insights warn`."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.models import Notification
from pasok.contracts import services
from pasok.contracts.models import CallOff, PartnershipCommitment
from pasok.contracts.terms import ContractTerms, ItemTerms
from pasok.insights.models import EarlyWarning, ImportedAlternative
from pasok.insights.tasks import send_early_warnings
from pasok.insights.warnings import substitution_warnings
from pasok.months import month_starts
from pasok.tenders.services import lot_add, tender_cancel, tender_create, tender_publish
from tests.contracts.conftest import SIGNED_AT, accepted_call_off, signed_contract

pytestmark = pytest.mark.django_db
MONTHS = month_starts(dt.date(2027, 1, 1), 6)  # January to June 2027
JULY = dt.date(2027, 7, 15)  # the windows: January–March against April–June


def at(day: dt.date):
    return clock.frozen(dt.datetime.combine(day, dt.time(4), tzinfo=dt.UTC))


def half_year_contract(cluster):
    item = ItemTerms(number=1, product="Blok rem komposit besi cor P10",
                     unit_weight_kg=Decimal("9.50"), unit_price=Decimal(450_000), quantity=6000,
                     minimum_quantity=0, family="brake_block", grade="P10",
                     schedule=dict.fromkeys(MONTHS, 1000))
    return signed_contract(cluster, ContractTerms(starts_on=MONTHS[0],
                                                  ends_on=dt.date(2027, 6, 30),
                                                  payment_term_days=30, items=(item,)))


def call_offs(cluster, contract, units):
    for month, quantity in zip(MONTHS, units, strict=True):
        accepted_call_off(cluster, contract, month=month, quantity=quantity)


def need(cluster, units):
    with clock.frozen(SIGNED_AT):
        commitment = services.commitment_sign(
            by=cluster.users["buyer_x"], buyer=cluster.buyer_x, partners=[cluster.supplier_a],
            family="brake_block", starts_on=MONTHS[0], ends_on=dt.date(2029, 12, 31),
            share_percent=Decimal(40))
    for month, quantity in zip(MONTHS, units, strict=True):
        services.commitment_need_record(by=cluster.users["buyer_x"], commitment=commitment,
                                        month=month, units=quantity)


def imports(cluster, units_per_year, recorded_on, *, in_use=True):
    ImportedAlternative.objects.create(
        family="brake_block", product="Blok rem komposit", origin="Tiongkok",
        landed_price=Decimal(300_000), service_life_months=5, local_service_life_months=1,
        buyer=cluster.buyer_x, units_per_year=units_per_year, in_use=in_use,
        recorded_for=cluster.buyer_x,
        recorded_at=dt.datetime.combine(recorded_on, dt.time(3), tzinfo=dt.UTC))


PUBLISHED_AT = dt.datetime(2026, 11, 2, 2, tzinfo=dt.UTC)  # before January's deliveries


def tender(cluster, schedule, *, family="brake_block", publish=True, first=MONTHS[0]):
    """Buyer X's tender of one lot delivered month by month from `first` (an empty
    schedule: at once), published in November 2026."""
    buyer = cluster.users["buyer_x"]
    with clock.frozen(PUBLISHED_AT):
        made = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem 2027",
                             bid_deadline=PUBLISHED_AT + dt.timedelta(days=7),
                             opening_time=PUBLISHED_AT + dt.timedelta(days=7),
                             first_delivery_month=first)
        lot_add(by=buyer, tender=made, product="Blok rem P10", family=family,
                quantity=sum(schedule) or 6000, unit_weight_kg=Decimal("9.5"),
                hps_unit_price=Decimal(500_000), delivery_schedule=schedule)
        return tender_publish(by=buyer, tender=made) if publish else made


@pytest.fixture
def halved(cluster):
    """Buyer X halves its orders from April while its reported need stays at 1,000."""
    call_offs(cluster, half_year_contract(cluster), [600, 600, 600, 300, 300, 300])
    need(cluster, [1000] * 6)
    return cluster


def test_orders_halved_while_the_need_held(halved, django_assert_num_queries):
    with django_assert_num_queries(5):
        (warning,) = substitution_warnings(JULY)
    assert (warning.buyer, warning.family, warning.month) == (
        halved.buyer_x, "brake_block", dt.date(2027, 7, 1))
    f = warning.figures
    assert (f.orders_before, f.orders_after, f.need_before, f.need_after) == (600, 300, 1000,
                                                                              1000)
    assert warning.sentence() == (
        "PT Kereta Api Indonesia (Persero), Blok rem kereta api: pesanan dari klaster turun "
        "dari 600 menjadi 300 unit sebulan, sementara kebutuhannya tetap sekitar 1.000.")
    with translation.override("en"):
        assert warning.sentence() == (
            "PT Kereta Api Indonesia (Persero), Railway brake blocks: orders from the cluster "
            "fell from 600 to 300 units a month while the need stayed at about 1,000.")


def test_a_rising_need_is_told_as_rising(cluster):
    call_offs(cluster, half_year_contract(cluster), [600, 600, 600, 300, 300, 300])
    need(cluster, [1000] * 3 + [1200] * 3)
    (warning,) = substitution_warnings(JULY)
    assert warning.sentence().endswith(
        "sementara kebutuhannya naik dari 1.000 menjadi 1.200.")


def test_the_need_falling_too_is_no_warning(cluster):
    call_offs(cluster, half_year_contract(cluster), [600, 600, 600, 300, 300, 300])
    need(cluster, [1000] * 3 + [500] * 3)
    assert substitution_warnings(JULY) == []


def test_declined_call_offs_are_no_orders(halved):
    item = CallOff.objects.first().item
    with at(MONTHS[4]):
        declined = services.call_off_issue(by=halved.users["buyer_x"], item=item,
                                           month=MONTHS[4], quantity=300)
        services.call_off_answer(by=halved.users["supplier_a"], call_off=declined,
                                 accept=False, reason="Tanur sedang diperbaiki")
    (warning,) = substitution_warnings(JULY)
    assert warning.figures.orders_after == 300


def test_without_a_reported_need_the_recorded_imports_give_it(cluster):
    # No commitment: the need is the orders plus the imports from the month they were
    # recorded, in local units: 600 before; from April 300 ordered + 720 / 12 = 60
    # composite blocks imported a month, each lasting five months of one local block's.
    call_offs(cluster, half_year_contract(cluster), [600, 600, 600, 300, 300, 300])
    assert substitution_warnings(JULY) == []  # the need seems to fall with the orders
    imports(cluster, 720, dt.date(2027, 4, 2))
    (warning,) = substitution_warnings(JULY)
    assert (warning.figures.need_before, warning.figures.need_after) == (600, 600)


def test_an_import_the_buyer_does_not_buy_is_no_need(cluster):
    # The same import recorded as an alternative Buyer X could use: its 60 a month are not
    # bought, so the need is the orders alone, and it falls with them.
    call_offs(cluster, half_year_contract(cluster), [600, 600, 600, 300, 300, 300])
    imports(cluster, 720, dt.date(2027, 4, 2), in_use=False)
    assert substitution_warnings(JULY) == []


def test_orders_fall_while_the_tender_shows_the_need_holding(cluster,
                                                             django_assert_num_queries):
    # No commitment, no import: Buyer X tendered 1,000 a month for January to June and
    # calls off 600 then 300. Need: max(orders, tendered) = 1,000 both quarters.
    call_offs(cluster, half_year_contract(cluster), [600, 600, 600, 300, 300, 300])
    tender(cluster, [1000] * 6)
    with django_assert_num_queries(5):
        (warning,) = substitution_warnings(JULY)
    f = warning.figures
    assert (f.orders_before, f.orders_after, f.need_before, f.need_after) == (600, 300, 1000,
                                                                              1000)


def test_a_tender_falling_with_the_orders_is_no_warning(cluster):
    # The tender asked for 600 a month, then 300: the need fell as the orders did.
    call_offs(cluster, half_year_contract(cluster), [600, 600, 600, 300, 300, 300])
    tender(cluster, [600] * 3 + [300] * 3)
    assert substitution_warnings(JULY) == []


def test_only_published_tenders_of_the_family_with_a_schedule_count(cluster):
    call_offs(cluster, half_year_contract(cluster), [600, 600, 600, 300, 300, 300])
    tender(cluster, [1000] * 6, publish=False)  # a draft states no need yet
    tender(cluster, [1000] * 6, family="housing")  # pump housings are not brake blocks
    # 6,000 at once in April: a stock, not a rate (warnings._tendered); as April's need it
    # would make the need rise.
    tender(cluster, [], first=MONTHS[3])
    cancelled = tender(cluster, [1000] * 6)
    with clock.frozen(PUBLISHED_AT + dt.timedelta(days=1)):
        tender_cancel(by=cluster.users["buyer_x"], tender=cancelled, reason="Anggaran dipotong")
    assert substitution_warnings(JULY) == []


def test_the_current_month_is_left_out(halved):
    # In June the windows are December–February against March–May: orders 400 a month on
    # average (no December) against 400: no fall yet.
    assert substitution_warnings(dt.date(2027, 6, 20)) == []


def test_the_ministry_is_told_once(halved):
    officers = Notification.objects.filter(user=halved.users["ministry"])
    mail.outbox.clear()
    with at(JULY):
        assert send_early_warnings.call() == 1
        assert send_early_warnings.call() == 0  # a second run sends nothing new
    (note,) = officers
    assert note.link == reverse("insights:dashboard")
    assert "turun dari 600 menjadi 300 unit sebulan" in note.text
    assert [m.to for m in mail.outbox] == [["ministry@example.id"]]
    assert not Notification.objects.exclude(user=halved.users["ministry"]).exists()
    record = EarlyWarning.objects.get()
    assert (record.buyer, record.family, record.month) == (
        halved.buyer_x, "brake_block", dt.date(2027, 7, 1))
    assert record.figures == {"orders_before": "600.00", "orders_after": "300.00",
                              "need_before": "1000.00", "need_after": "1000.00"}


def test_the_same_fall_is_not_told_again_as_the_windows_slide(halved):
    with at(JULY):
        send_early_warnings.call()
    # August, with July's need reported: February–April against May–July still shows the
    # fall (500 → 200 a month).
    services.commitment_need_record(by=halved.users["buyer_x"],
                                    commitment=PartnershipCommitment.objects.get(),
                                    month=dt.date(2027, 7, 1), units=1000)
    assert substitution_warnings(dt.date(2027, 8, 3))
    with at(dt.date(2027, 8, 3)):
        assert send_early_warnings.call() == 0
    assert EarlyWarning.objects.count() == 1


def test_a_warning_is_recorded_once_a_month(halved):
    with at(JULY):
        send_early_warnings.call()
    with pytest.raises(IntegrityError):
        EarlyWarning.objects.create(buyer=halved.buyer_x, family="brake_block",
                                    month=dt.date(2027, 7, 1), detected_at=clock.now())


def test_the_command_queues_the_check(halved, capsys):
    with at(JULY):
        call_command("insights_warn")
    assert capsys.readouterr().out.startswith("queued ")
    assert EarlyWarning.objects.count() == 1


def test_only_the_ministry_and_platform_admins_read_warnings(halved):
    with at(JULY):
        send_early_warnings.call()
    record = EarlyWarning.objects.get()
    readers = {role for role, user in halved.users.items()
               if user and permissions.may(user, permissions.VIEW, record)}
    assert readers == {"ministry", "admin"}
    assert not any(permissions.may(user, permissions.CHANGE, record)
                   for user in halved.users.values() if user)


def test_the_partial_lists_the_warnings_in_plain_words(halved):
    html = render_to_string("insights/_warnings.html",
                            {"warnings": substitution_warnings(JULY)})
    assert "turun dari 600 menjadi 300 unit sebulan" in html
    assert "Tidak ada pembeli" in render_to_string("insights/_warnings.html", {"warnings": []})
