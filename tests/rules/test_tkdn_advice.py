"""What pulls a TKDN down and what a replacement would raise it to (rules/tkdn_advice.py):
worked examples on the docs/interfaces.md worksheet with its pig iron and machine marked as
imports (the honest, common case), and properties over generated worksheets."""

import copy
from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings

from pasok.rules.money import round_half_up
from pasok.rules.tkdn import FACTORS, HUNDRED, compute, foreign_by_nature
from pasok.rules.tkdn_advice import replacement, shortfalls, tkdn_if
from pasok.rules.tkdn_json import worksheet_from_dict
from tests.examples import INTERFACES_WORKSHEET
from tests.worksheet_strategies import worksheet_data


def _imports_marked() -> dict:
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data["materials"][0]["origin"] = "import"  # Besi kasar (pig iron)
    data["overhead"][1]["category"] = "machine_imported"  # Penyusutan mesin impor
    return data


def printed(value: Decimal) -> Decimal:
    return round_half_up(value, 2)


def test_imported_pig_iron_replaced_by_certified_domestic_pig_iron():
    # Material: 35,015 of 97,520 domestic; pig iron (58,900) at 71% adds 41,819 → 78.79%.
    # TKDN = 0.75 × 78.79 + 0.10 × 100 + 0.15 × 75 = 80.34% (48.18% as it is).
    sheet = worksheet_from_dict(_imports_marked())
    assert printed(compute(sheet).tkdn_percent) == Decimal("48.18")
    assert printed(tkdn_if(sheet, "material", 0, Decimal(71))) == Decimal("80.34")
    assert printed(tkdn_if(sheet, "material", 0, HUNDRED)) == Decimal("93.48")


def test_imported_machine_replaced_by_a_domestic_one():
    # Overhead: 9,000 + 3,000 × 100% of 12,000 = 100% → TKDN 48.18 + 0.15 × 25 = 51.93%.
    sheet = worksheet_from_dict(_imports_marked())
    assert printed(tkdn_if(sheet, "overhead", 1, HUNDRED)) == Decimal("51.93")


def test_the_replacement_is_domestic_and_certified():
    sheet = worksheet_from_dict(_imports_marked())
    pig_iron = replacement(sheet.materials[0], Decimal(71))
    assert (pig_iron.origin, pig_iron.domestic_percent) == ("domestic", Decimal(71))
    assert pig_iron.certificate and pig_iron.cost == sheet.materials[0].cost
    machine = replacement(sheet.overhead[1], Decimal(100))
    assert machine.category == "machine_domestic" and not foreign_by_nature(machine)
    # A line that is no import keeps its kind; a certificate it has stays.
    electricity = replacement(sheet.overhead[0], Decimal(90))
    assert electricity.category == sheet.overhead[0].category
    plate = replace(sheet.materials[2], certificate="TKDN-0421/2025")
    assert replacement(plate, Decimal(60)).certificate == "TKDN-0421/2025"


def test_a_replacement_counts_even_under_the_strict_rule():
    # Under "foreign" the uncertified scrap counts 0; replaced by a certified product it
    # counts as declared: material (58,900 × 0 + 31,620 + 7,000 × 0) / 97,520.
    strict = worksheet_from_dict({**_imports_marked(), "uncertified": "foreign"})
    assert printed(compute(strict).tkdn_percent) == Decimal("21.25")
    assert tkdn_if(strict, "material", 1, HUNDRED) > compute(strict).tkdn_percent


def test_shortfalls_name_the_imports_first_and_explain_the_whole_gap():
    sheet = worksheet_from_dict(_imports_marked())
    rows = shortfalls(sheet)
    assert [(r.factor, r.index) for r in rows[:2]] == [("material", 0), ("overhead", 1)]
    assert printed(rows[0].tkdn_if_domestic) == Decimal("93.48")
    gap = HUNDRED - compute(sheet).tkdn_percent
    assert abs(sum(r.points for r in rows) - gap) <= Decimal("1e-20")


PROPERTY = settings(max_examples=200, deadline=None)


@PROPERTY
@given(worksheet_data())
def test_shortfalls_add_up_to_the_gap_and_every_what_if_holds(data):
    sheet = worksheet_from_dict(data)
    tkdn = compute(sheet).tkdn_percent
    rows = shortfalls(sheet)
    gap = sum((r.points for r in rows), Decimal(0))
    assert abs(gap - (HUNDRED - tkdn)) <= Decimal("1e-18")
    assert all(r.points > 0 for r in rows)
    assert [r.points for r in rows] == sorted((r.points for r in rows), reverse=True)
    for factor in FACTORS:
        for i, line in enumerate(sheet.lines(factor)):
            fully = tkdn_if(sheet, factor, i, HUNDRED)
            none = tkdn_if(sheet, factor, i, Decimal(0))
            assert none <= tkdn_if(sheet, factor, i, Decimal(50)) <= fully <= HUNDRED
            if foreign_by_nature(line):  # an import already counts 0: replacing can only help
                assert fully >= tkdn
