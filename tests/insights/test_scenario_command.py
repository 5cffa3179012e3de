"""`pasok insights scenario FILE` (docs/interfaces.md): the interface's example through the
command, standard input, --out, and bad input as exit status 2 with the field named."""

import io
import json
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pasok import cli

EXAMPLE = {
    "multipliers": {"output": {"type1": 1.8, "type2": 2.3},
                    "employment": {"type1": 1.5, "type2": 1.9}},
    "foundries": [{"id": "F1", "workers": 24, "products": [
        {"family": "brake-block", "buyer": "KAI", "units_per_month": 1800,
         "unit_price": 110000}]}],
    "changes": [{"kind": "substitute", "buyer": "KAI", "family": "brake-block", "share": 0.5}],
}
EXPECTED = {
    "baseline": {"revenue": 198000000, "workers": 24},
    "change": {"revenue": -99000000, "direct_jobs": -12.0, "indirect_jobs": -6.0,
               "induced_jobs": -4.8, "output_type1": -178200000, "output_type2": -227700000},
    "foundries": [{"id": "F1", "revenue_before": 198000000, "revenue_after": 99000000,
                   "direct_jobs": -12.0}],
}


def _file(tmp_path, data) -> str:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _run(source, *extra):
    out = io.StringIO()
    call_command("insights_scenario", source, *extra, stdout=out)
    return json.loads(out.getvalue()) if out.getvalue() else None


def test_interfaces_example(tmp_path):
    assert _run(_file(tmp_path, EXAMPLE)) == EXPECTED


def test_jobs_print_as_json_numbers_with_a_decimal_point(tmp_path):
    out = io.StringIO()
    call_command("insights_scenario", _file(tmp_path, EXAMPLE), stdout=out)
    assert '"direct_jobs": -12.0' in out.getvalue()
    assert '"revenue": -99000000' in out.getvalue()


def test_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(EXAMPLE).encode())))
    assert _run("-") == EXPECTED


def test_out_writes_a_file(tmp_path):
    target = tmp_path / "result.json"
    assert _run(_file(tmp_path, EXAMPLE), "--out", str(target)) is None
    assert json.loads(target.read_text(encoding="utf-8")) == EXPECTED


@pytest.mark.parametrize(("change", "message"), [
    ({"foundries": [{"id": "F1", "workers": -1}]}, "foundries[0].workers: must be at least 0"),
    ({"changes": [{"kind": "substitute", "buyer": "KAI", "family": "brake-block",
                   "share": 2}]}, "changes[0].share: must be between 0 and 1"),
    ({"changes": [{"kind": "close", "foundry": "F3"}]},
     "changes[0].foundry: is not a foundry of the scenario"),
    ({"changes": [{"kind": "new_order", "buyer": "OTOPARTS", "family": "brake-drum",
                   "units_per_month": 3000, "unit_price": 185000, "foundries": ["F1", "F2"]}]},
     "changes[0].foundries[1]: is not a foundry of the scenario"),
])
def test_bad_input_exits_2_naming_the_field(tmp_path, change, message):
    with pytest.raises(CommandError) as exc:
        _run(_file(tmp_path, {**EXAMPLE, **change}))
    assert exc.value.returncode == 2
    assert str(exc.value) == message


def test_malformed_json_exits_2(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("{not json")
    with pytest.raises(CommandError) as exc:
        call_command("insights_scenario", str(path))
    assert exc.value.returncode == 2


def test_two_words_on_the_command_line(tmp_path, capsys):
    cli.main(["insights", "scenario", _file(tmp_path, EXAMPLE)])
    assert json.loads(capsys.readouterr().out) == EXPECTED
    bad = _file(tmp_path, {**EXAMPLE, "foundries": [{"id": "F1", "workers": -1}]})
    with pytest.raises(SystemExit) as exc:
        cli.main(["insights", "scenario", bad])
    assert exc.value.code == 2
    assert "foundries[0].workers: must be at least 0" in capsys.readouterr().err
