"""`pasok sampling plan` and `pasok sampling run` (docs/interfaces.md): JSON out, bad input
is exit status 2 with the field named."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pasok import cli

EXAMPLE = {"start": "normal", "lots": [{"lot_size": 500, "nonconforming": 1},
                                       {"lot_size": 800, "nonconforming": 0}]}


def _plan(*args):
    out = io.StringIO()
    call_command("sampling_plan", *args, stdout=out)
    return json.loads(out.getvalue())


def _run(tmp_path, data, *args):
    path = tmp_path / "lots.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("sampling_run", str(path), *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_interfaces_plan_example():
    assert _plan("--lot-size", "2000", "--aql", "1.0") == {
        "code_letter": "K", "plan_letter": "K", "sample_size": 125, "accept": 3, "reject": 4,
        "full_inspection": False}


def test_plan_level_severity_arrows_and_full_inspection():
    assert _plan("--lot-size", "500", "--aql", "1", "--severity", "tightened") == {
        "code_letter": "H", "plan_letter": "J", "sample_size": 80, "accept": 1, "reject": 2,
        "full_inspection": False}
    assert _plan("--lot-size", "5", "--aql", "1.0", "--level", "S-1") == {
        "code_letter": "A", "plan_letter": "E", "sample_size": 5, "accept": 0, "reject": 1,
        "full_inspection": True}


def test_two_words_name_the_command(capsys):
    cli.main(["sampling", "plan", "--lot-size", "500", "--aql", "1.0"])
    assert json.loads(capsys.readouterr().out)["code_letter"] == "H"


def test_the_interfaces_run_example(tmp_path):
    assert _run(tmp_path, EXAMPLE, "--aql", "1.0") == {
        "lots": [{"severity": "normal", "code_letter": "H", "plan_letter": "H",
                  "sample_size": 50, "accept": 1, "reject": 2, "accepted": True,
                  "switching_score": 2},
                 {"severity": "normal", "code_letter": "J", "plan_letter": "J",
                  "sample_size": 80, "accept": 2, "reject": 3, "accepted": True,
                  "switching_score": 5}],
        "state": "normal", "switching_score": 5}


def test_run_switches_and_writes_out(tmp_path):
    lots = {"lots": [{"lot_size": 500, "nonconforming": 2}] * 2}
    target = tmp_path / "out.json"
    path = tmp_path / "lots.json"
    path.write_text(json.dumps(lots))
    call_command("sampling_run", str(path), "--aql", "1.0", "--out", str(target),
                 stdout=io.StringIO())
    result = json.loads(target.read_text())
    assert [lot["accepted"] for lot in result["lots"]] == [False, False]
    assert result["state"] == "tightened" and result["switching_score"] == 0


def test_start_defaults_to_normal_and_may_be_reduced(tmp_path):
    result = _run(tmp_path, {"start": "reduced", "lots": [{"lot_size": 500,
                                                           "nonconforming": 0}]}, "--aql", "1")
    assert result["lots"][0]["severity"] == "reduced"
    assert (result["lots"][0]["plan_letter"], result["lots"][0]["sample_size"]) == ("J", 32)
    assert _run(tmp_path, {"lots": []}, "--aql", "1") == {"lots": [], "state": "normal",
                                                          "switching_score": 0}


DISCONTINUING = {"start": "tightened", "lots": [{"lot_size": 500, "nonconforming": 9}] * 5}


@pytest.mark.parametrize(("args", "message"), [
    (("--lot-size", "1", "--aql", "1.0"), "--lot-size: must be a whole number of at least 2"),
    (("--lot-size", "many", "--aql", "1.0"), "--lot-size: must be a whole number of at least 2"),
    (("--lot-size", "500", "--aql", "1.3"),
     "--aql: must be one of the standard's AQL values (0.010 ... 1000)"),
    (("--lot-size", "500", "--aql", "1.0", "--level", "IV"),
     "--level: must be one of S-1, S-2, S-3, S-4, I, II, III"),
    (("--lot-size", "500", "--aql", "1.0", "--severity", "strict"),
     "--severity: must be one of normal, tightened, reduced"),
])
def test_plan_bad_input_exits_2_naming_the_field(args, message):
    with pytest.raises(CommandError) as exc:
        _plan(*args)
    assert exc.value.returncode == 2
    assert str(exc.value) == message


@pytest.mark.parametrize(("data", "args", "message"), [
    (EXAMPLE, ("--aql", "3"), "--aql: must be one of the standard's AQL values (0.010 ... 1000)"),
    (EXAMPLE, ("--aql", "1", "--level", "ii"),
     "--level: must be one of S-1, S-2, S-3, S-4, I, II, III"),
    ([], ("--aql", "1"), "(top): must be an object"),
    ({"start": "discontinued", "lots": []}, ("--aql", "1"),
     "start: must be one of normal, tightened, reduced"),
    ({"lots": {}}, ("--aql", "1"), "lots: must be a list"),
    ({"lots": [7]}, ("--aql", "1"), "lots[0]: must be an object"),
    ({"lots": [{"nonconforming": 0}]}, ("--aql", "1"),
     "lots[0].lot_size: must be a whole number of at least 2"),
    ({"lots": [{"lot_size": 500, "nonconforming": 0}, {"lot_size": 50.5, "nonconforming": 0}]},
     ("--aql", "1"), "lots[1].lot_size: must be a whole number of at least 2"),
    ({"lots": [{"lot_size": 500, "nonconforming": -1}]}, ("--aql", "1"),
     "lots[0].nonconforming: must be a whole number of at least 0"),
    ({"lots": [{"lot_size": 500, "nonconforming": True}]}, ("--aql", "1"),
     "lots[0].nonconforming: must be a whole number of at least 0"),
    ({"lots": [{"lot_size": 500, "nonconforming": 51}]}, ("--aql", "1"),
     "lots[0].nonconforming: must be at most the sample size 50"),
    ({**DISCONTINUING, "lots": [*DISCONTINUING["lots"], {"lot_size": 500, "nonconforming": 0}]},
     ("--aql", "1"), "lots[5]: inspection was discontinued after 5 lots not accepted on "
                     "tightened inspection (ISO 2859-1 9.4): later lots are not inspected"),
])
def test_run_bad_input_exits_2_naming_the_field(tmp_path, data, args, message):
    with pytest.raises(CommandError) as exc:
        _run(tmp_path, data, *args)
    assert exc.value.returncode == 2
    assert str(exc.value) == message


def test_discontinued_is_the_state_after_the_fifth_rejection(tmp_path):
    result = _run(tmp_path, DISCONTINUING, "--aql", "1")
    assert [lot["severity"] for lot in result["lots"]] == ["tightened"] * 5
    assert result["state"] == "discontinued"


def test_run_malformed_json_exits_2(tmp_path):
    with pytest.raises(CommandError) as exc:
        _run(tmp_path, "{not json", "--aql", "1")
    assert exc.value.returncode == 2
