"""The cluster dashboard over the 100,000-supplier registry (bench/suppliers/generate.py)
with a year of orders (bench/insights/generate.py) on PostgreSQL: the whole page
(`pasok.insights.views.dashboard.dashboard` through RequestFactory: form, selectors, charts,
template) as a ministry officer sees it, unfiltered and with each filter, and one chart's
export; then the scenario pages (the list with its jobs table, a new scenario's form, a
computed scenario), the new-markets pages (issue 14: the families ranked, a family's page, a
foundry's next steps) and, apart, the background run of "KAI substitutes half its brake blocks".
Target (issue 13): pages under 500 ms.

Its own database (`dash_bench`, or PASOK_BENCH_DATABASE_URL naming one with "bench"),
created, migrated and filled on the first run, reused while it holds the same data.

    PYTHONPATH=src python -m bench.insights.dashboard_bench [--record]
"""

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time

from ..suppliers.search_bench import (
    _p95,
    _split_url,
    load_registry,
    machine,
    prepare_database,
    record,
    setup_django,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/dash_bench"
TARGET_MS = 500.0
OFFICER_EMAIL = "kemenperin@bench.pasok.local"
FOUNDRY_EMAIL = "pengecoran@bench.pasok.local"
SECTION = "## Cluster dashboard, {count:,} suppliers and a year of orders (PostgreSQL)"


def cases(buyer_id: int) -> list[tuple[str, str, dict]]:
    return [
        ("1", "unfiltered (the last 12 months)", {}),
        ("2", "regency Klaten", {"regency": "Klaten"}),
        ("3", "size class micro", {"size_class": "micro"}),
        ("4", "product family brake blocks", {"family": "brake_block"}),
        ("5", "buyer PT KAI", {"buyer": str(buyer_id)}),
        ("6", "period 2026-06 to 2026-11", {"first": "2026-06", "last": "2026-11"}),
        ("7", "all filters at once", {"regency": "Klaten", "size_class": "micro",
                                      "family": "brake_block", "buyer": str(buyer_id),
                                      "first": "2026-06", "last": "2026-11"}),
        ("8", "export: revenue by buyer as CSV (unfiltered)", {}),
        ("9", "scenarios: the list and its jobs table", {}),
        ("10", "scenarios: a new scenario's form", {}),
        ("11", "scenarios: a computed scenario's page", {}),
        ("12", "new markets: the part families ranked (issue 14)", {}),
        ("13", "new markets: brake drums, who can and who lacks one thing", {}),
        ("14", "new markets: a foundry's own next steps", {}),
    ]


def officer():
    """A ministry officer who may save scenarios (staff of the ministry)."""
    from pasok.accounts.actors import SYSTEM
    from pasok.accounts.models import OrgRole, User
    from pasok.accounts.services import organisation_create, user_create

    User.objects.filter(email=OFFICER_EMAIL).update(org_role=OrgRole.STAFF)
    user = User.objects.filter(email=OFFICER_EMAIL).select_related("organisation").first()
    if user is None:
        org = organisation_create(by=SYSTEM, kind="ministry", name="Kementerian Bench",
                                  province="DKI Jakarta", regency="Kota Jakarta Selatan")
        user = user_create(by=SYSTEM, email=OFFICER_EMAIL, full_name="Pejabat Bench",
                           password=None, organisation=org, org_role=OrgRole.STAFF,
                           platform_role="ministry_officer")
    return user


def foundry_admin():
    """An admin of the registry's first foundry (the opportunity finder's own view)."""
    from pasok.accounts.actors import SYSTEM
    from pasok.accounts.models import Organisation, OrgRole, User
    from pasok.accounts.services import user_create

    found = User.objects.filter(email=FOUNDRY_EMAIL).first()
    if found:
        return found
    foundry = Organisation.objects.filter(kind="supplier").order_by("pk").first()
    return user_create(by=SYSTEM, email=FOUNDRY_EMAIL, full_name="Admin Pengecoran",
                       password=None, organisation=foundry, org_role=OrgRole.ADMIN)


def load_orders(seed: int, wanted: dict) -> None:
    from django.db import connection

    from .generate import generate

    row = None
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM bench_marker WHERE key = 'orders'")
        row = cursor.fetchone()
    if row and (json.loads(row[0]) if isinstance(row[0], str) else row[0]) == wanted:
        print("reusing the year of orders")
        return
    print("generating a year of orders")
    started = time.perf_counter()
    generate(seed)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_marker VALUES ('orders', %s) ON CONFLICT (key) "
                       "DO UPDATE SET value = EXCLUDED.value", [json.dumps(wanted)])
        cursor.execute("VACUUM ANALYZE")
    print(f"generated in {time.perf_counter() - started:.0f} s")


