"""The evaluation page of a tender with 200 opened bids, on PostgreSQL: what one GET costs
through the real view (the buyer's, with the split form and the optimiser's proposal kept),
and how many queries it runs. Target (issue 11): under 300 ms.

The tender is built through the services (200 verified suppliers, each with a TKDN
certificate, bidding on four lots of 50 bids), opened, evaluated and its split proposal
worked out as the task worker would, in its own database (`pasok_bench_evaluation`, or
PASOK_BENCH_EVALUATION_URL whose name contains "bench"), made afresh on every run.

    .venv/bin/python -m bench.tenders.evaluation_bench [--repeat 30] [--record]
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from decimal import Decimal

from bench.suppliers.search_bench import _p95, machine, prepare_database, record, setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pasok_bench_evaluation"
TARGET_MS = 300.0
BIDS, LOTS = 200, 4
T0 = dt.datetime(2027, 1, 4, 2, tzinfo=dt.UTC)
DEADLINE, OPENING = T0 + dt.timedelta(days=10), T0 + dt.timedelta(days=10, hours=1)
SECTION = "## Evaluation page, 200-bid tender (PostgreSQL)"


def build():
    """The buyer and its evaluated tender of BIDS bids over LOTS lots."""
    from django.core.management import call_command

    from pasok import clock
    from pasok.accounts.actors import SYSTEM
    from pasok.accounts.services import organisation_create, organisation_verify, user_create
    from pasok.tenders import services
    from pasok.tenders.split_proposal import work_out
    from pasok.tkdn.services import certificate_record

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production's manifest
    with clock.frozen(T0):
        org = organisation_create(by=SYSTEM, kind="bumn_buyer", name="PT Pembeli (Persero)",
                                  province="DKI Jakarta", regency="Kota Jakarta Pusat")
        buyer = user_create(by=SYSTEM, email="pembeli@bench.pasok.local", full_name="Pembeli",
                            password=None, organisation=org, org_role="admin")
        tender = services.tender_create(by=buyer, buyer=org, title="Blok rem 2027",
                                        bid_deadline=DEADLINE, opening_time=OPENING,
                                        split_award_allowed=True)
        for n in range(LOTS):
            services.lot_add(by=buyer, tender=tender, product=f"Blok rem {n + 1}",
                             quantity=60_000, unit_weight_kg=Decimal("11.5"),
                             hps_unit_price=Decimal(150_000), delivery_schedule=[5000] * 12)
        services.tender_publish(by=buyer, tender=tender)
        lots = list(tender.lots.all())
        for i in range(BIDS):
            supplier = organisation_create(
                by=SYSTEM, kind="supplier", name=f"CV Cor Bench {i:03d}", province="Jawa Tengah",
                regency="Kabupaten Klaten", business_capital=Decimal(500_000_000),
                nib=f"{9_100_000_000_000 + i}")
            person = user_create(by=SYSTEM, email=f"pemasok{i}@bench.pasok.local",
                                 full_name=f"Pemasok {i}", password=None, organisation=supplier,
                                 org_role="admin")
            organisation_verify(by=SYSTEM, organisation=supplier)
            cert = certificate_record(by=SYSTEM, organisation=supplier,
                                      regime="permenperin-35-2025", product="Blok rem",
                                      tkdn_percent=Decimal(40 + i % 20),
                                      bmp_percent=Decimal(5), issued_on=dt.date(2026, 6, 1),
                                      number=f"BENCH/{i:03d}", verifier="PT Sucofindo")
            services.bid_submit(by=person, lot=lots[i % LOTS],
                                unit_price=Decimal(120_000 + 97 * i), quantity=20_000,
                                monthly_capacity=2500, certificate_id=cert.pk, documents={})
    with clock.frozen(OPENING):
        services.tender_open(by=buyer, tender=tender)
        services.tender_evaluate(by=buyer, tender=tender)
    started = time.perf_counter()
    work_out(tender.pk)
    print(f"split proposal worked out in {time.perf_counter() - started:.1f} s")
    return buyer, tender


def measure(buyer, tender, repeat: int) -> tuple[list[float], int, int]:
    """Milliseconds per GET, the queries of one GET, the page's size in bytes."""
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from pasok import clock

    client = Client()
    client.force_login(buyer)
    url = reverse("tenders:evaluation", args=[tender.pk])
    samples = []
    with clock.frozen(OPENING):
        queries = []
        with connection.execute_wrapper(lambda run, sql, *args: (queries.append(sql),
                                                                  run(sql, *args))[1]):
            page = client.get(url, secure=True)
        if page.status_code != 200 or b'id="split-form"' not in page.content:
            raise RuntimeError(f"the evaluation page answered {page.status_code}")
        for _ in range(3):  # warm up
            client.get(url, secure=True)
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url, secure=True)
            samples.append((time.perf_counter() - started) * 1000)
    return samples, len(queries), len(page.content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--record", action="store_true", help="write bench/RESULTS.md")
    parser.add_argument("--profile", action="store_true", help="print where one GET spends")
    args = parser.parse_args(argv)
    url = os.environ.get("PASOK_BENCH_EVALUATION_URL", DEFAULT_URL)
    prepare_database(url, {"evaluation": "fresh"}, regenerate=True)
    setup_django(url)
    buyer, tender = build()
    if args.profile:
        import cProfile

        cProfile.runctx("measure(buyer, tender, 1)", globals(), locals(), sort="tottime")
    samples, queries, size = measure(buyer, tender, args.repeat)
    median, p95 = statistics.median(samples), _p95(samples)
    verdict = "PASS" if median < TARGET_MS else "FAIL"
    text = (f"{SECTION}\n\n`python -m bench.tenders.evaluation_bench --repeat {args.repeat}` · "
            f"{dt.date.today():%Y-%m-%d} · {machine()}\n\n"
            "| bids | lots | median ms | p95 ms | queries | page KB | target |\n"
            "|---:|---:|---:|---:|---:|---:|---|\n"
            f"| {BIDS} | {LOTS} | {median:.1f} | {p95:.1f} | {queries} | {size / 1024:.0f} | "
            f"{verdict} (median < {TARGET_MS:.0f} ms) |\n")
    print(text)
    if args.record:
        record(SECTION, text)
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
