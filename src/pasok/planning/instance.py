"""An allocation instance (docs/interfaces.md, `pasok allocate`), read from its JSON form into
flat numpy arrays once, with every input checked and the bad field named.

Candidates become *pairs* (line, supplier); a plan is `x[pair, period]` whole units."""

import math
from dataclasses import dataclass

import numpy as np


class InstanceError(ValueError):
    """Bad input; the message starts with the path of the field, e.g. `lines[3].demand[2]`."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Instance:
    periods: int
    unmet_penalty: float
    supplier_ids: list[str]
    capacity_kg: np.ndarray          # (suppliers, periods)
    small: np.ndarray                # (suppliers,) bool
    line_ids: list[str]
    line_buyer: list[str]
    unit_weight: np.ndarray          # (lines,)
    demand: np.ndarray               # (lines, periods) whole units
    share_cap: np.ndarray            # (lines,) ceil(max_share × Σ demand)
    pair_line: np.ndarray            # (pairs,) int
    pair_supplier: np.ndarray        # (pairs,) int
    unit_cost: np.ndarray            # (pairs,)
    min_lot: np.ndarray              # (pairs,) whole units, 0 = none
    pair_cap: np.ndarray             # (pairs,) the line's share cap, or the offer if lower
    floor_buyer: list[str]
    floor_supplier: np.ndarray       # (floors,) int
    floor_units: np.ndarray          # (floors,) floor(min_share × Σ candidate demand)
    floor_of_pair: np.ndarray        # (pairs,) the floor a pair counts toward, or -1

    @property
    def n_pairs(self) -> int:
        return len(self.pair_line)

    def pair_upper(self) -> np.ndarray:
        """(pairs, periods): the most a pair can take in a period under demand, capacity
        and share alone."""
        line, sup = self.pair_line, self.pair_supplier
        by_capacity = np.floor(self.capacity_kg[sup] / self.unit_weight[line, None] + 1e-9)
        upper = np.minimum(self.demand[line], by_capacity)
        return np.minimum(upper, self.pair_cap[:, None])

    def with_changes(self, **changes) -> "Instance":
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return Instance(**values)


# Beyond these a figure is a typing error, and the solver's arithmetic (doubles) would
# lose the units: no line, capacity or price of a plan comes near a trillion, and a plan
# spans at most ten years of months.
LARGEST = 1e12
MAX_PERIODS = 120


def _number(value, field: str, *, minimum=0.0, maximum=LARGEST, integer=False):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InstanceError(field, "must be a number")
    if value < minimum:
        raise InstanceError(field, f"must be at least {minimum:g}")
    if value > maximum:
        raise InstanceError(field, f"must be at most {maximum:g}")
    if integer and value != int(value):
        raise InstanceError(field, "must be a whole number")
    return value


def _object(value, field: str) -> dict:
    if not isinstance(value, dict):
        raise InstanceError(field, "must be an object")
    return value


def _list(value, field: str) -> list:
    if not isinstance(value, list):
        raise InstanceError(field, "must be a list")
    return value


def _text(value, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InstanceError(field, "must be a non-empty text")
    return value


def _per_period(value, field: str, periods: int, *, integer: bool) -> list:
    """A number for every period, or a list with one value per period."""
    if isinstance(value, list):
        if len(value) != periods:
            raise InstanceError(field, f"has {len(value)} values; periods is {periods}")
        return [_number(v, f"{field}[{t}]", integer=integer) for t, v in enumerate(value)]
    return [_number(value, field, integer=integer)] * periods


def parse(data) -> Instance:
    data = _object(data, "instance")
    periods = int(_number(data.get("periods"), "periods", minimum=1, maximum=MAX_PERIODS,
                          integer=True))
    # A penalty may dwarf every cost: that is what it is for (a plan keeps 16 digits of it).
    penalty = _number(data.get("unmet_penalty"), "unmet_penalty", maximum=1e16)

    supplier_ids, capacity, small, index = [], [], [], {}
    for i, raw in enumerate(_list(data.get("suppliers"), "suppliers")):
        field = f"suppliers[{i}]"
        raw = _object(raw, field)
        sid = _text(raw.get("id"), f"{field}.id")
        if sid in index:
            raise InstanceError(f"{field}.id", f"{sid!r} appears twice")
        index[sid] = i
        supplier_ids.append(sid)
        capacity.append(_per_period(raw.get("capacity_kg"), f"{field}.capacity_kg", periods,
                                    integer=False))
        small.append(bool(raw.get("small", False)))

    line_ids, buyers, weights, demand, share_cap = [], [], [], [], []
    pair_line, pair_supplier, unit_cost, min_lot, pair_cap = [], [], [], [], []
    seen_lines = set()
    for li, raw in enumerate(_list(data.get("lines"), "lines")):
        field = f"lines[{li}]"
        raw = _object(raw, field)
        lid = _text(raw.get("id"), f"{field}.id")
        if lid in seen_lines:
            raise InstanceError(f"{field}.id", f"{lid!r} appears twice")
        seen_lines.add(lid)
        line_ids.append(lid)
        buyers.append(_text(raw.get("buyer"), f"{field}.buyer"))
        weight = _number(raw.get("unit_weight_kg"), f"{field}.unit_weight_kg")
        if weight <= 0:
            raise InstanceError(f"{field}.unit_weight_kg", "must be more than 0")
        weights.append(weight)
        line_demand = _list(raw.get("demand"), f"{field}.demand")
        demand.append(_per_period(line_demand, f"{field}.demand", periods, integer=True))
        share = _number(raw.get("max_share", 1), f"{field}.max_share")
        if not 0 < share <= 1:
            raise InstanceError(f"{field}.max_share", "must be more than 0 and at most 1")
        # A tolerance keeps 0.3 × 1000 at 300, not 301 from binary rounding.
        share_cap.append(math.ceil(share * sum(demand[-1]) - 1e-9))
        offered = set()
        for ci, cand in enumerate(_list(raw.get("candidates"), f"{field}.candidates")):
            cfield = f"{field}.candidates[{ci}]"
            cand = _object(cand, cfield)
            sid = _text(cand.get("supplier"), f"{cfield}.supplier")
            if sid not in index:
                raise InstanceError(f"{cfield}.supplier", f"unknown supplier {sid!r}")
            if sid in offered:
                raise InstanceError(f"{cfield}.supplier", f"{sid!r} is a candidate twice")
            offered.add(sid)
            pair_line.append(li)
            pair_supplier.append(index[sid])
            unit_cost.append(_number(cand.get("unit_cost"), f"{cfield}.unit_cost"))
            min_lot.append(_number(cand.get("min_lot", 0), f"{cfield}.min_lot", integer=True))
            # Optional, beyond docs/interfaces.md: what a bid offers over all periods.
            offer = cand.get("max_units")
            pair_cap.append(share_cap[-1] if offer is None else min(
                share_cap[-1], _number(offer, f"{cfield}.max_units", integer=True)))

    pair_line = np.array(pair_line, dtype=np.int64)
    pair_supplier = np.array(pair_supplier, dtype=np.int64)
    demand_arr = np.array(demand, dtype=float).reshape(len(line_ids), periods)
    floor_buyer, floor_supplier, floor_units = [], [], []
    floor_of_pair = np.full(len(pair_line), -1, dtype=np.int64)
    pair_buyer = np.array(buyers, dtype=object)[pair_line]
    for fi, raw in enumerate(_list(data.get("partner_floors", []), "partner_floors")):
        field = f"partner_floors[{fi}]"
        raw = _object(raw, field)
        buyer = _text(raw.get("buyer"), f"{field}.buyer")
        sid = _text(raw.get("supplier"), f"{field}.supplier")
        if sid not in index:
            raise InstanceError(f"{field}.supplier", f"unknown supplier {sid!r}")
        if (buyer, index[sid]) in zip(floor_buyer, floor_supplier, strict=True):
            raise InstanceError(field, f"a second floor for {buyer!r} and {sid!r}")
        share = _number(raw.get("min_share"), f"{field}.min_share")
        if share > 1:
            raise InstanceError(f"{field}.min_share", "must be at most 1")
        pairs = np.flatnonzero((pair_supplier == index[sid]) & (pair_buyer == buyer))
        floor_of_pair[pairs] = fi
        floor_buyer.append(buyer)
        floor_supplier.append(index[sid])
        floor_units.append(math.floor(share * demand_arr[pair_line[pairs]].sum() + 1e-9))

    return Instance(
        periods=periods, unmet_penalty=float(penalty), supplier_ids=supplier_ids,
        capacity_kg=np.array(capacity, dtype=float).reshape(len(supplier_ids), periods),
        small=np.array(small, dtype=bool), line_ids=line_ids, line_buyer=buyers,
        unit_weight=np.array(weights, dtype=float), demand=demand_arr,
        share_cap=np.array(share_cap, dtype=float), pair_line=pair_line,
        pair_supplier=pair_supplier, unit_cost=np.array(unit_cost, dtype=float),
        min_lot=np.array(min_lot, dtype=float), pair_cap=np.array(pair_cap, dtype=float),
        floor_buyer=floor_buyer,
        floor_supplier=np.array(floor_supplier, dtype=np.int64),
        floor_units=np.array(floor_units, dtype=float), floor_of_pair=floor_of_pair)
