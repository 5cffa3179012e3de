"""Seeded synthetic cluster instances in the `pasok allocate` format (docs/interfaces.md).

Shaped on Ceper: many small foundries (median ~30 t/month), a few large ones that cast
cheaper per kg; buyers' lines of cast parts from 0.5 to 80 kg with a seasonal demand;
about 100 candidate foundries per line; buyers cap any one foundry's share of a line;
a minimum lot on most candidates; BUMN permanent-partner floors for some small foundries.
Demand is set near the candidates' capacity so that capacity, share and floors bind, and
peak months run short somewhere.

    python -m bench.allocation.generate M --seed 1 > m.json
"""

import argparse
import json
import sys

import numpy as np

SIZES = {  # suppliers, lines, periods, candidates per line
    "S": (200, 20, 12, 40),
    "M": (2000, 200, 12, 100),
    "L": (10000, 1000, 12, 100),
}
BUYERS = ["KAI", "INKA", "PINDAD", "ASTRA-OTOPARTS", "TMMIN", "WIJAYA-KARYA"]
BUMN = {"KAI", "INKA", "PINDAD", "WIJAYA-KARYA"}
LOAD = 0.85  # demand in kg against the capacity its candidates could give it


def generate(size: str, seed: int = 1) -> dict:
    n_sup, n_lines, periods, per_line = SIZES[size]
    rng = np.random.default_rng(seed)

    capacity = np.round(rng.lognormal(np.log(30000), 0.7, n_sup), -2).clip(3000, 400000)
    # Larger foundries cast cheaper per kg (scale), with foundry-specific efficiency.
    efficiency = (capacity / 30000) ** -0.04 * rng.lognormal(0, 0.06, n_sup)
    monthly = np.repeat(capacity[:, None], periods, axis=1)
    overhaul = rng.random(n_sup) < 0.1  # a month down to 40% for maintenance
    monthly[overhaul, rng.integers(0, periods, overhaul.sum())] *= 0.4
    suppliers = [{"id": f"F{i + 1:05d}",
                  "capacity_kg": (monthly[i].round(-2).tolist() if overhaul[i]
                                  else float(capacity[i])),
                  "small": bool(capacity[i] < 60000)} for i in range(n_sup)]

    weight = np.round(rng.lognormal(np.log(8), 0.9, n_lines).clip(0.5, 80), 1)
    price_per_kg = rng.uniform(18000, 42000, n_lines)
    buyer = rng.choice(BUYERS, n_lines, p=[0.3, 0.15, 0.1, 0.2, 0.15, 0.1])
    members = [rng.choice(n_sup, per_line, replace=False) for _ in range(n_lines)]
    lines_per_sup = np.bincount(np.concatenate(members), minlength=n_sup).clip(1)
    season = 1 + 0.2 * np.sin(2 * np.pi * (np.arange(periods) + rng.integers(0, 12)) / 12)

    lines = []
    for li in range(n_lines):
        cand = members[li]
        # What the candidates can give this line if they split their capacity evenly.
        reachable_kg = (capacity[cand] / lines_per_sup[cand]).sum()
        base_units = LOAD * reachable_kg * rng.uniform(0.7, 1.15) / weight[li]
        demand = np.round(base_units * season * rng.lognormal(0, 0.08, periods)).astype(int)
        noise = rng.lognormal(0, 0.03, per_line)
        unit_cost = np.round(price_per_kg[li] * weight[li] * efficiency[cand] * noise, -1)
        annual = int(demand.sum())
        lot = np.where(rng.random(per_line) < 0.6,
                       np.round(annual * rng.uniform(0.002, 0.02, per_line), -1), 0)
        lines.append({
            "id": f"L{li + 1:04d}", "buyer": str(buyer[li]),
            "unit_weight_kg": float(weight[li]), "demand": demand.tolist(),
            "max_share": float(rng.choice([0.1, 0.15, 0.2, 0.3, 0.5, 1.0])),
            "candidates": [{"supplier": suppliers[s]["id"], "unit_cost": float(c),
                            "min_lot": int(m)}
                           for s, c, m in zip(cand, unit_cost, lot, strict=True)],
        })

    floors = []
    for b in sorted(BUMN):
        b_lines = [li for li in range(n_lines) if buyer[li] == b]
        if not b_lines:
            continue
        cands = np.unique(np.concatenate([members[li] for li in b_lines]))
        small = cands[capacity[cands] < 60000]
        for s in rng.choice(small, max(1, len(small) // 20), replace=False):
            floors.append({"buyer": b, "supplier": suppliers[s]["id"],
                           "min_share": float(round(rng.uniform(0.001, 0.004), 4))})
            for li in b_lines:  # a permanent partner is not held to a minimum lot
                for cand in lines[li]["candidates"]:
                    if cand["supplier"] == suppliers[s]["id"]:
                        cand["min_lot"] = 0
    return {"periods": periods, "unmet_penalty": 10_000_000, "suppliers": suppliers,
            "lines": lines, "partner_floors": floors}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    json.dump(generate(args.size, args.seed), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
