"""The part catalogue (suppliers/part_catalogue.py) names only what the registry knows, and
its figures hold together."""

from decimal import Decimal

from pasok.suppliers.catalogue import CERTIFICATE_KINDS, GRADES, PART_FAMILIES, PROCESSES
from pasok.suppliers.part_catalogue import FAMILIES, PART_CATALOGUE, SECTORS, SOURCES

CASTING = {"green_sand", "no_bake", "lost_foam", "investment", "centrifugal"}


def test_every_part_family_but_other_castings_has_an_entry():
    assert sorted(FAMILIES) == sorted(code for code, _label in PART_FAMILIES if code != "other")
    assert len(FAMILIES) == len(PART_CATALOGUE)


def test_entries_name_grades_processes_certificates_and_sectors_the_registry_knows():
    grades, processes = {g for g, _f in GRADES}, {p for p, _l in PROCESSES}
    for family in PART_CATALOGUE:
        assert family.grades and set(family.grades) <= grades, family.code
        assert set(family.processes) <= processes - CASTING, family.code  # beyond casting
        assert set(family.certificates) <= dict(CERTIFICATE_KINDS).keys(), family.code
        assert family.sector in dict(SECTORS), family.code


def test_the_typical_part_lies_in_the_family_s_weight_range():
    for family in PART_CATALOGUE:
        low, high = family.weight_kg
        assert Decimal(0) < low <= family.typical_kg <= high, family.code


def test_automotive_families_ask_iatf_16949_and_machining():
    # DOMAIN.md: automotive makers require IATF 16949 and usually machining.
    for family in PART_CATALOGUE:
        if family.sector == "automotive":
            assert "iatf16949" in family.certificates and "machining" in family.processes


def test_every_market_is_an_estimate_with_its_basis():
    for family in PART_CATALOGUE:
        assert family.units_a_month > 0 and family.unit_price > 0
        assert family.market_a_month == family.units_a_month * family.unit_price
        assert str(family.volume_basis)
    assert any("Gaikindo" in source for source in SOURCES)
