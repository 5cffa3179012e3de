"""Allocation engine benchmark (issue 5): seeded instances S, M, L; the engine's cost,
proven bound, gap, seconds and peak memory, every plan checked by the verifier, and the
greedy baseline's cost and broken rules beside it.

    .venv/bin/python -m bench.allocation.allocation_bench M L --record
Targets: M within 0.5% of the bound in under 30 s; L within 1% in under 5 minutes and 8 GB.
"""

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from bench.allocation.generate import generate
from bench.allocation.greedy import greedy
from pasok.planning import verify
from pasok.planning.instance import parse
from pasok.planning.solve import allocate

TARGETS = {"S": (0.005, 30), "M": (0.005, 30), "L": (0.01, 300)}
MEMORY_LIMIT_GB = 8
RESULTS = Path(__file__).resolve().parents[1] / "RESULTS.md"


def run_size(size: str, seed: int) -> dict:
    """Each size runs in a child process so its peak memory is its own."""
    out = subprocess.run([sys.executable, "-m", "bench.allocation.allocation_bench",  # noqa: S603
                          "--child", size, "--seed", str(seed)],
                         capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(size: str, seed: int) -> dict:
    inst = parse(generate(size, seed))
    gap_target, limit = TARGETS[size]
    started = time.monotonic()
    result = allocate(inst, time_limit=limit * 0.95, gap=gap_target / 5)
    seconds = time.monotonic() - started
    broken = verify.violations(inst, result.x, result.unmet)
    gx, gu = greedy(inst)
    greedy_broken = verify.violations(inst, gx, gu)
    kinds = sorted({b.split(":")[0] for b in greedy_broken})
    return {
        "size": size, "pairs": inst.n_pairs, "status": result.status,
        "objective": result.objective, "bound": result.lower_bound, "gap": result.gap,
        "seconds": seconds, "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6,
        "verified": not broken, "unmet": float(result.unmet.sum()),
        "greedy": verify.objective(inst, gx, gu), "greedy_unmet": float(gu.sum()),
        "greedy_broken": len(greedy_broken), "greedy_kinds": kinds,
        "pass": (not broken and result.gap <= gap_target and seconds <= limit),
    }


def table(rows: list[dict]) -> str:
    lines = ["| size | pairs | status | cost (Rp) | bound | gap | s | peak GB | verified | "
             "unmet | greedy cost | greedy vs bound | greedy unmet | greedy broken rules | "
             "target |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        gap_target, limit = TARGETS[r["size"]]
        lines.append(
            f"| {r['size']} | {r['pairs']:,} | {r['status']} | {r['objective']:.4e} | "
            f"{r['bound']:.4e} | {r['gap'] * 100:.3f}% | {r['seconds']:.1f} | "
            f"{r['peak_gb']:.2f} | {'yes' if r['verified'] else 'NO'} | {r['unmet']:,.0f} | "
            f"{r['greedy']:.4e} | +{(r['greedy'] / r['bound'] - 1) * 100:.2f}% | "
            f"{r['greedy_unmet']:,.0f} | {r['greedy_broken']} "
            f"({', '.join(r['greedy_kinds']) or 'none'}) | "
            f"{'PASS' if r['pass'] else 'FAIL'} (≤{gap_target * 100:g}% in ≤{limit}s) |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["S", "M", "L"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", metavar="SIZE")
    parser.add_argument("--record", action="store_true", help="append to bench/RESULTS.md")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.seed)))
        return 0
    rows = [run_size(size, args.seed) for size in args.sizes]
    text = table(rows)
    print(text)
    if args.record:
        machine = f"{platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores"
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write(f"\n## Allocation engine — {date.today()} ({machine})\n\n"
                     f"`python -m bench.allocation.allocation_bench {' '.join(args.sizes)}"
                     f" --seed {args.seed}`\n\n{text}\n")
    return 0 if all(r["pass"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
