"""What-if scenarios of orders, revenue and jobs, as `pasok insights scenario` specifies them
(docs/interfaces.md)."""

import copy
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pasok.rules.multipliers import DEFAULT
from pasok.rules.scenario import (
    Close,
    Foundry,
    Multipliers,
    NewOrder,
    Product,
    ScenarioError,
    Substitute,
    run,
    split,
)
from pasok.rules.scenario_json import outcome_to_dict, scenario_from_dict

D = Decimal
MULTIPLIERS = {"output": {"type1": 1.8, "type2": 2.3}, "employment": {"type1": 1.5, "type2": 1.9}}
F1 = {"id": "F1", "workers": 24,
      "products": [{"family": "brake-block", "buyer": "KAI", "units_per_month": 1800,
                    "unit_price": 110000}]}
SUBSTITUTE_HALF = {"kind": "substitute", "buyer": "KAI", "family": "brake-block", "share": 0.5}


def outcome_json(data):
    return outcome_to_dict(run(*scenario_from_dict(data)))


# --- the docs/interfaces.md example -------------------------------------------------------

def test_interfaces_example_json_in_json_out():
    # Baseline 1,800 × 110,000 = 198,000,000; half substituted: 900 units, −99,000,000.
    # Direct jobs −99,000,000 × 24 / 198,000,000 = −12; indirect −12 × 0.5 = −6;
    # induced −12 × (1.9 − 1.5) = −4.8; output −99,000,000 × 1.8 and × 2.3.
    data = {"multipliers": MULTIPLIERS, "foundries": [F1], "changes": [SUBSTITUTE_HALF]}
    assert outcome_json(data) == {
        "baseline": {"revenue": 198000000, "workers": 24},
        "change": {"revenue": -99000000, "direct_jobs": -12.0, "indirect_jobs": -6.0,
                   "induced_jobs": -4.8, "output_type1": -178200000,
                   "output_type2": -227700000},
        "foundries": [{"id": "F1", "revenue_before": 198000000, "revenue_after": 99000000,
                       "direct_jobs": -12.0}]}


def test_interfaces_full_input_names_its_unknown_foundries():
    # The interface's input lists F2 and F3 in its changes but only F1 among its foundries.
    data = {"multipliers": MULTIPLIERS, "foundries": [F1], "changes": [
        SUBSTITUTE_HALF,
        {"kind": "new_order", "buyer": "OTOPARTS", "family": "brake-drum",
         "units_per_month": 3000, "unit_price": 185000, "foundries": ["F1", "F2"]},
        {"kind": "close", "foundry": "F3"}]}
    with pytest.raises(ScenarioError) as exc:
        outcome_json(data)
    assert (exc.value.path, exc.value.message) == ("changes[1].foundries[1]",
                                                   "is not a foundry of the scenario")


def test_the_three_changes_combined():
    data = {"multipliers": MULTIPLIERS, "foundries": [
        F1,
        {"id": "F2", "workers": 10, "products": [
            {"family": "brake-block", "buyer": "INKA", "units_per_month": 500,
             "unit_price": 120000}]},
        {"id": "F3", "workers": 6, "products": [
            {"family": "brake-block", "buyer": "KAI", "units_per_month": 300,
             "unit_price": 110000}]}],
        "changes": [
            SUBSTITUTE_HALF,
            {"kind": "new_order", "buyer": "OTOPARTS", "family": "brake-drum",
             "units_per_month": 3000, "unit_price": 185000, "foundries": ["F1", "F2"]},
            {"kind": "close", "foundry": "F3"}]}
    outcome = run(*scenario_from_dict(data))
    # Substitute: F1 1,800 → 900, F3 300 → 150. New order by workers 24 : 10 of 34:
    # 3,000 × 24/34 = 2,117.6 → 2,117, 3,000 × 10/34 = 882.4 → 882, remainder 1 to F1.
    f1, f2, f3 = outcome.foundries
    assert [(line.buyer, line.units_before, line.units_after) for line in f1.lines] == [
        ("KAI", 1800, 900), ("OTOPARTS", 0, 2118)]
    assert [(line.buyer, line.units_before, line.units_after) for line in f2.lines] == [
        ("INKA", 500, 500), ("OTOPARTS", 0, 882)]
    assert [(line.units_before, line.units_after) for line in f3.lines] == [(300, 0)]
    # F1: 900 × 110,000 + 2,118 × 185,000 = 490,830,000 (+292,830,000);
    #     jobs +292,830,000 × 24 / 198,000,000 = 35.4945…
    # F2: 60,000,000 + 882 × 185,000 = 223,170,000 (+163,170,000); jobs × 10 / 60,000,000
    #     = 27.195. F3 closes: −33,000,000 and all its 6 workers.
    assert (f1.revenue_after, f2.revenue_after, f3.revenue_after) == (
        D(490_830_000), D(223_170_000), 0)
    assert f2.direct_jobs == D("27.195")
    assert f3.direct_jobs == -6
    assert f3.closed and not f1.closed
    assert outcome_to_dict(outcome) == {
        "baseline": {"revenue": 291000000, "workers": 40},
        "change": {"revenue": 423000000, "direct_jobs": 56.69, "indirect_jobs": 28.34,
                   "induced_jobs": 22.68, "output_type1": 761400000,
                   "output_type2": 972900000},
        "foundries": [
            {"id": "F1", "revenue_before": 198000000, "revenue_after": 490830000,
             "direct_jobs": 35.49},
            {"id": "F2", "revenue_before": 60000000, "revenue_after": 223170000,
             "direct_jobs": 27.2},
            {"id": "F3", "revenue_before": 33000000, "revenue_after": 0, "direct_jobs": -6.0}]}


