"""Capability search over a generated national registry (default 100,000 suppliers) on
PostgreSQL: what one results page costs, through the real selector.

Each measurement does what `pasok.suppliers.views.search` does for page 1: call
`selectors.search_suppliers`, count the matches (`Paginator(qs, 20).count`), then fetch the
first 20 with their grades and processes prefetched. The target (issue text): a typical
filtered query answers in under 150 ms median.

The data live in their own database (`pasok_bench` unless PASOK_BENCH_DATABASE_URL names
another one whose name contains "bench"); it is created, migrated and filled on the first
run, and reused while it holds the same count, seed and generator version.

`--explain` prints the plans.
"""

import argparse
import base64
import datetime as dt
import json
import os
import platform
import re
import secrets
import statistics
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pasok_bench"
TARGET_MS = 150.0
PAGE_SIZE = 20  # pasok.suppliers.views.PAGE_SIZE
BUYER_EMAIL = "pembeli@bench.pasok.local"
RESULTS = Path(__file__).resolve().parent.parent / "RESULTS.md"
SECTION = "## Capability search, {count:,} suppliers (PostgreSQL)"


# --- The database -----------------------------------------------------------------------------

def _split_url(url: str) -> tuple[str, str]:
    """('postgres://…:5432', 'pasok_bench') from a database URL."""
    base, _sep, name = url.rstrip("/").rpartition("/")
    name = name.split("?")[0]
    if "bench" not in name:
        raise SystemExit(f"refusing to use database {name!r}: the benchmark drops and refills "
                         "its database, so its name must contain 'bench'")
    return base, name


def prepare_database(url: str, wanted: dict, regenerate: bool) -> bool:
    """Make sure the bench database exists. When it holds another registry than `wanted` (or
    `regenerate`), drop and recreate it. True when the registry must be generated."""
    import psycopg
    from psycopg import sql

    base, name = _split_url(url)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                               [name]).fetchone() is not None
        stored = None
        if exists:
            with psycopg.connect(f"{base}/{name}") as conn:
                if conn.execute("SELECT to_regclass('bench_marker')").fetchone()[0]:
                    row = conn.execute("SELECT value FROM bench_marker WHERE key = 'suppliers'"
                                       ).fetchone()
                    stored = row[0] if row else None
        if exists and (regenerate or stored != wanted):
            print(f"dropping database {name} (holds {stored or 'no complete registry'})")
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = False
        if not exists:
            print(f"creating database {name}")
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


def setup_django(url: str) -> None:
    # Forced, not defaulted: this script drops its database, so it must never follow a
    # DATABASE_URL meant for something else (the test database, a real one).
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasok.settings")
    # Production settings: DEBUG would also log every query (and every bulk insert).
    os.environ.setdefault("PASOK_DEBUG", "0")
    # Production refuses weak or missing keys: the benchmark's own, used once.
    os.environ.setdefault("PASOK_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("PASOK_BID_KEYS", base64.urlsafe_b64encode(os.urandom(32)).decode())
    import django

    django.setup()


def load_registry(count: int, seed: int, wanted: dict) -> None:
    from django.core.management import call_command
    from django.db import connection

    from .generate import generate

    print(f"generating {count:,} suppliers (seed {seed})")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    generate(count=count, seed=seed)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_marker (key text PRIMARY KEY, "
                       "value jsonb NOT NULL)")
        cursor.execute("INSERT INTO bench_marker VALUES ('suppliers', %s) ON CONFLICT (key) "
                       "DO UPDATE SET value = EXCLUDED.value", [json.dumps(wanted)])
    print(f"generated in {time.perf_counter() - started:.0f} s")


def buyer():
    """A BUMN buyer's viewer, made through the services."""
    from pasok.accounts.actors import SYSTEM
    from pasok.accounts.models import User
    from pasok.accounts.services import organisation_create, user_create

    user = User.objects.filter(email=BUYER_EMAIL).select_related("organisation").first()
    if user is None:
        org = organisation_create(by=SYSTEM, kind="bumn_buyer", name="PT Pembeli Bench (Persero)",
                                  province="DKI Jakarta", regency="Kota Jakarta Pusat")
        user = user_create(by=SYSTEM, email=BUYER_EMAIL, full_name="Pembeli Bench",
                           password=None, organisation=org)
    return user


# --- The queries --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    key: str
    label: str
    criteria: dict  # SearchCriteria fields
    params: dict  # the same search as the search page's query string
    typical: bool = True  # counts against the 150 ms target


CASES = (
    Case("1", "text “FCD450, 20–60 kg, Klaten”", {"text": "FCD450, 20–60 kg, Klaten"},
         {"q": "FCD450, 20–60 kg, Klaten"}),
    Case("2", "FC200 + free ≥ 20 t + Jawa Tengah + verified",
         {"grades": ["FC200"], "free_capacity_kg": 20_000, "province": "Jawa Tengah",
          "verified_only": True},
         {"grade": "FC200", "free_capacity": "20000", "province": "Jawa Tengah",
          "verified": "on"}),
    Case("3", "green sand + machining, 5–50 kg",
         {"processes": ["green_sand", "machining"], "weight_min": Decimal(5),
          "weight_max": Decimal(50)},
         {"process": ["green_sand", "machining"], "weight_min": "5", "weight_max": "50"}),
    Case("4", "ISO 9001 + small/medium",
         {"certificate": "iso9001", "size_classes": ["small", "medium"]},
         {"certificate": "iso9001", "size": ["small", "medium"]}),
    Case("5", "text “blok rem”", {"text": "blok rem"}, {"q": "blok rem"}),
    Case("6", "no filters (everything)", {}, {"q": ""}, typical=False),
)


def one_page(user, case: Case) -> tuple[int, int, float, float]:
    """What the search view does for page 1: (matches, rows, count ms, page ms)."""
    from django.core.paginator import Paginator

    from pasok.suppliers.selectors import SearchCriteria, search_suppliers

    started = time.perf_counter()
    results = search_suppliers(user=user, criteria=SearchCriteria(**case.criteria))
    paginator = Paginator(results, PAGE_SIZE)
    matches = paginator.count
    counted = time.perf_counter()
    page = paginator.get_page(1)
    rows = list(page.object_list.prefetch_related("profile__grades", "profile__processes"))
    for org in rows:  # what the results list shows (suppliers/search.html)
        _shown = (org.name, org.regency, org.size_class, org.verified_at,
                  org.profile.weight_min_kg, org.free_kg,
                  [g.code for g in org.profile.grades.all()],
                  [p.code for p in org.profile.processes.all()])
    done = time.perf_counter()
    return matches, len(rows), (counted - started) * 1000, (done - counted) * 1000


def whole_view(user, case: Case) -> float:
    """The search page itself (form, selector, paginator, template), in ms."""
    from django.test import RequestFactory

    from pasok.suppliers import views

    request = RequestFactory().get("/suppliers/search/", case.params)
    request.user = user
    started = time.perf_counter()
    response = views.search(request)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"search page answered {response.status_code} for {case.params}")
    return elapsed


