"""Every valid worksheet, once saved, reads back: its page, the what-if of every line, the
PDF and the advice all answer (issue 9: a worksheet with an imported material saved fine,
then its page and PDF answered 500)."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from pasok.rules.tkdn import FACTORS, HUNDRED, compute
from pasok.rules.tkdn_advice import shortfalls
from pasok.rules.tkdn_json import worksheet_from_dict
from pasok.tkdn.services import worksheet_save
from pasok.web.numbers import INDONESIAN, input_text
from tests.worksheet_strategies import worksheet_data

pytestmark = pytest.mark.django_db

LIST_KEYS = {"material": "materials", "labour": "labour", "overhead": "overhead"}


@pytest.fixture
def supplier(client, cluster):
    client.force_login(cluster.users["supplier_a"])
    return client


# The fixtures are set up once for all examples, which is what this test wants: the cluster
# and the logged-in client are only read, and every example saves and reads its own new
# worksheet, so nothing an example does changes what another one sees.
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(data=worksheet_data(most=2),
       percent=st.decimals(min_value=0, max_value=100, places=2))
def test_a_saved_worksheet_always_renders(supplier, cluster, data, percent):
    version = worksheet_save(by=cluster.users["supplier_a"], organisation=cluster.supplier_a,
                             data=data)
    page_url = reverse("tkdn:worksheet", args=[version.worksheet.public_id])
    page = supplier.get(page_url)
    assert page.status_code == 200

    sheet = worksheet_from_dict(version.data)
    typed = input_text(percent, INDONESIAN)  # as a person types it on the Indonesian page
    for factor in FACTORS:
        for i in range(len(sheet.lines(factor))):
            what_if = supplier.get(page_url, {"line": f"{factor}-{i}", "percent": typed})
            assert what_if.status_code == 200
            offered = f'value="{factor}-{i}"' in page.content.decode()
            assert offered == (b'id="what-if-answer"' in what_if.content)

    pdf = supplier.get(reverse("tkdn:worksheet-pdf", args=[version.worksheet.public_id]))
    assert pdf.status_code == 200
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) >= 1

    tkdn = compute(sheet).tkdn_percent
    gap = sum((s.points for s in shortfalls(sheet)), Decimal(0))
    assert abs(gap - (HUNDRED - tkdn)) <= Decimal("1e-18")