def test_new_order_split_by_workers_remainder_in_list_order():
    # 100 units over 3, 3, 1 workers: 42.9 → 42, 42.9 → 42, 14.3 → 14; 2 left: F1, F2.
    assert split(100, [3, 3, 1]) == [43, 43, 14]
    # Listed F3 first: it gets the first unit of the remainder.
    assert split(100, [1, 3, 3]) == [15, 43, 42]
    # A foundry without workers gets no share, not even of the remainder.
    assert split(5, [0, 1, 1]) == [0, 3, 2]


def test_changes_apply_in_order():
    new = {"kind": "new_order", "buyer": "OTOPARTS", "family": "brake-drum",
           "units_per_month": 1000, "unit_price": 100000, "foundries": ["F1"]}
    halve = {"kind": "substitute", "buyer": "OTOPARTS", "family": "brake-drum", "share": 0.5}
    first_new = outcome_json({"foundries": [F1], "changes": [new, halve]})
    first_halve = outcome_json({"foundries": [F1], "changes": [halve, new]})
    assert first_new["change"]["revenue"] == 50_000_000  # the new order halved
    assert first_halve["change"]["revenue"] == 100_000_000  # nothing to halve yet


def test_a_closed_foundry_gets_no_share_of_a_later_order():
    data = {"foundries": [F1, {"id": "F2", "workers": 8, "products": []}], "changes": [
        {"kind": "close", "foundry": "F2"},
        {"kind": "new_order", "buyer": "OTOPARTS", "family": "brake-drum",
         "units_per_month": 10, "unit_price": 1000, "foundries": ["F1", "F2"]}]}
    f1, f2 = run(*scenario_from_dict(data)).foundries
    assert f1.lines[-1].units_after == 10
    assert f2.lines == () and f2.direct_jobs == -8


def test_close_loses_every_unit_and_worker():
    result = outcome_json({"multipliers": MULTIPLIERS, "foundries": [F1],
                           "changes": [{"kind": "close", "foundry": "F1"}]})
    assert result["change"] == {"revenue": -198000000, "direct_jobs": -24.0,
                                "indirect_jobs": -12.0, "induced_jobs": -9.6,
                                "output_type1": -356400000, "output_type2": -455400000}


def test_fractional_substitute_rounds_the_remaining_units_half_up():
    data = {"foundries": [{"id": "F1", "workers": 2, "products": [
        {"family": "brake-block", "buyer": "KAI", "units_per_month": 5, "unit_price": 10}]}],
        "changes": [{**SUBSTITUTE_HALF, "share": 0.5}]}
    (foundry,) = run(*scenario_from_dict(data)).foundries
    assert foundry.lines[0].units_after == 3  # 2.5 → 3


def test_foundry_without_baseline_revenue_uses_the_clusters_jobs_per_rupiah():
    data = {"multipliers": MULTIPLIERS,
            "foundries": [F1, {"id": "F2", "workers": 6, "products": []}],
            "changes": [{"kind": "new_order", "buyer": "OTOPARTS", "family": "brake-drum",
                         "units_per_month": 1000, "unit_price": 100000, "foundries": ["F2"]}]}
    result = outcome_json(data)
    # 100,000,000 × 30 workers / 198,000,000 = 15.1515…
    assert result["foundries"][1] == {"id": "F2", "revenue_before": 0,
                                      "revenue_after": 100000000, "direct_jobs": 15.15}
    assert result["foundries"][0]["direct_jobs"] == 0.0