def check_cases() -> None:
    """The page's form must read each query string as the criteria measured directly."""
    from django.http import QueryDict

    from pasok.suppliers.forms import SearchForm
    from pasok.suppliers.selectors import SearchCriteria

    for case in CASES:
        query = QueryDict(mutable=True)
        for name, value in case.params.items():
            query.setlist(name, value if isinstance(value, list) else [value])
        form = SearchForm(query)
        if not form.is_valid() or form.criteria() != SearchCriteria(**case.criteria):
            raise RuntimeError(f"case {case.key}: the page reads {case.params} differently")


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


@dataclass
class Result:
    case: Case
    matches: int
    total: list[float]
    count: list[float]
    page: list[float]
    view: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.total)

    @property
    def passed(self) -> bool:
        return self.median < TARGET_MS


def measure(user, repeat: int, warmup: int) -> list[Result]:
    from pasok import clock

    from .generate import REFERENCE

    results = {c.key: Result(c, 0, [], [], [], []) for c in CASES}
    with clock.frozen(REFERENCE):  # free capacity is of the month after the data's date
        _rounds(user, results, repeat, warmup)
    return list(results.values())


def _rounds(user, results: dict, repeat: int, warmup: int) -> None:
    for _ in range(warmup):
        for case in CASES:
            results[case.key].matches = one_page(user, case)[0]
            whole_view(user, case)
    for _ in range(repeat):  # round robin, as a mix of buyers would ask
        for case in CASES:
            _matches, _rows, count_ms, page_ms = one_page(user, case)
            result = results[case.key]
            result.count.append(count_ms)
            result.page.append(page_ms)
            result.total.append(count_ms + page_ms)
            result.view.append(whole_view(user, case))


