import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

EXAMPLE = {
    "package_value": 12_000_000_000, "max_preference_percent": 25,
    "bids": [
        {"id": "B1", "price": 2_750_000_000, "origin": "domestic", "tkdn_percent": 41.2,
         "bmp_percent": 6.0},
        {"id": "B2", "price": 2_300_000_000, "origin": "import"},
        {"id": "B3", "price": 2_600_000_000, "origin": "domestic", "tkdn_percent": None,
         "siinas_registered": True},
    ],
}


def _run(tmp_path, data, *extra):
    path = tmp_path / "tender.json"
    path.write_text(json.dumps(data))
    out = io.StringIO()
    call_command("preference_evaluate", str(path), *extra, stdout=out)
    return json.loads(out.getvalue()) if out.getvalue() else None


def test_interfaces_example(tmp_path):
    result = _run(tmp_path, EXAMPLE)
    assert result["winner"] == "B1"
    assert [(b["id"], b["tier"], b["admissible"], b["rank"]) for b in result["bids"]] == [
        ("B1", "a", True, 1), ("B2", "import", False, None), ("B3", "d", False, None)]
    # KP = 41.2% × 25% = 0.103; HEA = 0.897 × 2,750,000,000.
    assert result["bids"][0]["kp"] == 0.103
    assert result["bids"][0]["hea"] == 2_466_750_000


def test_out_writes_a_file(tmp_path):
    target = tmp_path / "result.json"
    assert _run(tmp_path, EXAMPLE, "--out", str(target)) is None
    assert json.loads(target.read_text())["winner"] == "B1"


@pytest.mark.parametrize(("change", "message"), [
    ({"package_value": -1}, "package_value: must be >= 0"),
    ({"max_preference_percent": 30}, "max_preference_percent: must be at most 25"),
    ({"bids": "B1"}, "bids: must be a list"),
    ({"bids": [{"id": "B1", "price": 0, "origin": "domestic"}]}, "bids[0].price: must be > 0"),
    ({"bids": [{"id": "B1", "price": 5, "origin": "lokal"}]},
     "bids[0].origin: must be domestic or import"),
    ({"bids": [{"id": "B1", "price": 5, "origin": "domestic", "tkdn_percent": 101}]},
     "bids[0].tkdn_percent: must be between 0 and 100"),
    ({"bids": [{"id": "B1", "price": 5, "origin": "import"},
               {"id": "B1", "price": 6, "origin": "import"}]},
     "bids[1].id: is used by an earlier bid"),
])
def test_bad_input_exits_2_naming_the_field(tmp_path, change, message):
    with pytest.raises(CommandError) as exc:
        _run(tmp_path, {**EXAMPLE, **change})
    assert exc.value.returncode == 2
    assert str(exc.value) == message


def test_malformed_json_exits_2(tmp_path):
    path = tmp_path / "t.json"
    path.write_text("{not json")
    with pytest.raises(CommandError) as exc:
        call_command("preference_evaluate", str(path))
    assert exc.value.returncode == 2
