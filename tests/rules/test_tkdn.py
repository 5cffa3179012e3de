"""TKDN of goods (rules.tkdn, rules.tkdn_json): worked examples as a Ceper foundry's accountant
would write them, bad input, and properties of both regimes.

Every expected value is computed by hand below with exact fractions (the arithmetic is in the
comments); the module's full-precision Decimal must agree to far more than 10 decimal places,
and what is printed is that value rounded half up to 2 decimals.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pasok.rules.money import round_half_up
from pasok.rules.tkdn import (
    CERTIFICATE_YEARS,
    FACTORS,
    WEIGHTS,
    Line,
    Regime,
    Worksheet,
    WorksheetError,
    combined_tkdn,
    compute,
    material_line,
    validate,
)
from pasok.rules.tkdn_json import result_to_dict, worksheet_from_dict
from tests.examples import INTERFACES_WORKSHEET

P35 = "permenperin-35-2025"
P16 = "permenperin-16-2011"
TOLERANCE = Fraction(1, 10**20)  # the module keeps 28 significant digits; we ask for 20 places


def run(data: dict):
    return compute(worksheet_from_dict(data))


def assert_exact(value: Decimal, expected: Fraction) -> None:
    """`value` is the full-precision result: it must equal the hand-computed fraction."""
    assert isinstance(value, Decimal)
    assert abs(Fraction(value) - expected) < TOLERANCE, (value, float(expected))


def printed(value: Decimal) -> Decimal:
    return round_half_up(value, 2)


def mat(name, quantity, unit_price, domestic_percent, certificate=None) -> dict:
    item = {"name": name, "quantity": quantity, "unit_price": unit_price,
            "domestic_percent": domestic_percent}
    if certificate:
        item["certificate"] = certificate
    return item


def cost(name, amount, domestic_percent) -> dict:
    return {"name": name, "cost": amount, "domestic_percent": domestic_percent}


# The worksheet of docs/interfaces.md (`pasok tkdn compute`), exactly as printed there.


# --- the weights and constants are the regulation's -----------------------------------------

def test_weights_of_35_2025_are_pasal_4_and_add_up_to_one():
    weights = WEIGHTS[Regime.P35_2025]
    assert weights == {"material": Decimal("0.75"), "labour": Decimal("0.10"),
                       "overhead": Decimal("0.15")}
    assert sum(weights.values()) == 1
    assert FACTORS == ("material", "labour", "overhead")


def test_certificate_validity_years():
    assert CERTIFICATE_YEARS[Regime.P35_2025] == 5
    assert CERTIFICATE_YEARS[Regime.P16_2011] == 3


def test_default_regime_is_35_2025():
    data = {k: v for k, v in INTERFACES_WORKSHEET.items() if k != "regime"}
    assert worksheet_from_dict(data).regime is Regime.P35_2025
    assert Worksheet(product="x").regime is Regime.P35_2025


# --- worked examples, Permenperin 35/2025 -----------------------------------------------------

def test_interfaces_example_brake_block_type_k():
    # Material lines (cost = quantity × unit price):
    #   pig iron, imported     6.2 × 9,500 = 58,900   × 0%    = 0
    #   local steel scrap      5.1 × 6,200 = 31,620   × 100%  = 31,620
    #   steel backing plate    1   × 7,000 =  7,000   × 48.5% =  3,395
    #   Σ cost = 97,520; Σ domestic = 35,015
    #   KDN_material = 35,015 / 97,520 × 100 = 175,075/4,876 % = 35.905455291…%
    # Labour: 14,000 × 100% → KDN_labour = 100%
    # Overhead: 9,000 × 100% + 3,000 × 0% = 9,000 of 12,000 → KDN_overhead = 75%
    # TKDN = 0.75 × 175,075/4,876 + 0.10 × 100 + 0.15 × 75
    #      = 26.929091468… + 10 + 11.25 = 939,685/19,504 % = 48.179091468…% → 48.18
    material = Fraction(31620 * 100 + 7000 * Fraction("48.5"), 97520)
    assert material == Fraction(175075, 4876)
    tkdn = Fraction(3, 4) * material + Fraction(1, 10) * 100 + Fraction(15, 100) * 75
    assert tkdn == Fraction(939685, 19504)

    result = run(INTERFACES_WORKSHEET)
    assert_exact(result.factors["material"].domestic_percent, material)
    assert_exact(result.factors["labour"].domestic_percent, Fraction(100))
    assert_exact(result.factors["overhead"].domestic_percent, Fraction(75))
    assert_exact(result.tkdn_percent, tkdn)
    assert result.total_cost == 123520
    assert printed(result.tkdn_percent) == Decimal("48.18")

    out = result_to_dict(result)
    warnings = out.pop("warnings")
    assert out == {
        "regime": "permenperin-35-2025", "product": "Blok rem besi cor tipe K",
        "tkdn_percent": 48.18,
        "factors": {"material": {"cost": 97520, "domestic_percent": 35.91},
                    "labour": {"cost": 14000, "domestic_percent": 100.0},
                    "overhead": {"cost": 12000, "domestic_percent": 75.0}},
        "total_cost": 123520,
    }
    # Local scrap (100%) and the backing plate (48.5%) claim local content without a
    # certificate number: both are flagged (DOMAIN.md), the imported pig iron is not.
    assert [w.split(":")[0] for w in warnings] == ["materials[1] Scrap baja lokal",
                                                   "materials[2] Pelat punggung baja"]


def test_warning_goes_away_with_a_certificate_number():
    data = {**INTERFACES_WORKSHEET, "materials": [
        INTERFACES_WORKSHEET["materials"][0],
        mat("Scrap baja lokal", 5.1, 6200, 100, certificate="TKDN-0101/2025"),
        mat("Pelat punggung baja", 1, 7000, 48.5, certificate="TKDN-0913/2025")]}
    result = run(data)
    assert result.warnings == ()
    assert printed(result.tkdn_percent) == Decimal("48.18")


def test_manhole_cover_d400_with_a_foreign_technician_and_an_imported_machine():
    # Tutup manhole D400 (≈ 60 kg, cupola melt), one unit:
    #   pig iron, imported       30   ×  9,800 = 294,000 × 0%   =       0
    #   local steel scrap        28   ×  6,500 = 182,000 × 100% = 182,000
    #   ferro-silicon, imported   0.9 × 32,000 =  28,800 × 0%   =       0
    #   foundry coke, imported   12   ×  5,200 =  62,400 × 0%   =       0
    #   silica sand + bentonite  45   ×    400 =  18,000 × 100% =  18,000
    #   Σ = 585,200; domestic 200,000 → KDN_material = 200,000/585,200 × 100 = 50,000/1,463 %
    #     = 34.176349965…%
    # Labour: moulding 45,000 + melting/pouring 30,000 + fettling 15,000 (Indonesian, 100%)
    #   + foreign technician 10,000 (0%) → 90,000 / 100,000 = 90%
    # Overhead: electricity 25,000 (100%) + depreciation of a domestic moulding machine 8,000
    #   (100%) + depreciation of an imported shot-blast machine 12,000 (0%) + tools 5,000 (40%)
    #   → (25,000 + 8,000 + 2,000) / 50,000 = 70%
    # TKDN = 0.75 × 50,000/1,463 + 0.10 × 90 + 0.15 × 70 = 25.632262474… + 9 + 10.5
    #      = 132,057/2,926 % = 45.132262474…% → 45.13
    data = {
        "regime": P35, "product": "Tutup manhole D400",
        "materials": [mat("Besi kasar impor", 30, 9800, 0),
                      mat("Scrap baja lokal", 28, 6500, 100),
                      mat("Ferro-silicon impor", 0.9, 32000, 0),
                      mat("Kokas impor", 12, 5200, 0),
                      mat("Pasir silika + bentonit", 45, 400, 100)],
        "labour": [cost("Operator cetak", 45000, 100), cost("Operator lebur dan tuang", 30000, 100),
                   cost("Operator finishing", 15000, 100), cost("Teknisi asing", 10000, 0)],
        "overhead": [cost("Listrik", 25000, 100), cost("Penyusutan mesin cetak lokal", 8000, 100),
                     cost("Penyusutan mesin shot-blast impor", 12000, 0),
                     cost("Alat bantu", 5000, 40)],
    }
    material = Fraction(200000 * 100, 585200)
    assert material == Fraction(50000, 1463)
    tkdn = Fraction(3, 4) * material + Fraction(1, 10) * 90 + Fraction(15, 100) * 70
    assert tkdn == Fraction(132057, 2926)

    result = run(data)
    assert result.factors["material"].cost == 585200
    assert result.factors["labour"].cost == 100000
    assert result.factors["overhead"].cost == 50000
    assert result.total_cost == 735200
    assert_exact(result.factors["material"].domestic_percent, material)
    assert_exact(result.factors["labour"].domestic_percent, Fraction(90))
    assert_exact(result.factors["overhead"].domestic_percent, Fraction(70))
    assert_exact(result.tkdn_percent, tkdn)
    assert printed(result.tkdn_percent) == Decimal("45.13")
    out = result_to_dict(result)
    assert out["tkdn_percent"] == 45.13
    assert out["factors"]["material"] == {"cost": 585200, "domestic_percent": 34.18}
    assert out["factors"]["labour"] == {"cost": 100000, "domestic_percent": 90.0}
    assert out["factors"]["overhead"] == {"cost": 50000, "domestic_percent": 70.0}
    # Every domestic material without a certificate number is flagged for the verifier.
    assert all("without a TKDN certificate number" in w for w in out["warnings"])


def test_pump_housing_fc200_with_certified_domestic_components():
    # Rumah pompa FC200 (≈ 25 kg, induction melt, machined):
    #   domestic pig iron, TKDN cert 62.35%  12   ×  9,400 = 112,800 × 62.35% =  70,330.8
    #   local steel scrap                    10   ×  6,300 =  63,000 × 100%   =  63,000
    #   ferro-silicon, imported               0.35 × 31,000 =  10,850 × 0%     =       0
    #   foundry coke, imported                4   ×  5,400 =  21,600 × 0%     =       0
    #   silica sand + bentonite, local       30   ×    450 =  13,500 × 100%   =  13,500
    #   primer paint, TKDN cert 45.8%         0.4 × 60,000 =  24,000 × 45.8%  =  10,992
    #   Σ = 245,750; domestic 157,822.8 → KDN_material = 157,822.8/245,750 × 100
    #     = 1,578,228/24,575 % = 64.220874872…%
    # Labour: moulding 28,000 + melting 12,000 + machinist 15,000 (100%) + foreign technician
    #   5,000 (0%) → 55,000/60,000 = 275/3 % = 91.666…%
    # Overhead: induction-furnace electricity 22,000 (100%) + imported CNC depreciation 11,000
    #   (0%) + domestic machine depreciation 6,000 (100%) + tools 4,000 (25%)
    #   → 29,000/43,000 = 2,900/43 % = 67.441860465…%
    # TKDN = 0.75 × 1,578,228/24,575 + 0.10 × 275/3 + 0.15 × 2,900/43
    #      = 48.165656154… + 9.166666666… + 10.116279069… = 427,647,743/6,340,350 %
    #      = 67.448601891…% → 67.45
    data = {
        "regime": P35, "product": "Rumah pompa FC200",
        "materials": [mat("Besi kasar domestik", 12, 9400, 62.35, "TKDN-0421/2025"),
                      mat("Scrap baja lokal", 10, 6300, 100),
                      mat("Ferro-silicon impor", 0.35, 31000, 0),
                      mat("Kokas impor", 4, 5400, 0),
                      mat("Pasir silika + bentonit", 30, 450, 100),
                      mat("Cat primer", 0.4, 60000, 45.8, "TKDN-1187/2024")],
        "labour": [cost("Operator cetak", 28000, 100), cost("Operator lebur", 12000, 100),
                   cost("Operator mesin bubut", 15000, 100), cost("Teknisi asing", 5000, 0)],
        "overhead": [cost("Listrik tungku induksi", 22000, 100),
                     cost("Penyusutan CNC impor", 11000, 0),
                     cost("Penyusutan mesin lokal", 6000, 100), cost("Alat bantu", 4000, 25)],
    }
    material = (112800 * Fraction("62.35") + 63000 * 100 + 13500 * 100
                + 24000 * Fraction("45.8")) / 245750
    assert material == Fraction(1578228, 24575)
    labour, overhead = Fraction(275, 3), Fraction(2900, 43)
    tkdn = Fraction(3, 4) * material + Fraction(1, 10) * labour + Fraction(15, 100) * overhead
    assert tkdn == Fraction(427647743, 6340350)

    result = run(data)
    assert result.factors["material"].domestic_cost == Decimal("157822.8")
    assert_exact(result.factors["material"].domestic_percent, material)
    assert_exact(result.factors["labour"].domestic_percent, labour)
    assert_exact(result.factors["overhead"].domestic_percent, overhead)
    assert_exact(result.tkdn_percent, tkdn)
    assert printed(result.tkdn_percent) == Decimal("67.45")
    out = result_to_dict(result)
    assert out["tkdn_percent"] == 67.45
    assert out["factors"]["material"]["domestic_percent"] == 64.22
    assert out["factors"]["labour"]["domestic_percent"] == 91.67
    assert out["factors"]["overhead"]["domestic_percent"] == 67.44
    assert out["total_cost"] == 348750
    assert all("without a TKDN certificate number" in w for w in out["warnings"])


def test_ductile_fcd450_bracket_rounds_half_up():
    # Braket FCD450 (automotive, induction melt, nodularised):
    #   pig iron, imported             2.5  × 10,000 = 25,000 × 0%   =      0
    #   local steel scrap              3    ×  5,000 = 15,000 × 100% = 15,000
    #   ferro-silicon, imported        0.1  × 30,000 =  3,000 × 0%   =      0
    #   FeSiMg nodulariser, imported   0.08 × 50,000 =  4,000 × 0%   =      0
    #   sand + bentonite, local       10    ×    300 =  3,000 × 100% =  3,000
    #   Σ = 50,000; domestic 18,000 → KDN_material = 36%
    # Labour: operators 9,000 (100%) + foreign technician 1,000 (0%) → 90%
    # Overhead: induction furnace electricity 6,000 (100%) + imported machine depreciation
    #   2,500 (0%) + tools 1,500 (50%) → 6,750/10,000 = 67.5%
    # TKDN = 0.75 × 36 + 0.10 × 90 + 0.15 × 67.5 = 27 + 9 + 10.125 = 46.125% exactly
    #   → half up: 46.13 (half-even, and Python's round() of the float, would give 46.12)
    data = {
        "regime": P35, "product": "Braket FCD450",
        "materials": [mat("Besi kasar impor", 2.5, 10000, 0), mat("Scrap baja lokal", 3, 5000, 100),
                      mat("Ferro-silicon impor", 0.1, 30000, 0),
                      mat("FeSiMg impor", 0.08, 50000, 0),
                      mat("Pasir + bentonit", 10, 300, 100)],
        "labour": [cost("Operator", 9000, 100), cost("Teknisi asing", 1000, 0)],
        "overhead": [cost("Listrik tungku induksi", 6000, 100),
                     cost("Penyusutan mesin impor", 2500, 0), cost("Alat bantu", 1500, 50)],
    }
    result = run(data)
    assert result.tkdn_percent == Decimal("46.125")
    assert round(46.125, 2) == 46.12  # what a float-and-round() implementation would print
    assert printed(result.tkdn_percent) == Decimal("46.13")
    assert result_to_dict(result)["tkdn_percent"] == 46.13
    assert result_to_dict(result)["factors"]["overhead"]["domestic_percent"] == 67.5


def test_factor_share_half_up():
    # Factor shares exactly x.xx5: material 1,405 domestic of 4,000 = 35.125% → 35.13 (not
    # 35.12); overhead 2,810 of 8,000 = 35.125% → 35.13. TKDN = 0.75 × 35.125 + 0.10 × 100
    # + 0.15 × 35.125 = 26.34375 + 10 + 5.26875 = 41.6125% → 41.61.
    data = {"regime": P35, "product": "Tutup saluran",
            "materials": [mat("Scrap baja lokal", 1, 1405, 100),
                          mat("Besi kasar impor", 1, 2595, 0)],
            "labour": [cost("Operator", 1000, 100)],
            "overhead": [cost("Listrik", 2810, 100), cost("Penyusutan mesin impor", 5190, 0)]}
    result = run(data)
    assert result.factors["material"].domestic_percent == Decimal("35.125")
    assert result.factors["overhead"].domestic_percent == Decimal("35.125")
    assert result.tkdn_percent == Decimal("41.6125")
    assert result_to_dict(result)["tkdn_percent"] == 41.61
    assert result_to_dict(result)["factors"]["material"]["domestic_percent"] == 35.13
    assert result_to_dict(result)["factors"]["overhead"]["domestic_percent"] == 35.13


# --- worked examples, Permenperin 16/2011 -----------------------------------------------------

def test_interfaces_worksheet_under_16_2011_gives_a_different_tkdn():
    # Same lines, cost-based: Σ domestic / Σ cost over all lines together
    #   = (35,015 + 14,000 + 9,000) / (97,520 + 14,000 + 12,000) × 100
    #   = 58,015 / 123,520 × 100 = 290,075/6,176 % = 46.968102331…% → 46.97 (vs 48.18)
    tkdn = Fraction(58015 * 100, 123520)
    assert tkdn == Fraction(290075, 6176)
    result = run({**INTERFACES_WORKSHEET, "regime": P16})
    assert result.regime is Regime.P16_2011
    assert_exact(result.tkdn_percent, tkdn)
    assert printed(result.tkdn_percent) == Decimal("46.97")
    out = result_to_dict(result)
    assert out["regime"] == P16
    assert out["tkdn_percent"] == 46.97
    # the factor shares are the same figures; only the total differs
    assert out["factors"]["material"]["domestic_percent"] == 35.91
    assert run(INTERFACES_WORKSHEET).tkdn_percent != result.tkdn_percent


VALVE_BODY = {
    "product": "Badan katup (gate valve) FC250",
    "materials": [mat("Besi kasar domestik", 8, 9600, 41.27, "TKDN-16/2011-0388"),
                  mat("Scrap baja lokal", 6, 6300, 100),
                  mat("Ferro-silicon impor", 0.2, 31500, 0),
                  mat("Pasir inti resin impor", 1.5, 12000, 0),
                  mat("Pasir silika lokal", 20, 350, 100)],
    "labour": [cost("Operator (WNI)", 40000, 100)],
    "overhead": [cost("Listrik tungku induksi", 18000, 100),
                 cost("Penyusutan CNC impor", 9000, 0),
                 cost("Penyusutan mesin lokal", 4000, 100), cost("Alat bantu", 3000, 30)],
}


def test_valve_body_under_16_2011():
    # Production cost = material + labour + factory overhead:
    #   materials 76,800 + 37,800 + 6,300 + 18,000 + 7,000 = 145,900
    #   labour 40,000; overhead 18,000 + 9,000 + 4,000 + 3,000 = 34,000 → Σ 219,900
    # Domestic: 76,800 × 41.27% = 31,695.36; + 37,800 + 7,000 (materials)
    #   + 40,000 (labour) + 18,000 + 4,000 + 3,000 × 30% = 900 (overhead) = 139,395.36
    # TKDN = (219,900 − 80,504.64 foreign) / 219,900 × 100 = 139,395.36 / 219,900 × 100
    #      = 1,161,628/18,325 % = 63.390341064…% → 63.39
    domestic = 76800 * Fraction("41.27") / 100 + 37800 + 7000 + 40000 + 18000 + 4000 + 900
    assert domestic == Fraction("139395.36")
    tkdn = domestic * 100 / 219900
    assert tkdn == Fraction(1161628, 18325)
    # the regulation's own form: (production cost − foreign cost) / production cost
    assert (219900 - (219900 - domestic)) * 100 / 219900 == tkdn

    result = run({**VALVE_BODY, "regime": P16})
    assert result.total_cost == 219900
    assert_exact(result.tkdn_percent, tkdn)
    assert printed(result.tkdn_percent) == Decimal("63.39")
    assert result_to_dict(result)["tkdn_percent"] == 63.39


def test_valve_body_under_35_2025():
    # KDN_material = (31,695.36 + 37,800 + 7,000) / 145,900 × 100 = 1,912,384/36,475 %
    #              = 52.429993145…%
    # KDN_labour = 100; KDN_overhead = 22,900/34,000 × 100 = 1,145/17 % = 67.352941176…%
    # TKDN = 0.75 × 52.429993145… + 10 + 0.15 × 67.352941176…
    #      = 39.322494859… + 10 + 10.102941176… = 147,392,909/2,480,300 % = 59.425436035…%
    #   → 59.43, four points below the 16/2011 figure of the same worksheet (63.39)
    material = (76800 * Fraction("41.27") / 100 + 37800 + 7000) * 100 / 145900
    overhead = Fraction(22900 * 100, 34000)
    tkdn = Fraction(3, 4) * material + Fraction(1, 10) * 100 + Fraction(15, 100) * overhead
    assert tkdn == Fraction(147392909, 2480300)
    result = run({**VALVE_BODY, "regime": P35})
    assert_exact(result.factors["material"].domestic_percent, material)
    assert_exact(result.factors["overhead"].domestic_percent, Fraction(1145, 17))
    assert_exact(result.tkdn_percent, tkdn)
    assert printed(result.tkdn_percent) == Decimal("59.43")


def test_16_2011_half_up_and_a_factor_without_lines():
    # Small grating, cost-based, moulding subcontracted (no labour lines: allowed under 16/2011):
    #   materials: local scrap 0.5 × 5,000 = 2,500 (100%); imported pig iron 0.3 × 10,000
    #     = 3,000 (0%)
    #   overhead: electricity 150 (100%), local moulding subcontract 1,200 (100%), imported
    #     machine depreciation 1,150 (0%)
    #   Σ cost = 8,000; Σ domestic = 2,500 + 150 + 1,200 = 3,850
    #   TKDN = 3,850 / 8,000 × 100 = 48.125% exactly → half up 48.13
    data = {"regime": P16, "product": "Grating kecil",
            "materials": [mat("Scrap baja lokal", 0.5, 5000, 100),
                          mat("Besi kasar impor", 0.3, 10000, 0)],
            "labour": [],
            "overhead": [cost("Listrik", 150, 100), cost("Jasa cetak (subkon lokal)", 1200, 100),
                         cost("Penyusutan mesin impor", 1150, 0)]}
    result = run(data)
    assert result.total_cost == 8000
    assert result.tkdn_percent == Decimal("48.125")
    assert result_to_dict(result)["tkdn_percent"] == 48.13
    assert result.factors["labour"].cost == 0
    assert result.factors["labour"].domestic_percent == 0
    # the same sheet under 35/2025 is an input error: labour is weighed but has no cost
    with pytest.raises(WorksheetError) as exc:
        run({**data, "regime": P35})
    assert exc.value.path == "labour"


def test_all_domestic_is_exactly_100_under_both_regimes():
    data = {"product": "Blok rem (semua lokal)",
            "materials": [mat("Besi kasar domestik", 6.2, 9500, 100),
                          mat("Pelat punggung", 1, 7000, 100)],
            "labour": [cost("Operator", 14000, 100)],
            "overhead": [cost("Listrik", 9000, 100)]}
    for regime in (P35, P16):
        result = run({**data, "regime": regime})
        assert result.tkdn_percent == 100
        assert result_to_dict(result)["tkdn_percent"] == 100.0


def test_all_imported_is_zero():
    data = {"regime": P35, "product": "Blok komposit impor",
            "materials": [mat("Blok komposit", 1, 450000, 0)],
            "labour": [cost("Teknisi asing", 10000, 0)],
            "overhead": [cost("Penyusutan mesin impor", 5000, 0)]}
    assert run(data).tkdn_percent == 0
    assert run({**data, "regime": P16}).tkdn_percent == 0


# --- combined TKDN of several products --------------------------------------------------------

def test_combined_tkdn_of_a_cooperative_package():
    # Koperasi Batur Jaya delivers to KAI in one contract:
    #   brake blocks   TKDN 48.18 × 200,000 × Rp110,000 = Rp22,000,000,000
    #   manhole covers TKDN 45.13 ×     400 × Rp1,250,000 = Rp500,000,000
    #   pump housings  TKDN 67.44 ×     150 × Rp2,400,000 = Rp360,000,000
    # Σ price = 22,860,000,000
    # Σ TKDN × price = 1,059,960,000,000 + 22,565,000,000 + 24,278,400,000 = 1,106,803,400,000
    # combined = 1,106,803,400,000 / 22,860,000,000 = 5,534,017/114,300 % = 48.416596675…% → 48.42
    items = [(Decimal("48.18"), Decimal(22_000_000_000)), (Decimal("45.13"), Decimal(500_000_000)),
             (Decimal("67.44"), Decimal(360_000_000))]
    expected = Fraction(1_106_803_400_000, 22_860_000_000)
    assert expected == Fraction(5534017, 114300)
    value = combined_tkdn(items)
    assert_exact(value, expected)
    assert printed(value) == Decimal("48.42")


def test_combined_tkdn_of_one_product_is_its_tkdn_and_zero_total_is_refused():
    assert combined_tkdn([(Decimal("37.5"), Decimal(1000))]) == Decimal("37.5")
    # a free sample line weighs nothing
    assert combined_tkdn([(Decimal(40), Decimal(1000)), (Decimal(90), Decimal(0))]) == 40
    with pytest.raises(ValueError, match="more than 0"):
        combined_tkdn([])
    with pytest.raises(ValueError, match="more than 0"):
        combined_tkdn([(Decimal(50), Decimal(0))])


# --- bad input --------------------------------------------------------------------------------

def _base(**changes) -> dict:
    data = {"regime": P35, "product": "Blok rem",
            "materials": [mat("Besi kasar", 6.2, 9500, 0), mat("Scrap", 5.1, 6200, 100)],
            "labour": [cost("Operator", 14000, 100)],
            "overhead": [cost("Listrik", 9000, 100), cost("Penyusutan", 3000, 0)]}
    data.update(changes)
    return data


_DELETE = object()


def _with(factor: str, index: int, **fields) -> dict:
    data = _base()
    data[factor] = [dict(item) for item in data[factor]]
    for key, value in fields.items():
        if value is _DELETE:
            del data[factor][index][key]
        else:
            data[factor][index][key] = value
    return data



@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with("materials", 1, unit_price=-6200), "materials[1].unit_price: must be >= 0"),
        (_with("materials", 0, quantity=-1), "materials[0].quantity: must be >= 0"),
        (_with("labour", 0, cost=-1), "labour[0].cost: must be >= 0"),
        (_with("overhead", 1, cost=-0.01), "overhead[1].cost: must be >= 0"),
        (_with("materials", 0, domestic_percent=-0.01),
         "materials[0].domestic_percent: must be between 0 and 100"),
        (_with("overhead", 1, domestic_percent=100.01),
         "overhead[1].domestic_percent: must be between 0 and 100"),
        (_with("labour", 0, domestic_percent=150),
         "labour[0].domestic_percent: must be between 0 and 100"),
        (_base(materials=[]), "materials: must not be empty"),
        (_base(regime="permenperin-46-2022"),
         "regime: must be one of permenperin-35-2025, permenperin-16-2011"),
        (_with("materials", 0, unit_price="sembilan ribu"),
         "materials[0].unit_price: must be a number"),
        (_with("materials", 1, quantity=True), "materials[1].quantity: must be a number"),
        (_with("labour", 0, cost=[14000]), "labour[0].cost: must be a number"),
        (_with("overhead", 0, cost={"rp": 9000}), "overhead[0].cost: must be a number"),
        (_with("materials", 0, domestic_percent="NaN"),
         "materials[0].domestic_percent: must be a number"),
        (_with("materials", 0, unit_price=float("inf")),
         "materials[0].unit_price: must be a number"),
        (_with("labour", 0, cost=float("nan")), "labour[0].cost: must be a number"),
        (_with("labour", 0, cost=None), "labour[0].cost: is required"),
        (_with("overhead", 1, cost=_DELETE), "overhead[1].cost: is required"),
        (_with("materials", 1, domestic_percent=_DELETE),
         "materials[1].domestic_percent: is required"),
        (_with("materials", 0, unit_price=_DELETE), "materials[0].unit_price: is required"),
        (_with("materials", 0, name=7), "materials[0].name: must be text"),
        (_base(product=12), "product: must be text"),
        (_base(materials={"name": "Besi"}), "materials: must be a list"),
        (_base(labour="Operator 14000"), "labour: must be a list"),
        (_base(overhead=None), "overhead: must be a list"),
        (_base(materials=["Besi kasar"]), "materials[0]: must be an object"),
        (_base(overhead=[cost("Listrik", 9000, 100), 3000]), "overhead[1]: must be an object"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_bad_input_names_the_field(data, message):
    with pytest.raises(WorksheetError) as exc:
        run(data)
    assert str(exc.value) == message
    path, _, what = message.partition(": ")
    assert exc.value.path == path
    assert exc.value.message == what


@pytest.mark.parametrize("top", [[], "worksheet", 5, None])
def test_top_level_must_be_an_object(top):
    with pytest.raises(WorksheetError) as exc:
        worksheet_from_dict(top)
    assert str(exc.value) == "(top): must be an object"


@pytest.mark.parametrize("regime", [["permenperin-35-2025"], {"name": "35/2025"}])
def test_regime_of_the_wrong_type_is_a_worksheet_error(regime):
    with pytest.raises(WorksheetError) as exc:
        worksheet_from_dict(_base(regime=regime))
    assert str(exc.value) == "regime: must be one of permenperin-35-2025, permenperin-16-2011"


def test_worksheet_error_is_a_value_error():
    assert issubclass(WorksheetError, ValueError)


@pytest.mark.parametrize("factor", ["labour", "overhead"])
def test_factor_with_zero_total_is_an_error_under_35_2025(factor):
    for lines in ([], [cost("Nol", 0, 100)]):
        with pytest.raises(WorksheetError) as exc:
            run(_base(**{factor: lines}))
        assert exc.value.path == factor
        assert "total 0" in exc.value.message
        assert "permenperin-35-2025" in exc.value.message
        # … but allowed under 16/2011 while the production cost is above 0
        result = run(_base(regime=P16, **{factor: lines}))
        assert result.factors[factor].cost == 0
        assert 0 < result.tkdn_percent < 100


def test_materials_of_zero_cost_under_both_regimes():
    free = [mat("Scrap hibah", 0, 6200, 100), mat("Besi kasar", 6.2, 0, 0)]
    with pytest.raises(WorksheetError) as exc:
        run(_base(materials=free))
    assert exc.value.path == "materials"
    # 16/2011: fine while labour and overhead cost something: (14,000 + 9,000)/26,000
    result = run(_base(regime=P16, materials=free))
    assert_exact(result.tkdn_percent, Fraction(23000 * 100, 26000))
    # … but not when the whole production cost is 0
    with pytest.raises(WorksheetError) as exc:
        run(_base(regime=P16, materials=free, labour=[], overhead=[]))
    assert str(exc.value) == "materials: the production cost totals 0"


def test_validate_on_objects_built_in_code():
    good = worksheet_from_dict(_base())
    validate(good)  # no error
    bad = good.with_line("labour", 0, Line("Operator", Decimal(-5), Decimal(100)))
    with pytest.raises(WorksheetError, match=r"^labour\[0\]\.cost: must be >= 0$"):
        validate(bad)
    with pytest.raises(WorksheetError, match=r"^labour\[0\]\.cost: must be >= 0$"):
        compute(bad)
    with pytest.raises(WorksheetError, match=r"^materials: must not be empty$"):
        compute(Worksheet(product="kosong"))


def test_numbers_as_text_are_accepted():
    text = _base(materials=[mat("Besi kasar", "6.2", "9500", "0"),
                            mat("Scrap", "5.1", "6200", "100")])
    assert run(text).tkdn_percent == run(_base()).tkdn_percent


def test_material_cost_is_quantity_times_unit_price_without_float_noise():
    line = worksheet_from_dict(_base()).materials[0]
    assert line.quantity == Decimal("6.2")
    assert line.unit_price == 9500
    assert line.cost == Decimal("58900.0")
    assert material_line("x", Decimal("0.1"), Decimal("0.1"), Decimal(0)).cost == Decimal("0.01")


# --- properties ---------------------------------------------------------------------------------

percents = st.decimals(min_value=0, max_value=100, places=2)
# small enough that every product and sum is exact in Decimal's 28 digits (before dividing)
amounts = st.decimals(min_value=0, max_value=10_000_000, places=2)
positive_amounts = st.decimals(min_value=1, max_value=10_000_000, places=2)
quantities = st.decimals(min_value=0, max_value=1000, places=3)

material_lines = st.builds(material_line, st.just("bahan"), quantities, amounts, percents)
cost_lines = st.builds(Line, st.just("biaya"), amounts, percents)
# one line per factor with a cost of at least Rp1, so every factor has a total above 0
sure_material = st.builds(material_line, st.just("bahan"),
                          st.decimals(min_value=1, max_value=1000, places=3), positive_amounts,
                          percents)
sure_cost = st.builds(Line, st.just("biaya"), positive_amounts, percents)


@st.composite
def worksheets(draw, regime=None):
    regime = draw(st.sampled_from(list(Regime))) if regime is None else regime
    materials = [draw(sure_material), *draw(st.lists(material_lines, max_size=5))]
    if regime == Regime.P35_2025:
        labour = [draw(sure_cost), *draw(st.lists(cost_lines, max_size=3))]
        overhead = [draw(sure_cost), *draw(st.lists(cost_lines, max_size=3))]
    else:
        labour = draw(st.lists(cost_lines, max_size=3))
        overhead = draw(st.lists(cost_lines, max_size=3))
    order = draw(st.permutations(range(len(materials))))
    materials = [materials[i] for i in order]  # the sure line is not always first
    return Worksheet(product="p", regime=regime, materials=tuple(materials),
                     labour=tuple(labour), overhead=tuple(overhead))


def _share(lines) -> Fraction:
    total = sum((Fraction(ln.cost) for ln in lines), Fraction(0))
    return sum((Fraction(ln.cost) * Fraction(ln.domestic_percent) for ln in lines),
               Fraction(0)) / total


PROPERTY = settings(max_examples=150, deadline=None)


@PROPERTY
@given(worksheets())
def test_tkdn_is_between_0_and_100(sheet):
    result = compute(sheet)
    assert 0 <= result.tkdn_percent <= 100
    for factor in FACTORS:
        assert 0 <= result.factors[factor].domestic_percent <= 100
    assert 0 <= result_to_dict(result)["tkdn_percent"] <= 100


@PROPERTY
@given(worksheets())
def test_all_domestic_is_100(sheet):
    domestic = Worksheet(
        product=sheet.product, regime=sheet.regime,
        **{key: tuple(Line(ln.name, ln.cost, Decimal(100)) for ln in sheet.lines(f))
           for f, key in zip(FACTORS, ("materials", "labour", "overhead"), strict=True)})
    assert compute(domestic).tkdn_percent == 100


@PROPERTY
@given(worksheets(), st.data())
def test_raising_a_lines_domestic_share_never_lowers_tkdn(sheet, data):
    factor = data.draw(st.sampled_from([f for f in FACTORS if sheet.lines(f)]))
    index = data.draw(st.integers(0, len(sheet.lines(factor)) - 1))
    line = sheet.lines(factor)[index]
    higher = data.draw(st.decimals(min_value=line.domestic_percent, max_value=100, places=2))
    raised = sheet.with_line(factor, index,
                             Line(line.name, line.cost, higher, line.certificate, line.quantity,
                                  line.unit_price))
    before, after = compute(sheet).tkdn_percent, compute(raised).tkdn_percent
    assert after >= before
    if higher > line.domestic_percent and line.cost > 0:
        assert after > before


@PROPERTY
@given(worksheets(Regime.P35_2025))
def test_35_2025_is_the_weighted_sum_of_the_factor_shares(sheet):
    # computed independently, in exact fractions, from the lines
    shares = {f: _share(sheet.lines(f)) for f in FACTORS}
    expected = (Fraction(3, 4) * shares["material"] + Fraction(1, 10) * shares["labour"]
                + Fraction(15, 100) * shares["overhead"])
    result = compute(sheet)
    assert_exact(result.tkdn_percent, expected)
    for factor in FACTORS:
        assert_exact(result.factors[factor].domestic_percent, shares[factor])
    weighted = sum((WEIGHTS[Regime.P35_2025][f] * result.factors[f].domestic_percent
                    for f in FACTORS), Decimal(0))
    assert abs(Fraction(weighted) - Fraction(result.tkdn_percent)) < TOLERANCE


@PROPERTY
@given(worksheets(Regime.P16_2011))
def test_16_2011_is_domestic_cost_over_production_cost(sheet):
    every = [ln for f in FACTORS for ln in sheet.lines(f)]
    result = compute(sheet)
    assert_exact(result.tkdn_percent, _share(every))
    assert result.total_cost == sum((ln.cost for ln in every), Decimal(0))


@PROPERTY
@given(worksheets(), st.decimals(min_value="0.01", max_value=100, places=2))
def test_scaling_every_cost_leaves_tkdn_unchanged(sheet, k):
    def scale(ln: Line, material: bool) -> Line:
        if material:
            return material_line(ln.name, ln.quantity, ln.unit_price * k, ln.domestic_percent)
        return Line(ln.name, ln.cost * k, ln.domestic_percent)

    scaled = Worksheet(product=sheet.product, regime=sheet.regime,
                       materials=tuple(scale(ln, True) for ln in sheet.materials),
                       labour=tuple(scale(ln, False) for ln in sheet.labour),
                       overhead=tuple(scale(ln, False) for ln in sheet.overhead))
    assert compute(scaled).tkdn_percent == compute(sheet).tkdn_percent
    assert compute(scaled).total_cost == compute(sheet).total_cost * k


@PROPERTY
@given(worksheets(), st.randoms(use_true_random=False))
def test_line_order_does_not_matter(sheet, rnd):
    def shuffled(lines):
        lines = list(lines)
        rnd.shuffle(lines)
        return tuple(lines)

    other = Worksheet(product=sheet.product, regime=sheet.regime,
                      materials=shuffled(sheet.materials), labour=shuffled(sheet.labour),
                      overhead=shuffled(sheet.overhead))
    assert compute(other).tkdn_percent == compute(sheet).tkdn_percent


@PROPERTY
@given(st.lists(st.tuples(percents, positive_amounts), min_size=1, max_size=8))
def test_combined_tkdn_lies_between_the_products(items):
    value = combined_tkdn(items)
    tkdns = [t for t, _p in items]
    assert min(tkdns) <= value <= max(tkdns)
    expected = (sum((Fraction(t) * Fraction(p) for t, p in items), Fraction(0))
                / sum((Fraction(p) for _t, p in items), Fraction(0)))
    assert_exact(value, expected)


@PROPERTY
@given(worksheets())
def test_printed_figures_are_half_up_of_the_full_precision(sheet):
    result = compute(sheet)
    out = result_to_dict(result)
    assert out["tkdn_percent"] == float(round_half_up(result.tkdn_percent, 2))
    for factor in FACTORS:
        assert out["factors"][factor]["domestic_percent"] == float(
            round_half_up(result.factors[factor].domestic_percent, 2))
        assert out["factors"][factor]["cost"] == float(round_half_up(result.factors[factor].cost))
    assert out["total_cost"] == float(round_half_up(result.total_cost))


def test_the_strict_rule_counts_uncertified_domestic_material_as_foreign():
    """DOMAIN.md: a domestic component without a certificate is counted under the rule the
    user selects. Under "foreign" the scrap (100%) and the plate (48.5%) count 0: material
    share 0 → TKDN = 0.10·100 + 0.15·75 = 21.25."""
    strict = run({**INTERFACES_WORKSHEET, "uncertified": "foreign"})
    assert strict.tkdn_percent == Decimal("21.25")
    assert len(strict.warnings) == 2  # still flagged, so the supplier sees why


def test_an_unknown_counting_rule_is_an_input_error():
    with pytest.raises(WorksheetError, match="uncertified: must be declared or foreign"):
        worksheet_from_dict({**INTERFACES_WORKSHEET, "uncertified": "lenient"})


def test_an_import_or_an_imported_machine_carries_no_local_content():
    data = {**INTERFACES_WORKSHEET, "materials": [
        {**INTERFACES_WORKSHEET["materials"][0], "origin": "import", "domestic_percent": 10},
        *INTERFACES_WORKSHEET["materials"][1:]]}
    with pytest.raises(WorksheetError, match=r"materials\[0\].domestic_percent: must be 0"):
        run(data)
    overhead = {**INTERFACES_WORKSHEET, "overhead": [
        {"name": "Penyusutan mesin impor", "cost": 3000, "domestic_percent": 50,
         "category": "machine_imported"}]}
    with pytest.raises(WorksheetError, match=r"overhead\[0\].domestic_percent: must be 0"):
        run(overhead)
    with pytest.raises(WorksheetError, match=r"overhead\[0\].category: must be one of"):
        worksheet_from_dict({**INTERFACES_WORKSHEET, "overhead": [
            {"name": "x", "cost": 1, "domestic_percent": 0, "category": "coffee"}]})
    labelled = {**INTERFACES_WORKSHEET, "materials": [
        {**INTERFACES_WORKSHEET["materials"][0], "origin": "import"},
        *INTERFACES_WORKSHEET["materials"][1:]]}
    assert printed(run(labelled).tkdn_percent) == Decimal("48.18")


def test_weights_given_with_the_sheet_must_add_up_to_one():
    with pytest.raises(WorksheetError, match="weights: must give material, labour and"):
        run({**INTERFACES_WORKSHEET, "weights": {"material": 0.8, "labour": 0.1,
                                                 "overhead": 0.15}})
    same = run({**INTERFACES_WORKSHEET, "weights": {"material": "0.75", "labour": "0.10",
                                                    "overhead": "0.15"}})
    assert printed(same.tkdn_percent) == Decimal("48.18")


def test_errors_carry_a_code_and_its_parameters_beside_the_english():
    """The pages word the code in the reader's language; the CLI prints the English."""
    machine = {**INTERFACES_WORKSHEET, "overhead": [
        {"name": "Penyusutan mesin impor", "cost": 3000, "domestic_percent": 5,
         "category": "machine_imported"}]}
    with pytest.raises(WorksheetError) as exc:
        run(machine)
    assert (exc.value.path, exc.value.code, exc.value.params) == (
        "overhead[0].domestic_percent", "foreign_by_nature", {"what": "machine_imported"})
    assert str(exc.value) == "overhead[0].domestic_percent: must be 0 for an import"
    with pytest.raises(WorksheetError) as exc:
        worksheet_from_dict({**INTERFACES_WORKSHEET, "regime": "permenperin-46-2022"})
    assert exc.value.code == "not_one_of"
    assert exc.value.params == {"choices": "permenperin-35-2025, permenperin-16-2011"}