def half_imported(user, kai):
    """The ministry's scenario of KAI importing half its brake blocks, computed once."""
    from pasok.accounts.actors import SYSTEM
    from pasok.insights.models import Scenario
    from pasok.insights.services.scenarios import execute, scenario_save
    from pasok.rules.multipliers import DEFAULT
    from pasok.rules.scenario_json import multipliers_to_dict

    scenario = Scenario.objects.filter(owner=user.organisation, name="KAI separuh").first()
    if scenario is None:
        scenario = scenario_save(
            by=SYSTEM, owner=user.organisation, name="KAI separuh",
            multipliers={**multipliers_to_dict(DEFAULT.multipliers), "source": "bench"},
            changes=[{"kind": "substitute", "buyer": str(kai.pk), "family": "brake_block",
                      "share": "0.5"}])
    started = time.perf_counter()
    execute(scenario.pk)
    return scenario, (time.perf_counter() - started) * 1000


def one(user, key: str, params: dict, scenario) -> float:
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    from pasok.insights.views import dashboard as views
    from pasok.insights.views import opportunities, scenarios

    request = RequestFactory().get("/insights/", params)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    started = time.perf_counter()
    if key == "8":
        response = views.dashboard_export(request, "revenue", "csv")
    elif key == "9":
        response = scenarios.scenario_list(request)
    elif key == "10":
        response = scenarios.scenario_new(request)
    elif key == "11":
        response = scenarios.scenario_detail(request, scenario.public_id)
    elif key == "12":
        response = opportunities.opportunity_list(request)
    elif key == "13":
        response = opportunities.opportunity_detail(request, "brake_drum")
    elif key == "14":
        request.user = one.foundry_user
        response = opportunities.opportunity_list(request)
    else:
        response = views.dashboard(request)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"case {key} answered {response.status_code} for {params}")
    if key == "10":
        one.form_bytes = len(response.content)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    url = os.environ.get("PASOK_BENCH_DATABASE_URL", DEFAULT_URL)
    _split_url(url)
    setup_django(url)
    from ..suppliers.generate import DEFAULT_COUNT, DEFAULT_SEED, GENERATOR_VERSION
    from .generate import CONTRACTS, VERSION

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--record", action="store_true",
                        help="write the results into bench/RESULTS.md")
    args = parser.parse_args(argv)
    wanted = {"count": args.count, "seed": args.seed, "version": GENERATOR_VERSION}
    from django.core.management import call_command

    if prepare_database(url, wanted, False):
        load_registry(args.count, args.seed, wanted)
    else:
        call_command("migrate", verbosity=0)
    load_orders(args.seed, {"seed": args.seed, "version": VERSION, "contracts": CONTRACTS})
    call_command("collectstatic", interactive=False, verbosity=0)  # production's manifest

    from pasok import clock
    from pasok.accounts.models import Organisation

    from ..suppliers.generate import REFERENCE

    user = officer()
    one.foundry_user = foundry_admin()
    kai = Organisation.objects.get(name="PT Kereta Api Indonesia (Persero)", kind="bumn_buyer")
    runs = {key: [] for key, _label, _params in cases(kai.pk)}
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    with clock.frozen(REFERENCE):
        scenario, run_ms = half_imported(user, kai)
        for round_ in range(args.warmup + args.repeat):
            for key, _label, params in cases(kai.pk):
                elapsed = one(user, key, params, scenario)
                if round_ >= args.warmup:
                    runs[key].append(elapsed)
    lines = ["| # | dashboard | median ms | p95 ms |", "|---|---|---:|---:|"]
    for key, label, _params in cases(kai.pk):
        lines.append(f"| {key} | {label} | {statistics.median(runs[key]):.1f} | "
                     f"{_p95(runs[key]):.1f} |")
    text = "\n".join(lines)
    slowest = max(statistics.median(r) for r in runs.values())
    verdict = (f"PASS: every case answers in under {TARGET_MS:.0f} ms median (slowest "
               f"{slowest:.1f} ms)." if slowest < TARGET_MS else
               f"FAIL: the slowest case takes {slowest:.1f} ms median, over {TARGET_MS:.0f} ms.")
    task = (f"The scenario's background run (baseline of every foundry, the rule, the "
            f"outcome): {run_ms:.0f} ms. The new scenario's form weighs "
            f"{one.form_bytes / 1024:,.0f} KiB.")
    print(text, f"\n{verdict}", task, sep="\n")
    if args.record:
        heading = SECTION.format(count=args.count)
        extra = " ".join(a for a in sys.argv[1:] if a != "--record")
        record(heading, "\n".join([
            heading, "",
            f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
            f"- Machine: {machine()}; load average at the start {load_before}",
            f"- Command: `PYTHONPATH=src .venv/bin/python -m bench.insights.dashboard_bench "
            f"{extra}`",
            f"- Data: {args.count:,} supplier-side organisations, seed {args.seed} "
            f"(bench/suppliers/generate.py) and {CONTRACTS:,} framework contracts of 8 buyers "
            f"with a call-off a month for 12 months, each past month delivered, inspected, "
            f"invoiced and (mostly) paid, 3 partnership commitments "
            f"(bench/insights/generate.py); a ministry officer's view, the whole view through "
            f"RequestFactory; {args.repeat} runs per case after {args.warmup} warm-up rounds, "
            f"round robin.", "", text, "", verdict, "", task, ""]))
    return 0 if slowest < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
