"""The allocation engine proposes the split award: least evaluated cost (HEA) within what
each bid offered in all and per month; the award checks it again."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify
from pasok.tenders.models import Award, AwardRule, Status, Tender
from pasok.tenders.services import (
    lot_add,
    tender_award_optimised,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from pasok.tenders.split_proposal import propose_split, work_out
from tests.tenders.test_sealed_bids import DEADLINE, OPENING, T0, _bid, _cert

pytestmark = pytest.mark.django_db


def _tender(cluster, *, schedule, quantity, split=True):
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                           bid_deadline=DEADLINE, opening_time=OPENING,
                           split_award_allowed=split)
    lot_add(by=buyer, tender=tender, product="Blok rem", quantity=quantity,
            unit_weight_kg=Decimal(11), hps_unit_price=Decimal(110_000),
            delivery_schedule=schedule)
    return tender_publish(by=buyer, tender=tender)


def _open_and_evaluate(cluster, tender):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        tender = tender_evaluate(by=buyer, tender=tender)
    if tender.split_award_allowed:
        work_out(tender.pk)  # the optimiser's proposal, as the task worker works it out
    return tender


def test_cheapest_bid_first_up_to_what_it_offered(cluster):
    # 100 units over two months; A is cheaper and offers 60 in all: B makes the other 40.
    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[50, 50], quantity=100)
        a, _ = _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=60)
        b, _ = _bid(cluster, "supplier_b", tender, 101_000, tkdn=45, quantity=70)
    _open_and_evaluate(cluster, tender)
    (proposal,) = propose_split(tender)
    assert proposal.quantities == {a.pk: 60, b.pk: 40}
    assert proposal.short == 0
    assert "share" in proposal.bound_by[a.pk]  # held by what it offered


def test_award_in_one_step(cluster):
    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[], quantity=100)
        a, _ = _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=60)
        b, _ = _bid(cluster, "supplier_b", tender, 101_000, tkdn=45, quantity=70)
    _open_and_evaluate(cluster, tender)
    with clock.frozen(OPENING):
        tender_award_optimised(by=cluster.users["buyer_x"], tender=tender)
    shares = dict(Award.objects.values_list("bid_id", "quantity"))
    assert shares == {a.pk: 60, b.pk: 40}
    assert set(Award.objects.values_list("rule", flat=True)) == {AwardRule.OPTIMISED}
    assert Tender.objects.get(pk=tender.pk).status == Status.AWARDED


def test_bids_that_cannot_cover_the_lot_are_not_awarded(cluster):
    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[], quantity=100)
        _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=30)
        _bid(cluster, "supplier_b", tender, 101_000, tkdn=45, quantity=40)
    _open_and_evaluate(cluster, tender)
    with clock.frozen(OPENING), pytest.raises(ValidationError) as exc:
        tender_award_optimised(by=cluster.users["buyer_x"], tender=tender)
    assert "30" in " ".join(exc.value.messages)  # 100 − 70 short
    assert Tender.objects.get(pk=tender.pk).status == Status.EVALUATED


def test_only_where_split_awards_are_allowed(cluster):
    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[], quantity=100, split=False)
        _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=100)
    _open_and_evaluate(cluster, tender)
    with clock.frozen(OPENING), pytest.raises(ValidationError):
        tender_award_optimised(by=cluster.users["buyer_x"], tender=tender)


def test_evaluation_page_prefills_the_proposal_and_awards_it(cluster, client):
    from django.urls import reverse

    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[], quantity=100)
        a, _ = _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=60)
        b, _ = _bid(cluster, "supplier_b", tender, 101_000, tkdn=45, quantity=70)
    _open_and_evaluate(cluster, tender)
    client.force_login(cluster.users["buyer_x"])
    with clock.frozen(OPENING):
        page = client.get(reverse("tenders:evaluation", args=[tender.pk])).content.decode()
        assert f'name="share-{a.public_id}" value="60"' in page
        assert f'name="share-{b.public_id}" value="40"' in page
        assert "ditahan oleh: jumlah yang ditawarkan" in page
        response = client.post(reverse("tenders:award-optimised", args=[tender.pk]),
                               {"confirm": "1"})
    assert response.status_code == 302
    assert Tender.objects.get(pk=tender.pk).status == Status.AWARDED


def test_monthly_capacity_offered_holds_a_bid(cluster):
    from pasok.tenders.services import bid_submit

    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[50, 50], quantity=100)
        lot = tender.lots.get()
        bids = {}
        for role, price, monthly in (("supplier_a", 100_000, 30), ("supplier_b", 101_000, 80)):
            org = cluster.users[role].organisation
            cert = _cert(cluster, org, 45)
            bids[role], _ = bid_submit(by=cluster.users[role], lot=lot,
                                       unit_price=Decimal(price), quantity=100,
                                       monthly_capacity=monthly, certificate_id=cert.pk,
                                       documents={})
    _open_and_evaluate(cluster, tender)
    (proposal,) = propose_split(tender)
    a, b = bids["supplier_a"].pk, bids["supplier_b"].pk
    assert proposal.quantities == {a: 60, b: 40}  # A: 30 a month, its monthly capacity
    assert proposal.bound_by[a] == ["capacity"]
    assert proposal.bound_by[b] == ["cost"]


def test_the_optimiser_runs_in_the_background_never_in_a_request_nor_under_a_lock(
        cluster, client, monkeypatch, django_capture_on_commit_callbacks):
    """Evaluation queues the proposal; pages and the award only read what the task kept."""
    from django.db import connection
    from django.urls import reverse

    from pasok.tenders import split_proposal
    from pasok.tenders.models import ProposalStatus, SplitProposal

    calls = []  # the transactions open around each engine run (HiGHS), beyond the test's
    depth = len(connection.atomic_blocks)
    real = split_proposal.allocate
    monkeypatch.setattr(split_proposal, "allocate", lambda *args, **kwargs: (
        calls.append(len(connection.atomic_blocks) - depth), real(*args, **kwargs))[1])
    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[], quantity=100)
        a, _ = _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=60)
        _bid(cluster, "supplier_b", tender, 101_000, tkdn=45, quantity=70)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING), django_capture_on_commit_callbacks() as queued:
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
    assert len(queued) == 1 and SplitProposal.objects.get().status == ProposalStatus.QUEUED
    client.force_login(buyer)
    page_url = reverse("tenders:evaluation", args=[tender.pk])
    progress_url = reverse("tenders:split-proposal", args=[tender.pk])
    with clock.frozen(OPENING):
        page = client.get(page_url).content.decode()
        assert 'id="progress"' in page and "award-optimised" not in page
        assert client.get(progress_url).json() == {
            "status": "queued", "label": "Masuk antrean", "elapsed": 0, "finished": False}
        client.post(reverse("tenders:award-optimised", args=[tender.pk]), {"confirm": "1"})
        assert Tender.objects.get(pk=tender.pk).status == Status.EVALUATED
    assert calls == []
    with clock.frozen(OPENING):
        queued[0]()  # the worker: ImmediateBackend runs the task here
    assert calls == [0]  # no transaction, so no row lock, around the engine
    solved = len(calls)
    with clock.frozen(OPENING):
        assert client.get(progress_url).json()["finished"] is True
        page = client.get(page_url).content.decode()
        assert f'name="share-{a.public_id}" value="60"' in page and 'id="progress"' not in page
        client.post(reverse("tenders:award-optimised", args=[tender.pk]), {"confirm": "1"})
    assert Tender.objects.get(pk=tender.pk).status == Status.AWARDED
    assert len(calls) == solved


def test_the_evaluation_page_asks_the_same_queries_however_many_bids(cluster, client):
    """Query count guard: a lot more, or bids more, add no query (N+1 would)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from pasok.tenders.services import bid_submit

    def queries(lots: int) -> int:
        buyer = cluster.users["buyer_x"]
        with clock.frozen(T0):
            tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                                   bid_deadline=DEADLINE, opening_time=OPENING,
                                   split_award_allowed=True)
            for n in range(lots):
                lot_add(by=buyer, tender=tender, product=f"Blok {n}", quantity=100,
                        unit_weight_kg=Decimal(11), hps_unit_price=Decimal(110_000))
            tender_publish(by=buyer, tender=tender)
            for lot in tender.lots.all():
                for role in ("supplier_a", "supplier_b"):
                    org = cluster.users[role].organisation
                    bid_submit(by=cluster.users[role], lot=lot, unit_price=Decimal(100_000),
                               quantity=60, monthly_capacity=60,
                               certificate_id=_cert(cluster, org, 45).pk, documents={})
        _open_and_evaluate(cluster, tender)
        client.force_login(buyer)
        with clock.frozen(OPENING), CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("tenders:evaluation", args=[tender.pk])).status_code == 200
        return len(captured.captured_queries)

    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    assert queries(lots=1) == queries(lots=3) <= 25


def test_pages_and_the_award_do_not_load_the_engine():
    """HiGHS loads in the task worker only (tasks.propose_split): a web worker's first
    evaluation page took 6.9 s importing it (bench/RESULTS.md, load test). The pages and the
    award read the kept proposal through tenders.proposals, which imports no engine."""
    from pathlib import Path

    import pasok.tenders

    package = Path(pasok.tenders.__file__).parent
    importers = sorted(p.name for p in package.rglob("*.py")
                       if "split_proposal import" in p.read_text() or
                       "import split_proposal" in p.read_text())
    assert importers == ["tasks.py"]
    assert "planning" not in (package / "proposals.py").read_text()
