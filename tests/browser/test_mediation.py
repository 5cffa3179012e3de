"""Business matching on a phone: the ministry's officer reads the events, an event with its
pairings and an overdue follow-up flagged, the pairing's page with its forms, the open
follow-ups and the funnel with its charts; a form refused shows its error summary. No page
scrolls sideways at 390 px; axe-core scans every page (phone and desktop)."""

import datetime as dt

import pytest

from pasok import clock
from tests.browser.conftest import assert_accessible, click_and_wait, sign_in
from tests.conftest import PASSWORD
from tests.mediation.factories import event, follow_up, pairing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
READ_AT = dt.datetime(2027, 1, 25, 3, tzinfo=dt.UTC)


def _no_sideways_scroll(page):
    wide = page.evaluate("""[...document.querySelectorAll('main *')].filter(
        e => !e.closest('thead, .table-wrap, .chart-scroll')
        && e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 4).map(
        e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))""")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), wide


def test_the_ministry_follows_a_business_matching_event(phone, cluster):
    made = event(cluster)
    paired = pairing(cluster, made)
    follow_up(cluster, paired, due_on=dt.date(2027, 2, 20), action="Nanti")
    follow_up(cluster, paired, due_on=dt.date(2027, 1, 20), action="Kirim RFQ")
    with clock.frozen(READ_AT):  # the server's clock too: the first is overdue
        _walk(phone, made, paired)


def _walk(phone, made, paired):
    sign_in(phone, "ministry@example.id", PASSWORD)
    phone.goto("/mediation/")
    _no_sideways_scroll(phone)
    click_and_wait(phone, f"text={made.title}")
    _no_sideways_scroll(phone)
    assert phone.locator(".badge.overdue").count() == 1
    click_and_wait(phone, f"#pairing-{paired.public_id} a")
    _no_sideways_scroll(phone)
    click_and_wait(phone, "#advance")  # the next stage, on today: recorded
    assert "RFQ" in phone.locator("#pairing-stage").inner_text()
    phone.goto("/mediation/follow-ups/")
    _no_sideways_scroll(phone)
    assert phone.locator(".badge.overdue").count() == 1
    phone.goto("/mediation/funnel/")
    _no_sideways_scroll(phone)
    assert phone.locator("#chart-stages svg").count() == 1
    phone.goto("/mediation/new/")
    click_and_wait(phone, "#save-event")
    assert phone.locator("[role=alert]").count() >= 1
    assert_accessible(phone)