def test_a_cluster_without_baseline_revenue_cannot_price_new_jobs():
    data = {"foundries": [{"id": "F1", "workers": 6}],
            "changes": [{"kind": "new_order", "buyer": "OTOPARTS", "family": "brake-drum",
                         "units_per_month": 10, "unit_price": 1000, "foundries": ["F1"]}]}
    with pytest.raises(ScenarioError) as exc:
        outcome_json(data)
    assert exc.value.path == "foundries"
    # Without a change there is nothing to price.
    assert outcome_json({**data, "changes": []})["change"]["direct_jobs"] == 0.0


def test_without_multipliers_the_defaults_apply():
    result = outcome_json({"foundries": [F1], "changes": [SUBSTITUTE_HALF]})
    assert result["change"]["induced_jobs"] == -4.8
    assert DEFAULT.illustrative


NEW_ORDER = {"kind": "new_order", "buyer": "OTOPARTS", "family": "brake-drum",
             "units_per_month": 10, "unit_price": 1000, "foundries": ["F1"]}
BASE = {"multipliers": MULTIPLIERS, "foundries": [F1], "changes": []}


def _with(path_value):
    data = copy.deepcopy(BASE)
    for keys, value in path_value:
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return data


@pytest.mark.parametrize(("edits", "expected"), [
    ([(("foundries", 0, "workers"), -1)], "foundries[0].workers: must be at least 0"),
    ([(("foundries", 0, "workers"), 2.5)], "foundries[0].workers: must be a whole number"),
    ([(("foundries", 0, "products", 0, "units_per_month"), -5)],
     "foundries[0].products[0].units_per_month: must be at least 0"),
    ([(("foundries", 0, "products", 0, "unit_price"), -1)],
     "foundries[0].products[0].unit_price: must be at least 0"),
    ([(("foundries", 0, "products", 0, "unit_price"), "a lot")],
     "foundries[0].products[0].unit_price: must be a number"),
    ([(("foundries",), [F1, F1])], "foundries[1].id: is used by an earlier foundry"),
    ([(("foundries", 0, "id"), "")], "foundries[0].id: must be a non-empty text"),
    ([(("changes",), [{**SUBSTITUTE_HALF, "share": 1.5}])],
     "changes[0].share: must be between 0 and 1"),
    ([(("changes",), [{**SUBSTITUTE_HALF, "share": -0.1}])],
     "changes[0].share: must be between 0 and 1"),
    ([(("changes",), [{**NEW_ORDER, "foundries": ["F1", "F9"]}])],
     "changes[0].foundries[1]: is not a foundry of the scenario"),
    ([(("changes",), [{**NEW_ORDER, "foundries": ["F1", "F1"]}])],
     "changes[0].foundries[1]: is listed twice"),
    ([(("changes",), [{**NEW_ORDER, "foundries": []}])],
     "changes[0].foundries: have no workers between them"),
    ([(("foundries", 0, "workers"), 0), (("changes",), [NEW_ORDER])],
     "changes[0].foundries: have no workers between them"),
    ([(("changes",), [{"kind": "close", "foundry": "F1"}, NEW_ORDER])],
     "changes[1].foundries: have no workers between them"),
    ([(("changes",), [{**NEW_ORDER, "units_per_month": -3}])],
     "changes[0].units_per_month: must be at least 0"),
    ([(("changes",), [{**NEW_ORDER, "unit_price": -3}])],
     "changes[0].unit_price: must be at least 0"),
    ([(("changes",), [SUBSTITUTE_HALF, {"kind": "close", "foundry": "F3"}])],
     "changes[1].foundry: is not a foundry of the scenario"),
    ([(("changes",), [{"kind": "import"}])],
     "changes[0].kind: must be substitute, new_order or close"),
    ([(("changes",), "all")], "changes: must be a list"),
    ([(("foundries",), None)], "foundries: must be a list"),
    ([(("multipliers", "employment", "type1"), 0.9)],
     "multipliers.employment.type1: must be at least 1"),
    ([(("multipliers", "output", "type2"), 1.7)],
     "multipliers.output.type2: must be at least type1"),
    ([(("multipliers", "output"), None)], "multipliers.output: must be an object"),
])
def test_bad_input_names_its_path(edits, expected):
    with pytest.raises(ScenarioError) as exc:
        outcome_json(_with(edits))
    assert str(exc.value) == expected
    assert f"{exc.value.path}: {exc.value.message}" == expected


# --- properties ---------------------------------------------------------------------------

