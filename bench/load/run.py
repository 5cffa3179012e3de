"""The load test (issue 10): `pasok serve` on loopback against PostgreSQL with national-size
data, driven by locust (bench/load/locustfile.py). Not part of `make test`.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python -m bench.load.run A B C [--record]

A: 50 signed-in users, 1 s think time, the journey mix: target p95 ≤ 300 ms, no errors.
B: the same mix without think time, users ramped up: target ≥ 100 requests/s.
C: 200 suppliers bid in the last minute before a deadline (20 replace their bid): every bid
   accepted before the deadline and refused after it, as the database shows afterwards.

The data live in their own database (`pasok_bench_load`, or PASOK_BENCH_DATABASE_URL whose
name contains "bench"), made on the first run (bench/load/data.py; several minutes) and
reused while generator versions and bid keys match. The keys are the run's own, strong,
kept in var/bench-load/keys.json (the bids in the database are sealed with them).
"""

import argparse
import base64
import csv
import datetime as dt
import hashlib
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load import data  # noqa: E402
from bench.suppliers import search_bench  # noqa: E402

# bench.suppliers.generate reads the models: imported once Django is set up.

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pasok_bench_load"
VAR = ROOT / "var" / "bench-load"
RESULTS = ROOT / "bench" / "RESULTS.md"
BIN = Path(sys.executable).parent
P95_TARGET_MS = 300
RPS_TARGET = 100
# Scenario C's tender closes this many seconds after the start: its 200 suppliers sign in
# first (a password hash each, ~100 s of CPU together), then bid in the last minute.
LEAD_C = 330


