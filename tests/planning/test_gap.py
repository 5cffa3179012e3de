"""The gap target: the engine stops once the plan's cost is proven within `gap` of the
least cost, reports the gap it proved, and no step proves more than it was asked."""

import numpy as np
import pytest

from pasok.planning import fairness, highs, lagrange, periods, replan, solve, verify
from pasok.planning.instance import parse
from pasok.planning.solve import allocate


@pytest.mark.parametrize("gap", [0.05, 0.01])
@pytest.mark.parametrize("decomposed", [False, True])
def test_the_plan_is_within_the_target_of_the_least_cost(cluster, cluster_optimum,
                                                         monkeypatch, gap, decomposed):
    if decomposed:
        monkeypatch.setattr(solve, "EXACT_COLUMNS", 0)
    inst = parse(cluster)
    result = allocate(inst, time_limit=20, gap=gap)
    assert result.status == "optimal"
    assert result.gap <= gap
    assert result.lower_bound <= cluster_optimum + 1e-6
    # cost − least ≤ cost − bound ≤ gap × cost
    assert result.objective - cluster_optimum <= gap * result.objective + 1e-6
    assert verify.violations(inst, result.x, result.unmet) == []


def test_a_looser_target_stops_sooner_with_a_dearer_plan(cluster):
    inst = parse(cluster)
    loose, close = (allocate(inst, time_limit=20, gap=g) for g in (0.05, 0.01))
    assert 0.01 < loose.gap <= 0.05 and close.gap <= 0.01
    assert loose.objective > close.objective


def test_no_exact_milp_once_the_bound_proves_the_target(cluster, monkeypatch):
    def exact(*args, **kwargs):
        raise AssertionError("the exact MILP ran though the target was proven")

    monkeypatch.setattr(solve, "_exact", exact)
    result = allocate(parse(cluster), time_limit=20, gap=0.01)
    assert result.status == "optimal" and result.gap <= 0.01


def test_every_milp_stops_at_the_callers_target(tiny, monkeypatch):
    asked = []
    solve_highs = highs.solve

    def recording(model, **options):
        if model.integrality is not None:
            asked.append(options["mip_gap"])
        return solve_highs(model, **options)

    monkeypatch.setattr(highs, "solve", recording)
    inst = parse(tiny)
    least = allocate(inst, time_limit=10, gap=1e-7)           # the exact path, steadier
    fairness.fairer(inst, least, tolerance=0.01, time_limit=10, gap=1e-7)
    replan.replan(inst, least.x, ordered_periods=1, time_limit=10, gap=1e-7)
    assert len(asked) >= 5 and set(asked) == {1e-7}


def test_a_milp_without_a_target_is_refused(tiny):
    model = solve.integer_model(parse(tiny), solve.usable_upper(parse(tiny)))
    with pytest.raises(TypeError):
        highs.solve(model, time_limit=1)


@pytest.mark.parametrize("gap", [-0.1, 1, 2])
def test_the_target_is_a_fraction(tiny, gap):
    with pytest.raises(ValueError, match="gap"):
        allocate(parse(tiny), gap=gap)


def test_any_multipliers_give_a_bound_the_year_lp_a_close_one(cluster, cluster_optimum):
    inst = parse(cluster)
    upper = solve.usable_upper(inst)
    relaxed = periods.PeriodModels(inst, upper)
    months, _, _ = relaxed.solve()
    rng = np.random.default_rng(7)
    for _ in range(5):
        share = rng.exponential(5.0, inst.n_pairs) * (rng.random(inst.n_pairs) < 0.5)
        floor = rng.exponential(5.0, len(inst.floor_units))
        value, _ = lagrange.bound(inst, relaxed, share, floor)
        assert value <= cluster_optimum + 1e-6
    lp = lagrange.year_lp(inst, upper, np.arange(inst.n_pairs), time_limit=10)
    value, _ = lagrange.bound(inst, relaxed, lp.share, lp.floor)
    assert months < value <= cluster_optimum + 1e-6
    assert cluster_optimum - value < 0.01 * cluster_optimum


def test_month_bounds_split_from_a_plan_keep_every_share(cluster):
    inst = parse(cluster)
    upper = solve.usable_upper(inst)
    rng = np.random.default_rng(3)
    # A fractional plan that keeps each pair's share, as an LP's would.
    by = rng.random(upper.shape) * upper
    by *= np.minimum(1, inst.pair_cap / np.maximum(by.sum(axis=1), 1e-9))[:, None]
    for split in (periods.split_share(inst, upper), periods.split_share(inst, upper, by)):
        assert (split <= upper).all() and (split == np.round(split)).all()
        binds = upper.sum(axis=1) > inst.pair_cap
        assert (split[binds].sum(axis=1) <= inst.pair_cap[binds]).all()
        assert (split[~binds] == upper[~binds]).all()  # nothing to keep: untouched
    floors = periods.split_floors(inst, by)
    assert (floors.sum(axis=1) >= inst.floor_units).all()