BUYERS = st.sampled_from(["KAI", "INKA"])
FAMILIES = st.sampled_from(["brake-block", "brake-drum"])
products = st.builds(Product, family=FAMILIES, buyer=BUYERS,
                     units_per_month=st.integers(0, 5000),
                     unit_price=st.integers(1, 500_000).map(D))


@st.composite
def clusters(draw):
    n = draw(st.integers(1, 4))
    return [Foundry(id=f"F{i}", workers=draw(st.integers(0, 60)),
                    products=tuple(draw(st.lists(products, max_size=3)))) for i in range(n)]


multipliers = st.tuples(st.decimals("1", "3", places=2), st.decimals("0", "2", places=2),
                        st.decimals("1", "3", places=2), st.decimals("0", "2", places=2)).map(
    lambda t: Multipliers(t[0], t[0] + t[1], t[2], t[2] + t[3]))
shares = st.decimals("0", "1", places=3)


def _baseline_revenue(foundries):
    return sum(p.units_per_month * p.unit_price for f in foundries for p in f.products)


@given(clusters(), BUYERS, FAMILIES)
def test_share_zero_changes_nothing(foundries, buyer, family):
    outcome = run(foundries, [Substitute(buyer, family, D(0))], DEFAULT.multipliers)
    assert outcome.revenue_change == 0 and outcome.direct_jobs == 0
    assert all(line.units_after == line.units_before
               for f in outcome.foundries for line in f.lines)


@given(clusters(), st.one_of(
    st.builds(Substitute, buyer=BUYERS, family=FAMILIES, share=shares),
    st.builds(NewOrder, buyer=BUYERS, family=FAMILIES, units_per_month=st.integers(0, 9000),
              unit_price=st.integers(0, 500_000).map(D), foundries=st.just(("F0",)))))
def test_revenue_change_and_direct_jobs_have_the_same_sign(foundries, change):
    assume(_baseline_revenue(foundries) > 0)
    if isinstance(change, NewOrder):
        assume(foundries[0].workers > 0)
    outcome = run(foundries, [change], DEFAULT.multipliers)
    assert outcome.revenue_change * outcome.direct_jobs >= 0
    for f in outcome.foundries:
        assert (f.revenue_after - f.revenue_before) * f.direct_jobs >= 0


@given(clusters(), st.integers(0, 100_000), st.data())
def test_a_new_orders_units_are_all_allocated(foundries, units, data):
    names = data.draw(st.lists(st.sampled_from([f.id for f in foundries]), min_size=1,
                               unique=True))
    workers = {f.id: f.workers for f in foundries}
    assume(sum(workers[n] for n in names) > 0 and _baseline_revenue(foundries) > 0)
    order = NewOrder("OTOPARTS", "brake-drum", units, D(1000), tuple(names))
    outcome = run(foundries, [order], DEFAULT.multipliers)
    got = {f.id: sum(line.units_after for line in f.lines if line.buyer == "OTOPARTS")
           for f in outcome.foundries}
    assert sum(got.values()) == units
    total = sum(workers[n] for n in names)
    for name in names:
        assert units * workers[name] // total <= got[name] <= units * workers[name] // total + 1


@given(clusters(), multipliers)
def test_closing_every_foundry_loses_every_worker(foundries, m):
    outcome = run(foundries, [Close(f.id) for f in foundries], m)
    assert outcome.direct_jobs == -sum(f.workers for f in foundries)
    assert outcome.revenue_change == -outcome.baseline_revenue
    assert all(f.revenue_after == 0 for f in outcome.foundries)


@given(clusters(), BUYERS, FAMILIES, shares, multipliers)
def test_indirect_and_induced_jobs_are_proportional_to_direct(foundries, buyer, family, share,
                                                              m):
    outcome = run(foundries, [Substitute(buyer, family, share)], m)
    assert outcome.indirect_jobs == outcome.direct_jobs * (m.employment_type1 - 1)
    assert outcome.induced_jobs == outcome.direct_jobs * (m.employment_type2 - m.employment_type1)
    assert outcome.output_type2 == outcome.revenue_change * m.output_type2


@given(st.integers(0, 10_000), st.lists(st.integers(0, 50), min_size=1, max_size=6))
def test_split_gives_every_unit_within_one_of_its_share(units, workers):
    assume(sum(workers) > 0)
    shares = split(units, workers)
    assert sum(shares) == units
    for share, w in zip(shares, workers, strict=True):
        assert units * w // sum(workers) <= share <= units * w // sum(workers) + 1
        assert w or not share