def keys() -> dict:
    """The run's own production keys, made once and kept beside the data they sealed."""
    path = VAR / "keys.json"
    if not path.exists():
        VAR.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({
            "PASOK_SECRET_KEY": secrets.token_urlsafe(50),
            "PASOK_BID_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode()}))
        path.chmod(0o600)
    return json.loads(path.read_text())


def environment(url: str, port: int) -> dict:
    env = dict(os.environ, **keys())
    env.update({"DATABASE_URL": url, "PASOK_DEBUG": "0", "PASOK_VAR_DIR": str(VAR),
                "PASOK_ALLOWED_HOSTS": "127.0.0.1", "PASOK_LOG_LEVEL": "WARNING",
                "PASOK_BASE_URL": f"https://127.0.0.1:{port}/",
                "DJANGO_SETTINGS_MODULE": "pasok.settings"})
    return env


def registry() -> dict:
    """The supplier registry's count, seed and generator version (Django set up first)."""
    from bench.suppliers import generate

    return {"count": generate.DEFAULT_COUNT, "seed": generate.DEFAULT_SEED,
            "version": generate.GENERATOR_VERSION}


def prepare(url: str, regenerate: bool) -> None:
    os.environ.update(environment(url, 0))
    search_bench.setup_django(url)
    fingerprint = hashlib.sha256(keys()["PASOK_BID_KEYS"].encode()).hexdigest()[:16]
    wanted = registry() | {"load": data.LOAD_VERSION, "bid_keys": fingerprint}
    if search_bench.prepare_database(url, wanted, regenerate):
        from django.core.management import call_command
        from django.db import connection

        started = time.monotonic()
        call_command("migrate", verbosity=0)
        data.fill()
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE IF NOT EXISTS bench_marker (key text PRIMARY KEY, "
                           "value jsonb NOT NULL)")
            cursor.execute("INSERT INTO bench_marker VALUES ('suppliers', %s) ON CONFLICT "
                           "(key) DO UPDATE SET value = EXCLUDED.value", [json.dumps(wanted)])
        connection.cursor().execute("VACUUM ANALYZE")
        print(f"data made in {time.monotonic() - started:.0f} s")


def targets(last_minute: dict | None = None) -> dict:
    """What the journeys need to know of the data: logins, tenders, plans."""
    from pasok import clock
    from pasok.accounts.models import Organisation, User
    from pasok.allocation.models import Plan, PlanRun
    from pasok.demo.logins import DEMO_DOMAIN, DEMO_PASSWORD
    from pasok.tenders.models import Tender

    now = clock.now()
    # The near tenders close an hour from now, whenever the run is.
    near = Tender.objects.filter(reference__startswith=data.NEAR_PREFIX)
    near.update(bid_deadline=now + dt.timedelta(hours=1),
                opening_time=now + dt.timedelta(hours=3))
    buyers = []
    for user in User.objects.filter(email__startswith="buyer-",
                                    email__endswith=data.DOMAIN).order_by("pk"):
        own = Tender.objects.filter(buyer_id=user.organisation_id)
        buyers.append({"email": user.email,
                       "tenders": list(own.values_list("pk", flat=True)[:200]),
                       "evaluated": list(own.filter(evaluated_at__isnull=False)
                                         .values_list("pk", flat=True))})
    planner = User.objects.get(email=f"koperasi@{DEMO_DOMAIN}")
    plans = Plan.objects.filter(cooperative_id=planner.organisation_id)
    return {
        "password": data.PASSWORD,
        "buyers": buyers,
        "supplier_emails": list(User.objects.filter(email__startswith="supplier-",
                                                    email__endswith=data.DOMAIN)
                                .order_by("pk").values_list("email", flat=True)[200:]),
        "published": list(Tender.objects.filter(published_at__isnull=False)
                          .order_by("?").values_list("pk", flat=True)[:500]),
        "near": [{"tender": t.pk, "lots": [{"pk": lot.pk, "quantity": lot.quantity}
                                           for lot in t.lots.all()]}
                 for t in near.prefetch_related("lots")],
        "suppliers": list(Organisation.objects.filter(kind="supplier").order_by("?")
                          .values_list("pk", flat=True)[:500]),
        "searches": [case.params for case in search_bench.CASES if case.typical],
        "planner": {"email": planner.email, "password": DEMO_PASSWORD,
                    # Plans go by their public id in URLs.
                    "plans": [str(p) for p in plans.values_list("public_id", flat=True)],
                    "runs": [(str(plan), number) for plan, number in PlanRun.objects
                             .filter(plan__in=plans).values_list("plan__public_id", "number")]},
        "last_minute": last_minute,
    }


# --- The server ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`pasok serve` in its own process group, its log in var/bench-load/serve.log."""

    def __init__(self, url: str, port: int, workers: int | None):
        self.port, self.url = port, url
        command = [str(BIN / "pasok"), "serve", "--bind", f"127.0.0.1:{port}", "--no-worker"]
        if workers:
            command += ["--workers", str(workers)]
        self.log = (VAR / "serve.log").open("a")
        self.process = subprocess.Popen(command, env=environment(url, port), cwd=ROOT,  # noqa: S603
                                        stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def wait(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"pasok serve exited ({self.process.returncode}); "
                                 f"see {self.log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz",
                                            timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(1)
        raise SystemExit("pasok serve did not answer /healthz")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


# --- Locust -------------------------------------------------------------------------------------

def locust(port: int, name: str, classes: list[str], users: int, rate: float, seconds: int,
           think: float, target_file: Path, out: Path) -> Path:
    prefix = VAR / f"locust-{name}"
    env = dict(os.environ, PASOK_LOAD_TARGETS=str(target_file), PASOK_LOAD_THINK=str(think),
               PASOK_LOAD_OUT=str(out), PASOK_LOAD_RESET="0" if name == "C" else "1")
    command = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"),
               "--headless", "--host", f"http://127.0.0.1:{port}", "-u", str(users),
               "-r", str(rate), "-t", f"{seconds}s", "--csv", str(prefix), "--only-summary",
               "--stop-timeout", "10", *classes]
    with (VAR / f"locust-{name}.log").open("w") as log:
        subprocess.run(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                       check=False)
    return prefix


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def stats_table(rows: list[dict]) -> str:
    lines = ["| request | count | errors | median ms | p95 ms | p99 ms | max ms | req/s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "**all**" if row["Name"] == "Aggregated" else row["Name"]
        lines.append(f"| {name} | {int(row['Request Count']):,} | {row['Failure Count']} | "
                     f"{row['50%']} | {row['95%']} | {row['99%']} | "
                     f"{float(row['Max Response Time']):.0f} | "
                     f"{float(row['Requests/s']):.1f} |")
    return "\n".join(lines)


def aggregated(rows: list[dict]) -> dict:
    return next(r for r in rows if r["Name"] == "Aggregated")


def ramp_table(prefix: Path) -> tuple[str, float]:
    """Requests per second as users were added (locust's history, one row a second), by
    bands of five users: the median second of each band; and the best band."""
    bands: dict[int, list[float]] = {}
    with open(f"{prefix}_stats_history.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            users = int(row["User Count"] or 0)
            if row["Name"] == "Aggregated" and users:
                bands.setdefault((users + 4) // 5 * 5, []).append(float(row["Requests/s"]))
    medians = {u: sorted(v)[len(v) // 2] for u, v in sorted(bands.items())}
    cells = [f"{max(1, u - 4)}–{u} users: {r:.0f}/s" for u, r in medians.items()]
    return ", ".join(cells), max(medians.values(), default=0.0)


# --- Scenarios ----------------------------------------------------------------------------------

def sign_ins(out: Path) -> tuple[str, float]:
    """How the sign-ins went, and the seconds measured after the last of them."""
    found = json.loads(out.read_text())
    times = sorted(found["sign_ins"])
    if not times:
        return "no sign-ins", 0.0
    measured = found["stopped"] - found["measured_since"] if found["measured_since"] else 0.0
    return (f"{len(times)} sign-ins first (median {times[len(times) // 2]:.1f} s, slowest "
            f"{times[-1]:.1f} s: a password hash each), then {measured:.0f} s measured"), measured


def scenario_a(port: int, target_file: Path, seconds: int) -> tuple[str, bool]:
    out = VAR / "out-A.json"
    rows = read_stats(locust(port, "A", ["BuyerUser", "SupplierUser", "PlannerUser"], 50, 2,
                             seconds, 1.0, target_file, out))
    signing, measured = sign_ins(out)
    agg = aggregated(rows)
    ok = (float(agg["95%"]) <= P95_TARGET_MS and int(agg["Failure Count"]) == 0
          and measured > 0)
    verdict = (f"**{'PASS' if ok else 'FAIL'}**: p95 {agg['95%']} ms (target ≤ "
               f"{P95_TARGET_MS}), {agg['Failure Count']} errors (target 0), "
               f"{float(agg['Requests/s']):.1f} requests/s")
    return (f"### A: 50 users, 1 s think time, {seconds} s in all\n\n{signing}.\n\n"
            f"{stats_table(rows)}\n\n{verdict}\n"), ok


def scenario_light(port: int, target_file: Path, seconds: int) -> tuple[str, bool]:
    """Six users (two buyers, three suppliers, the cooperative), 1 s think time: what each
    page costs when the server is not queueing (no target; beside A and B to tell a slow
    page from a busy machine)."""
    out = VAR / "out-1.json"
    rows = read_stats(locust(port, "1", ["BuyerUser", "SupplierUser", "PlannerUser"], 6, 2,
                             seconds, 1.0, target_file, out))
    signing, _measured = sign_ins(out)
    return (f"### 1: six users, 1 s think time, {seconds} s in all (no target)\n\n{signing}."
            f"\n\n{stats_table(rows)}\n"), True


def scenario_b(port: int, target_file: Path, seconds: int, users: int) -> tuple[str, bool]:
    out = VAR / "out-B.json"
    prefix = locust(port, "B", ["BuyerUser", "SupplierUser", "PlannerUser"], users, 1,
                    seconds, 0.0, target_file, out)
    signing, _measured = sign_ins(out)
    rows = read_stats(prefix)
    agg = aggregated(rows)
    ramp, best = ramp_table(prefix)
    plateau = float(agg["Requests/s"])
    ok = plateau >= RPS_TARGET
    verdict = (f"**{'PASS' if ok else 'FAIL'}**: {plateau:.1f} requests/s with {users} users "
               f"after the ramp (target ≥ {RPS_TARGET}); best band of the ramp {best:.0f}/s; "
               f"{agg['Failure Count']} errors")
    return (f"### B: no think time, 1 user a second up to {users}, {seconds} s in all\n\n"
            f"{signing}. Requests/s while users were added (median second of each band, "
            f"sign-ins included): {ramp}\n\n{stats_table(rows)}\n\n{verdict}\n"), ok


def last_minute_tender(lead: float, bidders: int, replacers: int) -> dict:
    """A tender closing `lead` seconds from now, made and published through the services."""
    from decimal import Decimal

    from pasok import clock
    from pasok.accounts.models import User
    from pasok.suppliers.models import MaterialGrade
    from pasok.tenders import services

    buyer = User.objects.get(email=data.buyer_email(0))
    deadline = clock.now() + dt.timedelta(seconds=lead)
    tender = services.tender_create(
        by=buyer, buyer=buyer.organisation, title="Blok rem: penawaran menit terakhir",
        bid_deadline=deadline, opening_time=deadline + dt.timedelta(hours=2),
        small_business_reserved=False, reservation_exemption="Uji beban.")
    lot = services.lot_add(by=buyer, tender=tender, product="Blok rem besi cor fosfor",
                           grade=MaterialGrade.objects.get(pk="P10"),
                           unit_weight_kg=Decimal("11.5"), quantity=12_000,
                           hps_unit_price=Decimal(150_000),
                           delivery_schedule=[1_000] * 12)
    services.tender_publish(by=buyer, tender=tender)
    emails = list(User.objects.filter(email__startswith="supplier-", email__endswith=data.DOMAIN)
                  .order_by("pk").values_list("email", flat=True)
                  [:bidders])
    step = 66.0 / bidders  # from a minute before the deadline to 6 s after it
    return {"tender": tender.pk, "lot": lot.pk, "quantity": 12_000, "emails": emails,
            "deadline": deadline.timestamp(), "first": deadline.timestamp() - 60,
            "step": step, "replacers": replacers, "replace_after": 20.0}


def check_last_minute(plan: dict, outcomes: list[dict]) -> tuple[str, bool]:
    """Every answer against the database: an accepted bid is there, sealed, with the price
    sent and a time before the deadline; a refused one left nothing; nothing else."""
    from pasok.tenders import sealing
    from pasok.tenders.models import Bid

    deadline = plan["deadline"]
    bids = {b.submitted_by.email: b for b in Bid.objects.filter(tender_id=plan["tender"])
            .select_related("submitted_by")}
    last = {}
    for o in sorted(outcomes, key=lambda o: o["sent"]):
        if o["outcome"] == "accepted":
            last[o["email"]] = o
    problems = []
    accepted = sum(o["outcome"] == "accepted" for o in outcomes)
    refused = sum(o["outcome"] == "refused" for o in outcomes)
    errors = [o for o in outcomes if o["outcome"] not in ("accepted", "refused")]
    problems += [f"{o['email']}: {o['outcome']}" for o in errors]
    for o in outcomes:
        if o["outcome"] == "accepted" and o["sent"] > deadline:
            problems.append(f"{o['email']}: accepted, sent {o['sent'] - deadline:.2f} s late")
        if o["outcome"] == "refused" and o["answered"] < deadline:
            problems.append(f"{o['email']}: refused, answered before the deadline")
    for email, o in last.items():
        bid = bids.get(email)
        if bid is None:
            problems.append(f"{email}: accepted but no bid stored")
            continue
        content = sealing.unseal(bid.sealed)
        if content["unit_price"] != str(o["price"]) or sealing.digest(content) != bid.digest:
            problems.append(f"{email}: stored bid does not say what was sent")
        if bid.submitted_at.timestamp() >= deadline:
            problems.append(f"{email}: stored with a time after the deadline")
        if bid.opened_content is not None:
            problems.append(f"{email}: readable before the opening")
    versions = sum(b.version for b in bids.values())
    problems += [f"{e}: a bid nobody was told was accepted" for e in bids if e not in last]
    if versions != accepted:
        problems.append(f"{versions} versions stored, {accepted} accepted")
    late = sum(o["sent"] > deadline for o in outcomes)
    ok = not problems and len(outcomes) == len(plan["emails"]) + plan["replacers"]
    text = (f"### C: {len(plan['emails'])} suppliers bid in the last minute "
            f"({plan['replacers']} replace theirs 20 s later), the last {late} after the "
            f"deadline\n\n"
            f"{len(outcomes)} submissions: {accepted} accepted, {refused} refused "
            f"(deadline passed), {len(errors)} errors; database: {len(bids)} bids, "
            f"{versions} versions received, each sealed with the price sent, received "
            f"before the deadline, unreadable before the opening. ")
    answered = [o["answered"] - o["sent"] for o in outcomes]
    if answered:
        answered.sort()
        text += (f"Bid answered in median {answered[len(answered) // 2] * 1000:.0f} ms, "
                 f"at most {answered[-1] * 1000:.0f} ms. ")
    text += (f"\n\n**{'PASS' if ok else 'FAIL'}**" + (": " + "; ".join(problems[:10])
                                                      if problems else "") + "\n")
    return text, ok


def scenario_c(port: int, lead: float) -> tuple[str, bool]:
    plan = last_minute_tender(lead, 200, 20)
    target_file = VAR / "targets-C.json"
    target_file.write_text(json.dumps(targets(plan)))
    out = VAR / "out-C.json"
    out.unlink(missing_ok=True)
    locust(port, "C", ["LastMinuteBidder"], 200, 2, int(lead + 40), 0.0, target_file, out)
    outcomes = json.loads(out.read_text())["bids"] if out.exists() else []
    return check_last_minute(plan, outcomes)


# --- Figures ------------------------------------------------------------------------------------

def machine(url: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        pg = cursor.fetchone()[0].split(" on ")[0]
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} CPUs ({cpu}), {memory:.0f} GiB RAM, {pg}, Python "
            f"{platform.python_version()}")


def loadavg() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def record(text: str, scenarios: list[str]) -> None:
    """Write the run into RESULTS.md, replacing the last record of the same scenarios."""
    heading = f"## Load test {' '.join(scenarios)}: "
    body = RESULTS.read_text(encoding="utf-8")
    if heading in body:
        before, _sep, rest = body.partition(heading)
        following = rest.find("\n## ")
        body = before.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n" + (
            rest[following:] if following >= 0 else "")
    else:
        body = body.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(body, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", default=["A", "B", "C"],
                        choices=["1", "A", "B", "C"],
                        help="1: six users (per-page cost, no target); A, B, C: the targets")
    parser.add_argument("--seconds", type=int, default=120, help="length of A and B")
    parser.add_argument("--users-b", type=int, default=30, help="users B ramps up to")
    parser.add_argument("--workers", type=int, help="request workers (default: serve's)")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--record", action="store_true", help="write into bench/RESULTS.md")
    args = parser.parse_args(argv)
    url = os.environ.get("PASOK_BENCH_DATABASE_URL", DEFAULT_URL)
    prepare(url, args.regenerate)
    port = free_port()
    target_file = VAR / "targets.json"
    target_file.write_text(json.dumps(targets()))
    started = dt.datetime.now(dt.UTC)
    load_before = loadavg()
    server = Server(url, port, args.workers)
    sections, passed = [], True
    try:
        server.wait()
        for name in args.scenarios:
            if name == "1":
                text, ok = scenario_light(port, target_file, 60)
            elif name == "A":
                text, ok = scenario_a(port, target_file, args.seconds)
            elif name == "B":
                text, ok = scenario_b(port, target_file, args.seconds, args.users_b)
            else:
                text, ok = scenario_c(port, lead=LEAD_C)
            text += f"\nLoad average after {name}: {loadavg()}\n"
            print(text, flush=True)
            sections.append(text)
            passed &= ok
    finally:
        server.stop()
    from pasok.ops.management.commands.serve import default_workers

    workers = args.workers or default_workers()
    text = (f"## Load test {' '.join(args.scenarios)}: `pasok serve` on PostgreSQL, "
            f"national-size data\n\n"
            f"- Date: {started:%Y-%m-%d %H:%M} UTC\n- Machine: {machine(url)}; load average "
            f"{load_before} before the run (1, 5, 15 min)\n"
            f"- Command: `.venv/bin/python -m bench.load.run {' '.join(args.scenarios)} "
            f"--seconds {args.seconds} --users-b {args.users_b}` "
            f"(`pasok serve`, gunicorn {workers} workers × 1 thread, production settings, "
            f"locust {locust_version()} on the same machine)\n"
            f"- Data: bench/load/data.py version {data.LOAD_VERSION}: the demo cluster, "
            f"{registry()['count']:,} suppliers (seed {registry()['seed']}), "
            f"{data.TENDERS:,} tenders "
            f"with a year of sealed bids, {data.BUYERS} buyers and {data.SUPPLIER_LOGINS} "
            f"supplier logins\n\n" + "\n".join(sections))
    if args.record:
        record(text, args.scenarios)
    return 0 if passed else 1


def locust_version() -> str:
    from importlib.metadata import version

    return version("locust")


if __name__ == "__main__":
    sys.exit(main())
