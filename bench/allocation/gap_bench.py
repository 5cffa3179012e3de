"""The gap target against the LP relaxation (issue 10): per size, the time of the plain LP
relaxation (every rule but whole units and minimum lots, built as the engine builds its
model) with HiGHS's defaults and with interior point without crossover (the faster here),
then the engine's seconds, status and proven gap at the default target (0.1%), at 0.5%
and at 1e-4 (the old default), each in its own process, rounds interleaved so the load
falls on all alike; medians of the rounds.

    .venv/bin/python -m bench.allocation.gap_bench S M --rounds 3 --record
Targets: M within 0.5% in at most 1.5× the faster LP's time; S in under 3 s at the default.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.allocation.generate import generate
from pasok.planning import highs
from pasok.planning.instance import parse
from pasok.planning.model import build, usable_pairs
from pasok.planning.solve import GAP, allocate, usable_upper

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "RESULTS.md"
TIME_LIMIT = 60.0          # the CLI's default
LP_LIMIT = 900.0
RUNS = {"lp": None, "lp-ipm": None, "default": GAP, "0.5%": 0.005, "1e-4": 1e-4}


def child(size: str, run: str, seed: int) -> dict:
    inst = parse(generate(size, seed))
    started = time.monotonic()
    if run.startswith("lp"):
        upper = usable_upper(inst)
        model = build(inst, pairs=usable_pairs(upper), upper=upper)
        ipm = run == "lp-ipm"
        solution = highs.solve(model, time_limit=LP_LIMIT, method="ipm" if ipm else "choose",
                               crossover=not ipm)
        return {"seconds": time.monotonic() - started, "status": solution.status,
                "objective": solution.objective}
    result = allocate(inst, time_limit=TIME_LIMIT, gap=RUNS[run])
    return {"seconds": time.monotonic() - started, "status": result.status,
            "objective": result.objective, "bound": result.lower_bound, "gap": result.gap}


def run_child(size: str, run: str, seed: int) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.allocation.gap_bench",  # noqa: S603
                          "--child", size, run, "--seed", str(seed)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(sizes: list[str], runs: list[str], rounds: int, seed: int) -> dict:
    samples = {(size, run): [] for size in sizes for run in runs}
    for _ in range(rounds):
        for size in sizes:
            for run in runs:
                samples[size, run].append(run_child(size, run, seed))
                print(size, run, samples[size, run][-1], file=sys.stderr)
    return samples


def median(values: list[dict], key: str) -> float:
    return statistics.median(v[key] for v in values)


def table(sizes: list[str], runs: list[str], samples: dict) -> tuple[str, bool]:
    engine_runs = [r for r in runs if not r.startswith("lp")]
    head = ("| size | LP, HiGHS defaults s | LP, interior point s | "
            + " | ".join(f"engine {r}: s (×LP), status, gap" for r in engine_runs)
            + " | target |")
    lines = [head, "|" + "---|" * (4 + len(engine_runs))]
    passed = True
    for size in sizes:
        lp_times = [median(samples[size, r], "seconds") for r in runs if r.startswith("lp")]
        lp = min(lp_times) if lp_times else float("nan")
        cells = [f"{median(samples[size, r], 'seconds'):.1f}" if (size, r) in samples else "–"
                 for r in ("lp", "lp-ipm")]
        for r in engine_runs:
            s = samples[size, r]
            seconds = median(s, "seconds")
            statuses = "/".join(sorted({v["status"] for v in s}))
            cells.append(f"{seconds:.1f} (×{seconds / lp:.2f}), {statuses}, "
                         f"{max(v['gap'] for v in s) * 100:.3f}%")
        verdict = _verdict(size, samples, lp)
        passed &= verdict.startswith("PASS") or verdict == "–"
        lines.append(f"| {size} | " + " | ".join(cells) + f" | {verdict} |")
    return "\n".join(lines), passed


def _verdict(size: str, samples: dict, lp: float) -> str:
    if size == "M" and (size, "0.5%") in samples:
        s = samples[size, "0.5%"]
        ok = max(v["gap"] for v in s) <= 0.005 and median(s, "seconds") <= 1.5 * lp
        return f"{'PASS' if ok else 'FAIL'} (≤0.5% in ≤1.5× LP = {1.5 * lp:.1f} s)"
    if size == "S" and (size, "default") in samples:
        s = samples[size, "default"]
        ok = median(s, "seconds") < 3 and max(v["gap"] for v in s) <= GAP
        return f"{'PASS' if ok else 'FAIL'} (≤{GAP:.1%} in <3 s)"
    return "–"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{len(os.sched_getaffinity(0))} CPUs ({cpu}), Python {platform.python_version()}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["S", "M"])
    parser.add_argument("--runs", nargs="+", default=list(RUNS), choices=list(RUNS))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "RUN"))
    parser.add_argument("--record", action="store_true", help="append to bench/RESULTS.md")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child, args.seed)))
        return 0
    load_before = os.getloadavg()
    started = datetime.now(UTC)
    samples = measure(args.sizes, args.runs, args.rounds, args.seed)
    text, passed = table(args.sizes, args.runs, samples)
    load_after = os.getloadavg()
    loads = (f"load average {', '.join(f'{x:.2f}' for x in load_before)} at the start, "
             f"{', '.join(f'{x:.2f}' for x in load_after)} at the end")
    print(text)
    print(loads)
    if args.record:
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write(f"\n## Allocation engine: gap target against the LP relaxation — "
                     f"{started:%Y-%m-%d %H:%M} UTC\n\n"
                     f"- Machine: {machine()}; {loads}\n"
                     f"- Command: `python -m bench.allocation.gap_bench "
                     f"{' '.join(args.sizes)} --rounds {args.rounds} --seed {args.seed}`\n"
                     f"- Time limit {TIME_LIMIT:g} s (the CLI's default); medians of "
                     f"{args.rounds} interleaved rounds; gap = the largest of the rounds\n\n"
                     f"{text}\n")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