def table(results: list[Result]) -> str:
    lines = ["| # | query | matches | median ms | p95 ms | count ms (median) "
             "| page ms (median) | whole page ms (median) | target |",
             "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        verdict = ("PASS" if r.passed else "FAIL") if r.case.typical else "(not targeted)"
        lines.append(f"| {r.case.key} | {r.case.label} | {r.matches:,} | {r.median:.1f} | "
                     f"{_p95(r.total):.1f} | {statistics.median(r.count):.1f} | "
                     f"{statistics.median(r.page):.1f} | {statistics.median(r.view):.1f} | "
                     f"{verdict} |")
    typical = [r for r in results if r.case.typical]
    pooled = [ms for r in typical for ms in r.total]
    views = [ms for r in typical for ms in r.view]
    lines.append(f"|   | **typical (1–5), all samples** | | **{statistics.median(pooled):.1f}** "
                 f"| **{_p95(pooled):.1f}** | | | {statistics.median(views):.1f} | |")
    return "\n".join(lines)


def explain(user) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of every query one page of each case runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pasok import clock

    from .generate import REFERENCE

    for case in CASES:
        with CaptureQueriesContext(connection) as captured, clock.frozen(REFERENCE):
            one_page(user, case)
        for query in captured.captured_queries:
            print(f"\n=== {case.key} {case.label}: {query['time']} s\n{query['sql']}\n")
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n".join(row[0] for row in cursor.fetchall()))


# --- The record -----------------------------------------------------------------------------

def machine() -> str:
    from django.db import connection

    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        kb = int(re.search(r"MemTotal:\s+(\d+)", info.read())[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        buffers = cursor.fetchone()[0]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({cpu}), {kb / 1024 / 1024:.0f} GiB RAM, "
            f"PostgreSQL {server} (shared_buffers {buffers}, over TCP on 127.0.0.1), "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
            f"load average at the end {load}")


def record(heading: str, text: str) -> None:
    """Put `text` in RESULTS.md as the section `heading`, replacing the old one."""
    old = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    new = (pattern.sub(lambda _m: text, old) if pattern.search(old)
           else old.rstrip("\n") + "\n\n" + text)
    RESULTS.write_text(new)
    print(f"recorded in {RESULTS}")


# --- Entry point ----------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    url = os.environ.get("PASOK_BENCH_DATABASE_URL", DEFAULT_URL)
    _split_url(url)  # refuse a database that is not a bench one before anything else
    setup_django(url)  # no connection yet: the database may not exist
    from .generate import DEFAULT_COUNT, DEFAULT_SEED, GENERATOR_VERSION

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--regenerate", action="store_true",
                        help="drop and refill the bench database even if it is current")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--explain", action="store_true",
                        help="print EXPLAIN (ANALYZE, BUFFERS) of every query of each case")
    parser.add_argument("--record", action="store_true",
                        help="write the results into bench/RESULTS.md")
    args = parser.parse_args(argv)
    if args.repeat < 2:
        parser.error("--repeat must be at least 2")

    wanted = {"count": args.count, "seed": args.seed, "version": GENERATOR_VERSION}
    fill = prepare_database(url, wanted, args.regenerate)
    from django.core.management import call_command
    from django.db import connection

    if fill:
        load_registry(args.count, args.seed, wanted)
    else:
        call_command("migrate", verbosity=0)  # picks up new indexes
        print(f"reusing {args.count:,} suppliers (seed {args.seed}) in {_split_url(url)[1]}")
    with connection.cursor() as cursor:
        # After a load, VACUUM too: it sets the visibility map (index-only scans), as
        # autovacuum would have on a live database.
        cursor.execute("VACUUM ANALYZE" if fill else "ANALYZE")
    user = buyer()
    check_cases()

    results = measure(user, args.repeat, args.warmup)
    text = table(results)
    print(f"\nCapability search, {args.count:,} suppliers, {args.repeat} runs each "
          f"after {args.warmup} warm-up rounds; target: median < {TARGET_MS:.0f} ms for 1–5\n")
    print(text)
    typical = [r for r in results if r.case.typical]
    failed = [f"#{r.case.key} {r.median:.0f} ms" for r in typical if not r.passed]
    slowest = max(typical, key=lambda r: r.median)
    verdict = (f"PASS: every typical filtered query (1–5) answers page 1 in under "
               f"{TARGET_MS:.0f} ms median (slowest #{slowest.case.key}, "
               f"{slowest.median:.1f} ms)." if not failed else
               f"FAIL: {', '.join(failed)} median, over the {TARGET_MS:.0f} ms target.")
    print(f"\n{verdict}")
    if args.explain:
        explain(user)
    if args.record:
        extra = " ".join(a for a in sys.argv[1:] if a != "--record")
        command = (f".venv/bin/python bench/run.py {extra}" if extra
                   else "make bench  # = .venv/bin/python bench/run.py")
        heading = SECTION.format(count=args.count)
        record(heading, "\n".join([
            heading, "",
            f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
            f"- Machine: {machine()}",
            f"- Command: `{command}`",
            f"- Data: {args.count:,} supplier-side organisations, seed {args.seed} "
            f"(bench/suppliers/generate.py); buyer's view; {args.repeat} runs per query after "
            f"{args.warmup} warm-up rounds, round robin. \"median/p95 ms\" = selector + "
            f"`Paginator(qs, 20).count` + page 1 with grades and processes prefetched, as "
            f"the search view does (what the target is judged on); \"whole page\" = the "
            f"search view itself through RequestFactory (form, query, template; no "
            f"middleware), measured alongside.",
            "", text, "", f"**Verdict:** {verdict}", "",
        ]))
    return 1 if failed else 0
