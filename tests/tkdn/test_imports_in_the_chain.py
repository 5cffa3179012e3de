"""A worksheet whose pig iron and machine are imports (issue 9) is more than its own page:
the bid form offers its version as a TKDN source, the bid cites it, and evaluation reads
it. None of them may break on such a version."""

import copy
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify
from pasok.tenders import services as tenders
from pasok.tenders.models import Bid
from pasok.tkdn.services import worksheet_save
from tests.examples import INTERFACES_WORKSHEET

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
OPENING = dt.datetime(2026, 12, 15, 4, 0, tzinfo=dt.UTC)


def imports_marked() -> dict:
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data["materials"][0]["origin"] = "import"
    data["overhead"][1]["category"] = "machine_imported"
    return data


def test_a_version_with_imports_is_offered_cited_and_evaluated(client, cluster):
    organisation_verify(by=SYSTEM, organisation=cluster.supplier_a)
    version = worksheet_save(by=cluster.users["supplier_a"], organisation=cluster.supplier_a,
                             data=imports_marked())
    assert version.tkdn_percent == Decimal("48.18")
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tenders.tender_create(
            by=buyer, buyer=cluster.buyer_x, title="Blok rem 2027",
            bid_deadline=OPENING - dt.timedelta(hours=1), opening_time=OPENING,
            min_tkdn_percent=Decimal(25))
        lot = tenders.lot_add(by=buyer, tender=tender, product="Blok rem", quantity=100,
                              unit_weight_kg=Decimal("11.5"), hps_unit_price=Decimal(130_000))
        tenders.tender_publish(by=buyer, tender=tender)
        client.force_login(cluster.users["supplier_a"])
        url = reverse("tenders:bid", args=[tender.pk, lot.pk])
        form = client.get(url)
        assert form.status_code == 200
        source = f"worksheet_version:{version.pk}"
        assert source in dict(form.context["form"].fields["tkdn_source"].choices)
        receipt = client.post(url, {"unit_price": "118000", "quantity": "100",
                                    "monthly_capacity": "50", "origin": "domestic",
                                    "tkdn_source": source}, follow=True)
        assert receipt.status_code == 200 and Bid.objects.filter(lot=lot).exists()
    # The page the supplier returns to still renders, what-if included.
    page = client.get(reverse("tkdn:worksheet", args=[version.worksheet.public_id]),
                      {"line": "material-0", "percent": "71"})
    assert "80,34%" in page.content.decode()
    with clock.frozen(OPENING):
        tenders.tender_open(by=buyer, tender=tender)
        tenders.tender_evaluate(by=buyer, tender=tender)
        client.force_login(buyer)
        evaluation = client.get(reverse("tenders:evaluation", args=[tender.pk]))
    assert evaluation.status_code == 200
    bid = Bid.objects.select_related("evaluation").get(lot=lot)
    assert bid.evaluation.admissible and bid.evaluation.exclusion is None
    assert Decimal(bid.opened_content["tkdn_percent"]) == Decimal("48.18")
