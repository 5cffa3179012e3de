"""`pasok allocate` (docs/interfaces.md): JSON in, JSON out; bad input is exit status 2 with the
field named."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(tmp_path, data, *args):
    path = tmp_path / "instance.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("allocate", str(path), *args, stdout=out)
    return json.loads(out.getvalue())


def test_allocates_and_reports_the_bound(tmp_path, tiny):
    out = run(tmp_path, tiny, "--time-limit", "10")
    assert set(out) == {"status", "objective", "lower_bound", "gap", "allocations", "unmet",
                        "seconds"}
    assert out["status"] == "optimal" and out["objective"] == 1740 and out["gap"] == 0


def test_the_gap_target_and_the_gap_proved(tmp_path, cluster):
    out = run(tmp_path, cluster, "--gap", "0.05")
    assert set(out) == {"status", "objective", "lower_bound", "gap", "allocations", "unmet",
                        "seconds"}
    assert out["status"] == "optimal"
    assert 0.01 < out["gap"] <= 0.05   # stopped at the first plan the bound proves
    assert out["gap"] == round((out["objective"] - out["lower_bound"]) / out["objective"], 6)
    assert run(tmp_path, cluster)["gap"] <= 0.001


@pytest.mark.parametrize("gap", ["0", "1", "-0.01", "1.5", "nan"])
def test_the_gap_target_is_a_fraction_between_0_and_1(tmp_path, tiny, gap):
    with pytest.raises(CommandError) as exc:
        run(tmp_path, tiny, "--gap", gap)
    assert exc.value.returncode == 2
    assert str(exc.value).startswith("--gap: must be more than 0 and less than 1")


def test_explain_and_fairness_are_added_on_request(tmp_path, tiny):
    out = run(tmp_path, tiny, "--explain", "--fair", "0.01")
    assert out["fairness"]["partners"] == ["A"]
    assert out["fairness"]["min_utilisation_after"] > out["fairness"]["min_utilisation_before"]
    assert out["objective"] == 1750 and out["lower_bound"] == 1740
    assert {s["supplier"] for s in out["explanation"]["suppliers"]} == {"A", "B"}


def test_infeasible_names_the_rule(tmp_path, tiny):
    tiny["partner_floors"][0]["min_share"] = 1
    tiny["suppliers"][0]["capacity_kg"] = 50    # 5 units a month, 10 in all, floor is 18
    out = run(tmp_path, tiny)
    assert out["status"] == "infeasible"
    assert "KAI / A" in out["reason"][0]


def _bad(tiny, path, value):
    data = copy.deepcopy(tiny)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize("path, value, field", [
    (("lines", 0, "candidates", 0, "supplier"), "Z", "lines[0].candidates[0].supplier"),
    (("lines", 0, "demand"), [12, -1], "lines[0].demand[1]"),
    (("suppliers", 1, "capacity_kg"), -5, "suppliers[1].capacity_kg"),
    (("lines", 0, "max_share"), 0, "lines[0].max_share"),
    (("lines", 0, "max_share"), 1.5, "lines[0].max_share"),
    (("lines", 0, "demand"), [1, 2, 3], "lines[0].demand"),
    (("suppliers", 0, "capacity_kg"), [1, 2, 3], "suppliers[0].capacity_kg"),
    (("periods",), 0, "periods"),
    (("unmet_penalty",), "many", "unmet_penalty"),
    (("partner_floors", 0, "supplier"), "Q", "partner_floors[0].supplier"),
    (("lines", 0, "candidates", 1, "min_lot"), 2.5, "lines[0].candidates[1].min_lot"),
])
def test_bad_input_names_the_field(tmp_path, tiny, path, value, field):
    with pytest.raises(CommandError) as exc:
        run(tmp_path, _bad(tiny, path, value))
    assert exc.value.returncode == 2
    assert str(exc.value).startswith(field + ":")


def test_malformed_json(tmp_path):
    with pytest.raises(CommandError) as exc:
        run(tmp_path, '{"periods": 12,')
    assert exc.value.returncode == 2 and "not valid JSON" in str(exc.value)


def test_nothing_to_plan(tmp_path):
    out = run(tmp_path, {"periods": 2, "unmet_penalty": 5, "suppliers": [], "lines": []})
    assert out["status"] == "optimal" and out["objective"] == 0 == out["lower_bound"]


def test_a_line_without_candidates_goes_unmet(tmp_path):
    out = run(tmp_path, {"periods": 2, "unmet_penalty": 5, "suppliers": [],
                         "lines": [{"id": "a", "buyer": "b", "unit_weight_kg": 1,
                                    "demand": [1, 2], "candidates": []}]})
    assert out["objective"] == 15 and len(out["unmet"]) == 2


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(periods=10**9), "periods: must be at most 120"),
    (lambda d: d["suppliers"][0].update(capacity_kg=1e300), "suppliers[0].capacity_kg"),
    (lambda d: d["lines"][0]["candidates"][0].update(unit_cost=1e13),
     "lines[0].candidates[0].unit_cost: must be at most 1e+12"),
    (lambda d: d.update(unmet_penalty=1e17), "unmet_penalty: must be at most 1e+16"),
])
def test_numbers_beyond_any_plan_are_refused_naming_the_field(tmp_path, tiny, change, message):
    data = copy.deepcopy(tiny)
    change(data)
    with pytest.raises(CommandError) as exc:
        run(tmp_path, data)
    assert exc.value.returncode == 2
    assert message in str(exc.value)
