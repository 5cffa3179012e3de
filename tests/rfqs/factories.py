"""A request for quotation of buyer Y (PT Astra Otoparts, a private buyer) for a brake
drum, sent to supplier A (the cluster's one capable foundry) and supplier B; quotations,
a sample order, first articles: for the rfqs tests, the permission matrix and the query
budgets."""

import datetime as dt
import itertools
from decimal import Decimal

from pasok import clock
from pasok.rfqs import services
from pasok.rfqs.models import Invite
from pasok.suppliers.models import MaterialGrade
from tests.tenders.files import PDF, Upload

SENT_AT = dt.datetime(2026, 12, 10, 3, 0, tzinfo=dt.UTC)
WEEK = dt.timedelta(days=7)
DEADLINE = SENT_AT + WEEK
AFTER = DEADLINE + dt.timedelta(hours=1)
_parts = itertools.count(1)

BORE = {"kind": "dimension", "name": "Bore Ø", "nominal": Decimal("52.00"),
        "lower": Decimal("51.95"), "upper": Decimal("52.05"), "measured": Decimal("52.01")}
HARDNESS = {"kind": "hardness", "name": "HB", "nominal": None, "lower": Decimal(197),
            "upper": Decimal(255), "measured": Decimal(220)}


def drawing() -> Upload:
    return Upload("tromol-rem.pdf", PDF)


def sent_rfq(cluster, *, suppliers=None, start=SENT_AT, **changes):
    """Buyer Y's RFQ, sent at `start` to `suppliers` (default: A and B), quotations until a
    week later."""
    fields = {"part_name": f"Tromol rem {next(_parts)}", "family": "brake_drum",
              "grade": MaterialGrade.objects.get(code="FC200"), "unit_weight_kg": Decimal(12),
              "annual_volume": 24_000, "target_unit_price": Decimal(350_000),
              "deadline": start + WEEK, "invite": Invite.CHOSEN,
              "suppliers": [cluster.supplier_a, cluster.supplier_b] if suppliers is None
              else suppliers, "drawing": drawing()} | changes
    with clock.frozen(start):
        return services.rfq_send(by=cluster.users["buyer_y"], buyer=cluster.buyer_y, **fields)


def quoted(cluster, rfq, role="supplier_a", unit_price=Decimal(340_000), **changes):
    fields = {"unit_price": unit_price, "lead_time_weeks": 6, "monthly_capacity": 2_500,
              "valid_until": rfq.deadline.date() + dt.timedelta(days=90),
              "note": "Termasuk pemesinan"} | changes
    with clock.frozen(rfq.created_at + dt.timedelta(days=1)):
        quotation, _nonce = services.quotation_submit(by=cluster.users[role], rfq=rfq, **fields)
    return quotation


def sampled(cluster, start=SENT_AT):
    """An RFQ sent at `start`, quoted by A, its deadline passed, samples ordered from A."""
    rfq = sent_rfq(cluster, start=start)
    quotation = quoted(cluster, rfq)
    after = rfq.deadline + dt.timedelta(hours=1)
    with clock.frozen(after):
        return services.sample_order(by=cluster.users["buyer_y"], rfq=rfq,
                                     quotation=quotation, quantity=5,
                                     due_on=after.date() + dt.timedelta(days=14))


def inspected(cluster, measured=Decimal("52.01"), start=SENT_AT):
    order = sampled(cluster, start)
    with clock.frozen(order.ordered_at + dt.timedelta(days=15)):
        return services.first_article_record(
            by=cluster.users["buyer_y"], sample_order=order, inspected_on=clock.today(),
            characteristics=[BORE | {"measured": measured}, HARDNESS])


def approved(cluster, start=SENT_AT):
    inspection = inspected(cluster, start=start)
    with clock.frozen(inspection.recorded_at + dt.timedelta(days=1)):
        services.first_article_decide(by=cluster.users["buyer_y"], inspection=inspection,
                                      approve=True)
    return inspection


MATRIX_ARGS = ("rfq", "rfq_closed", "rfq_approved", "sample", "first_article")


def matrix_args(cluster, arg: str) -> list:
    """"rfq": buyer Y's RFQ still open, quoted by A; "rfq_closed": one whose deadline has
    passed, quoted by A; "rfq_approved": one whose first article is approved; "sample": a
    sample order on A's quotation; "first_article": an undecided first article (the last
    three sent a month ago)."""
    now, month_ago = clock.now(), clock.now() - dt.timedelta(days=30)
    if arg in ("rfq", "rfq_closed"):
        rfq = sent_rfq(cluster, start=now if arg == "rfq" else month_ago)
        quoted(cluster, rfq)
        return [rfq.public_id]
    if arg == "rfq_approved":
        return [approved(cluster, start=month_ago).sample_order.rfq.public_id]
    if arg == "sample":
        return [sampled(cluster, start=month_ago).public_id]
    return [inspected(cluster, start=month_ago).public_id]


