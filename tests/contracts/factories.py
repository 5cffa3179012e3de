"""Contract rows for the permission matrix (tests/web/test_permission_matrix.py)."""

import datetime as dt
from decimal import Decimal

from pasok import clock
from pasok.contracts import services
from pasok.contracts.models import ContractKind

from .conftest import JAN, SIGNED_AT, accepted_call_off, brake_block_terms, signed_contract


def matrix_args(cluster, arg: str) -> list:
    """"contract": buyer X's framework contract with supplier A, signed; "contract_unsigned":
    one signed by no one; "call_off": an order under the signed one, not yet answered;
    "call_off_accepted": one accepted; "commitment": buyer X's commitment to the
    cooperative."""
    if arg == "contract_unsigned":
        with clock.frozen(SIGNED_AT):
            contract = services.contract_create(
                by=cluster.users["buyer_x"], buyer=cluster.buyer_x, supplier=cluster.supplier_a,
                title="Blok rem", kind=ContractKind.FRAMEWORK, terms=brake_block_terms())
        return [contract.public_id]
    if arg == "commitment":
        commitment = services.commitment_sign(
            by=cluster.users["buyer_x"], buyer=cluster.buyer_x, partners=[cluster.cooperative],
            family="brake_block", starts_on=JAN, ends_on=dt.date(2029, 12, 31),
            share_percent=Decimal(30))
        return [commitment.public_id]
    contract = signed_contract(cluster)
    if arg == "contract":
        return [contract.public_id]
    if arg == "contract_doc":
        from tests.tenders.files import nib_pdf

        document = services.contract_document_add(
            by=cluster.users["buyer_x"], contract=contract, title="Kontrak bertanda tangan",
            upload=nib_pdf("KTR"))
        return [contract.public_id, document.public_id]
    if arg == "call_off_accepted":
        return [accepted_call_off(cluster, contract).public_id]
    with clock.frozen(dt.datetime.combine(JAN, dt.time(2), tzinfo=dt.UTC)):
        call_off = services.call_off_issue(by=cluster.users["buyer_x"],
                                           item=contract.items.get(), month=JAN, quantity=100)
    return [call_off.public_id]


# Builders for tests/web/test_query_counts.py: n rows, and the page that lists them.

def contract_list_rows(cluster, n: int):
    from django.urls import reverse

    from tests.web.test_query_counts import Page

    contracts = [signed_contract(cluster) for _ in range(n)]
    return Page("buyer_x", reverse("contracts:list"), contracts[0].reference)


def contract_page_rows(cluster, n: int):
    """A contract with n call-off orders."""
    from django.urls import reverse

    from tests.web.test_query_counts import Page

    contract = signed_contract(cluster)
    call_offs = [accepted_call_off(cluster, contract, quantity=1) for _ in range(n)]
    return Page("buyer_x", reverse("contracts:detail", args=[contract.public_id]),
                call_offs[-1].reference)


def call_off_page_rows(cluster, n: int):
    """A call-off with n deliveries."""
    from django.urls import reverse

    from tests.web.test_query_counts import Page

    from .conftest import delivered

    call_off = accepted_call_off(cluster, signed_contract(cluster), quantity=n)
    for i in range(n):
        delivered(cluster, call_off, 1, dt.date(2027, 1, 10), note=f"SJ-{n}-{i}")
    return Page("supplier_a", reverse("contracts:call_off", args=[call_off.public_id]),
                f"SJ-{n}-{n - 1}", at=dt.datetime(2027, 1, 20, tzinfo=dt.UTC))


def commitment_list_rows(cluster, n: int):
    from django.urls import reverse

    from tests.web.test_query_counts import Page

    for i in range(n):
        services.commitment_sign(
            by=cluster.users["buyer_x"], buyer=cluster.buyer_x,
            partners=[cluster.cooperative, cluster.supplier_a], family="brake_block",
            starts_on=JAN, ends_on=dt.date(2029, 12, 31), units_per_year=1000 + i)
    return Page("cooperative", reverse("contracts:commitments"), f"{1000 + n - 1:,}".replace(
        ",", "."))


def partner_names_rows(cluster, n: int):
    """n foundries whose names contain "Mitra Saran", and the names a buyer's commitment
    form suggests for it."""
    from django.urls import reverse

    from pasok.accounts.actors import SYSTEM
    from pasok.accounts.services import organisation_create
    from tests.conftest import make_nib
    from tests.web.test_query_counts import Page

    for i in range(n):
        organisation_create(by=SYSTEM, kind="supplier", name=f"Mitra Saran {n}-{i:02}",
                            nib=make_nib(700 + 100 * n + i), province="Jawa Tengah",
                            regency="Klaten")
    return Page("buyer_x", reverse("contracts:partner-names") + "?q=saran",
                f"Mitra Saran {n}-{n - 1:02}")
