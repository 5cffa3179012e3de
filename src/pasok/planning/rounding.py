"""From a fractional plan to whole units without breaking a rule.

Rounding down keeps capacity and share (their coefficients are positive). What it can break
is repaired, never traded away: a pair left below its minimum lot goes to zero, the units
lost go back to the cheapest pairs that still have room (capacity, share, open lot), and a
partner floor left short takes units from the dearest other suppliers of the same line and
month, or from unmet demand."""

import numpy as np

from .instance import Instance
from .verify import floor_totals

EPS = 1e-6


class _Room:
    """What each pair could still take in a period, kept current as units move."""

    def __init__(self, inst: Instance, x: np.ndarray):
        self.inst, self.x = inst, x
        self.kg = np.zeros((len(inst.supplier_ids), inst.periods))
        np.add.at(self.kg, inst.pair_supplier, x * inst.unit_weight[inst.pair_line, None])
        self.total = x.sum(axis=1)

    def units(self, p: int, t: int) -> int:
        inst = self.inst
        s, line = inst.pair_supplier[p], inst.pair_line[p]
        by_kg = (inst.capacity_kg[s, t] - self.kg[s, t]) / inst.unit_weight[line]
        return int(max(0, min(np.floor(by_kg + EPS),
                              inst.pair_cap[p] - self.total[p])))

    def move(self, p: int, t: int, units: float) -> None:
        inst = self.inst
        self.x[p, t] += units
        self.total[p] += units
        self.kg[inst.pair_supplier[p], t] += units * inst.unit_weight[inst.pair_line[p]]


def whole_units(inst: Instance, fractional: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A plan in whole units that keeps every rule the fractional plan kept (floors are
    restored where units can be found); returns x (pairs, periods) and unmet."""
    x = np.floor(fractional + EPS)
    total = x.sum(axis=1)
    x[(total > 0) & (total < inst.min_lot)] = 0
    room = _Room(inst, x)
    unmet = inst.demand.copy()
    np.subtract.at(unmet, inst.pair_line, x)
    by_line = _pairs_by_line_cheapest_first(inst)
    for line, t in zip(*np.nonzero(unmet > 0), strict=True):
        for p in by_line[line]:
            if unmet[line, t] <= 0:
                break
            if room.total[p] == 0 and inst.min_lot[p] > 1:
                continue  # opening a pair would need its whole minimum lot
            take = min(unmet[line, t], room.units(p, t))
            if take > 0:
                room.move(p, t, take)
                unmet[line, t] -= take
    _restore_floors(inst, room, unmet, by_line)
    return x, unmet


def _pairs_by_line_cheapest_first(inst: Instance) -> list[np.ndarray]:
    order = np.lexsort((inst.unit_cost, inst.pair_line))
    bounds = np.searchsorted(inst.pair_line[order], np.arange(len(inst.line_ids) + 1))
    return [order[bounds[i]:bounds[i + 1]] for i in range(len(inst.line_ids))]


def _restore_floors(inst: Instance, room: _Room, unmet: np.ndarray,
                    by_line: list[np.ndarray]) -> None:
    x = room.x
    short = inst.floor_units - floor_totals(inst, x)
    for f in np.flatnonzero(short > 0):
        pairs = np.flatnonzero(inst.floor_of_pair == f)
        need = short[f]
        for p in pairs[np.argsort(inst.unit_cost[pairs])]:
            line = inst.pair_line[p]
            # An unopened pair with a minimum lot must get at least its lot.
            need_here = max(need, inst.min_lot[p] - room.total[p])
            for t in range(inst.periods):
                if need <= 0:
                    break
                want = min(need_here, room.units(p, t))
                got = min(want, unmet[line, t])
                unmet[line, t] -= got
                for q in by_line[line][::-1]:  # dearest first
                    if got >= want:
                        break
                    if q == p or x[q, t] <= 0:
                        continue
                    give = _can_give(inst, room, q, t, want - got)
                    room.move(q, t, -give)
                    got += give
                room.move(p, t, got)
                need -= got
                need_here -= got


def _can_give(inst: Instance, room: _Room, q: int, t: int, wanted: float) -> float:
    """Units pair q can give up in period t without falling under its lot or its floor."""
    give = min(wanted, room.x[q, t])
    rest = room.total[q] - give
    if 0 < rest < inst.min_lot[q]:
        give = max(room.total[q] - inst.min_lot[q], 0)
    f = inst.floor_of_pair[q]
    if f >= 0:
        spare = room.total[inst.floor_of_pair == f].sum() - inst.floor_units[f]
        give = min(give, max(spare, 0))
    return give