# Builders for tests/web/test_query_counts.py: n rows of one kind, and the page listing them.

def rfq_list_rows(cluster, n: int):
    """Buyer Y's list of n RFQs."""
    from django.urls import reverse

    from tests.web.test_query_counts import Page

    rfqs = [sent_rfq(cluster, start=clock.now()) for _ in range(n)]
    return Page("buyer_y", reverse("rfqs:list"), rfqs[-1].reference)


def rfq_invitation_rows(cluster, n: int):
    """Supplier A's list: the n RFQs it is invited to."""
    from django.urls import reverse

    from tests.web.test_query_counts import Page

    rfqs = [sent_rfq(cluster, start=clock.now()) for _ in range(n)]
    return Page("supplier_a", reverse("rfqs:list"), rfqs[0].part_name)


def _quoting_foundries(n: int) -> list:
    """n verified foundries, each with an admin who quotes."""
    from pasok.accounts.actors import SYSTEM
    from pasok.accounts.models import OrgRole
    from pasok.accounts.services import organisation_create, user_create
    from tests.conftest import PASSWORD, make_nib, make_npwp

    foundries = []
    for _ in range(n):
        k = next(_parts) + 5000
        org = organisation_create(by=SYSTEM, name=f"CV Cor {k}", kind="supplier",
                                  nib=make_nib(k), npwp=make_npwp(k), province="Jawa Tengah",
                                  regency="Klaten", business_capital=Decimal(800_000_000))
        person = user_create(by=SYSTEM, email=f"cor{k}@example.id", full_name=f"Cor {k}",
                             password=PASSWORD, organisation=org, org_role=OrgRole.ADMIN)
        foundries.append((org, person))
    return foundries


def rfq_comparison_rows(cluster, n: int):
    """An RFQ of buyer Y asking for a certificate, quoted by n foundries, read by the buyer
    after the deadline."""
    from django.urls import reverse

    from tests.web.test_query_counts import Page

    foundries = _quoting_foundries(n)
    start = clock.now() - dt.timedelta(days=30)
    rfq = sent_rfq(cluster, start=start, suppliers=[org for org, _person in foundries],
                   certificate="iso9001")
    for k, (_org, person) in enumerate(foundries):
        with clock.frozen(start + dt.timedelta(days=1)):
            services.quotation_submit(by=person, rfq=rfq, unit_price=Decimal(300_000 + k),
                                      lead_time_weeks=6, monthly_capacity=2_000,
                                      valid_until=rfq.deadline.date())
    return Page("buyer_y", reverse("rfqs:compare", args=[rfq.public_id]),
                foundries[-1][0].name)


def rfq_page_rows(cluster, n: int):
    """The buyer's page of an RFQ sent to n foundries, with a sample order and its first
    article of n characteristics."""
    from django.urls import reverse

    from tests.web.test_query_counts import Page

    foundries = _quoting_foundries(n)
    start = clock.now() - dt.timedelta(days=30)
    rfq = sent_rfq(cluster, start=start, suppliers=[org for org, _person in foundries])
    with clock.frozen(start + dt.timedelta(days=1)):
        quotation, _nonce = services.quotation_submit(
            by=foundries[0][1], rfq=rfq, unit_price=Decimal(300_000), lead_time_weeks=6,
            monthly_capacity=2_000, valid_until=rfq.deadline.date())
    with clock.frozen(rfq.deadline + dt.timedelta(hours=1)):
        order = services.sample_order(by=cluster.users["buyer_y"], rfq=rfq,
                                      quotation=quotation, quantity=5, due_on=clock.today())
        services.first_article_record(
            by=cluster.users["buyer_y"], sample_order=order, inspected_on=clock.today(),
            characteristics=[BORE | {"name": f"Bore {k}"} for k in range(n)])
    return Page("buyer_y", reverse("rfqs:detail", args=[rfq.public_id]),
                foundries[-1][0].name)


def rfq_supplier_names_rows(cluster, n: int):
    """The foundries an RFQ may be sent to whose names contain what was typed."""
    from django.urls import reverse

    from tests.web.test_query_counts import Page

    foundries = _quoting_foundries(n)
    return Page("buyer_y", reverse("rfqs:supplier-names") + "?q=CV+Cor", foundries[-1][0].name)


def rfq_list_api_rows(cluster, n: int):
    """Supplier A's RFQs over the API: the n it is invited to."""
    from tests.web.test_query_counts import Page

    rfqs = [sent_rfq(cluster, start=clock.now()) for _ in range(n)]
    return Page("supplier_a", "/api/v1/rfqs", rfqs[-1].reference)
