"""ISO 2859-1:1999 Tables II-A, II-B and II-C, cell by cell, against transcriptions that others
made from printed copies of the standard, each typed here in its source's own layout (not from
tables.py), and compared with what plan() returns:

- GB/T 2828.1-2012, China's identical adoption of ISO 2859-1:1999, Tables 2-A, 2-B and 2-C, all
  26 AQL columns, each cell as the code letter its arrows lead to and that plan's Ac (Re = Ac + 1
  in every cell): repository nihantao-crosis/quality-platform, src/core/aql.ts (MASTER_2A_RAW,
  MASTER_2B_RAW, MASTER_2C_RAW), which its authors checked cell by cell against pages 15-17 of
  the printed standard (their fixtures src/core/__tests__/fixtures/
  gbt2828-1-2012-tables-2abc-full16.tsv and gbt2828-1-2012-tables-2abc-aql15-1000.tsv).
- NTE INEN-ISO 2859-1, Ecuador's adoption, Tables 2-A, 2-B and 2-C at AQL 1.0, 4.0 and 10, the
  arrows as printed: faustoaguanor/acceptance-sampling, tests/tablas_iso2859.test.js (REF).
- AQLSchemes 1.7-2 (J. Lawson, R package; MIL-STD-105E / ANSI/ASQ Z1.4), the sample and Ac of
  every cell of II-A and II-B and the samples of the 1989 II-C (copy read:
  fjgonzalezmgt/AQLSchemesCust, R/AAZ14Single.R). MIL-STD-105E is not ISO 2859-1:1999: its II-B
  differs at A, AQL 10, and its II-C has the 1989 gaps between Ac and Re."""

import pytest

from pasok.rules.sampling import plan
from pasok.rules.sampling.plans import CELLS
from pasok.rules.sampling.tables import AQLS

LETTERS = "ABCDEFGHJKLMNPQR"

# GB/T 2828.1-2012: the sample of each code letter, Tables 2-A/2-B (S only in 2-B) and 2-C.
GB_SAMPLE = {
    "normal": dict(zip(LETTERS, (2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250,
                                 2000), strict=True)),
    "tightened": dict(zip(LETTERS + "S", (2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800,
                                          1250, 2000, 3150), strict=True)),
    "reduced": dict(zip(LETTERS, (2, 2, 2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800),
                        strict=True)),
}

# GB/T 2828.1-2012: per initial code letter, the 26 AQL columns (0.010 ... 1000), each cell the
# letter whose plan is used and its Ac; "-" a cell left blank (row S of Table 2-B).
GB = {
    "normal": {
        "A": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 A0 "
              "C1 B1 A1 A2 A3 A5 A7 A10 A14 A21 A30"),
        "B": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 A0 "
              "C1 B1 B2 B3 B5 B7 B10 B14 B21 B30 B44"),
        "C": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 D1 "
              "C1 C2 C3 C5 C7 C10 C14 C21 C30 C44 B44"),
        "D": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 E1 D1 "
              "D2 D3 D5 D7 D10 D14 D21 D30 D44 C44 B44"),
        "E": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 F1 E1 E2 "
              "E3 E5 E7 E10 E14 E21 E30 E44 D44 C44 B44"),
        "F": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 G1 F1 F2 F3 "
              "F5 F7 F10 F14 F21 E21 E30 E44 D44 C44 B44"),
        "G": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 H1 G1 G2 G3 G5 "
              "G7 G10 G14 G21 F21 E21 E30 E44 D44 C44 B44"),
        "H": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 J1 H1 H2 H3 H5 H7 "
              "H10 H14 H21 G21 F21 E21 E30 E44 D44 C44 B44"),
        "J": ("Q0 P0 N0 M0 L0 K0 J0 H0 K1 J1 J2 J3 J5 J7 J10 "
              "J14 J21 H21 G21 F21 E21 E30 E44 D44 C44 B44"),
        "K": ("Q0 P0 N0 M0 L0 K0 J0 L1 K1 K2 K3 K5 K7 K10 K14 "
              "K21 J21 H21 G21 F21 E21 E30 E44 D44 C44 B44"),
        "L": ("Q0 P0 N0 M0 L0 K0 M1 L1 L2 L3 L5 L7 L10 L14 L21 "
              "K21 J21 H21 G21 F21 E21 E30 E44 D44 C44 B44"),
        "M": ("Q0 P0 N0 M0 L0 N1 M1 M2 M3 M5 M7 M10 M14 M21 L21 "
              "K21 J21 H21 G21 F21 E21 E30 E44 D44 C44 B44"),
        "N": ("Q0 P0 N0 M0 P1 N1 N2 N3 N5 N7 N10 N14 N21 M21 L21 "
              "K21 J21 H21 G21 F21 E21 E30 E44 D44 C44 B44"),
        "P": ("Q0 P0 N0 Q1 P1 P2 P3 P5 P7 P10 P14 P21 N21 M21 L21 "
              "K21 J21 H21 G21 F21 E21 E30 E44 D44 C44 B44"),
        "Q": ("Q0 P0 R1 Q1 Q2 Q3 Q5 Q7 Q10 Q14 Q21 P21 N21 M21 L21 "
              "K21 J21 H21 G21 F21 E21 E30 E44 D44 C44 B44"),
        "R": ("Q0 P0 R1 R2 R3 R5 R7 R10 R14 R21 Q21 P21 N21 M21 L21 "
              "K21 J21 H21 G21 F21 E21 E30 E44 D44 C44 B44"),
    },
    "tightened": {
        "A": ("R0 Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 "
              "A0 C1 B1 A1 A2 A3 A5 A8 A12 A18 A27"),
        "B": ("R0 Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 "
              "D1 C1 B1 B2 B3 B5 B8 B12 B18 B27 B41"),
        "C": ("R0 Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 E1 "
              "D1 C1 C2 C3 C5 C8 C12 C18 C27 C41 B41"),
        "D": ("R0 Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 F1 E1 "
              "D1 D2 D3 D5 D8 D12 D18 D27 D41 C41 B41"),
        "E": ("R0 Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 G1 F1 E1 "
              "E2 E3 E5 E8 E12 E18 E27 E41 D41 C41 B41"),
        "F": ("R0 Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 H1 G1 F1 F2 "
              "F3 F5 F8 F12 F18 E18 E27 E41 D41 C41 B41"),
        "G": ("R0 Q0 P0 N0 M0 L0 K0 J0 H0 G0 J1 H1 G1 G2 G3 "
              "G5 G8 G12 G18 F18 E18 E27 E41 D41 C41 B41"),
        "H": ("R0 Q0 P0 N0 M0 L0 K0 J0 H0 K1 J1 H1 H2 H3 H5 "
              "H8 H12 H18 G18 F18 E18 E27 E41 D41 C41 B41"),
        "J": ("R0 Q0 P0 N0 M0 L0 K0 J0 L1 K1 J1 J2 J3 J5 J8 "
              "J12 J18 H18 G18 F18 E18 E27 E41 D41 C41 B41"),
        "K": ("R0 Q0 P0 N0 M0 L0 K0 M1 L1 K1 K2 K3 K5 K8 K12 "
              "K18 J18 H18 G18 F18 E18 E27 E41 D41 C41 B41"),
        "L": ("R0 Q0 P0 N0 M0 L0 N1 M1 L1 L2 L3 L5 L8 L12 L18 "
              "K18 J18 H18 G18 F18 E18 E27 E41 D41 C41 B41"),
        "M": ("R0 Q0 P0 N0 M0 P1 N1 M1 M2 M3 M5 M8 M12 M18 L18 "
              "K18 J18 H18 G18 F18 E18 E27 E41 D41 C41 B41"),
        "N": ("R0 Q0 P0 N0 Q1 P1 N1 N2 N3 N5 N8 N12 N18 M18 L18 "
              "K18 J18 H18 G18 F18 E18 E27 E41 D41 C41 B41"),
        "P": ("R0 Q0 P0 R1 Q1 P1 P2 P3 P5 P8 P12 P18 N18 M18 L18 "
              "K18 J18 H18 G18 F18 E18 E27 E41 D41 C41 B41"),
        "Q": ("R0 Q0 S1 R1 Q1 Q2 Q3 Q5 Q8 Q12 Q18 P18 N18 M18 L18 "
              "K18 J18 H18 G18 F18 E18 E27 E41 D41 C41 B41"),
        "R": ("R0 Q0 S1 R1 R2 R3 R5 R8 R12 R18 Q18 P18 N18 M18 L18 "
              "K18 J18 H18 G18 F18 E18 E27 E41 D41 C41 B41"),
        "S": ("- - S1 - - - - - - - - - - - - "
              "- - - - - - - - - - -"),
    },
    "reduced": {
        "A": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 A0 "
              "D1 C1 A1 A2 A3 A5 A7 A10 A14 A21 A30"),
        "B": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 A0 "
              "D1 C1 B1 B2 B3 B5 B7 B10 B14 B21 B30"),
        "C": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 B0 E1 "
              "D1 C1 C2 C3 C5 C6 C8 C10 C14 C21 B30"),
        "D": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 C0 F1 E1 "
              "D1 D2 D3 D5 D6 D8 D10 D14 D21 C21 B30"),
        "E": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 D0 G1 F1 E1 "
              "E2 E3 E5 E6 E8 E10 E14 E21 D21 C21 B30"),
        "F": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 E0 H1 G1 F1 F2 "
              "F3 F5 F6 F8 F10 E10 E14 E21 D21 C21 B30"),
        "G": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 F0 J1 H1 G1 G2 G3 "
              "G5 G6 G8 G10 F10 E10 E14 E21 D21 C21 B30"),
        "H": ("Q0 P0 N0 M0 L0 K0 J0 H0 G0 K1 J1 H1 H2 H3 H5 "
              "H6 H8 H10 G10 F10 E10 E14 E21 D21 C21 B30"),
        "J": ("Q0 P0 N0 M0 L0 K0 J0 H0 L1 K1 J1 J2 J3 J5 J6 "
              "J8 J10 H10 G10 F10 E10 E14 E21 D21 C21 B30"),
        "K": ("Q0 P0 N0 M0 L0 K0 J0 M1 L1 K1 K2 K3 K5 K6 K8 "
              "K10 J10 H10 G10 F10 E10 E14 E21 D21 C21 B30"),
        "L": ("Q0 P0 N0 M0 L0 K0 N1 M1 L1 L2 L3 L5 L6 L8 L10 "
              "K10 J10 H10 G10 F10 E10 E14 E21 D21 C21 B30"),
        "M": ("Q0 P0 N0 M0 L0 P1 N1 M1 M2 M3 M5 M6 M8 M10 L10 "
              "K10 J10 H10 G10 F10 E10 E14 E21 D21 C21 B30"),
        "N": ("Q0 P0 N0 M0 Q1 P1 N1 N2 N3 N5 N6 N8 N10 M10 L10 "
              "K10 J10 H10 G10 F10 E10 E14 E21 D21 C21 B30"),
        "P": ("Q0 P0 N0 R1 Q1 P1 P2 P3 P5 P6 P8 P10 N10 M10 L10 "
              "K10 J10 H10 G10 F10 E10 E14 E21 D21 C21 B30"),
        "Q": ("Q0 P0 N0 R1 Q1 Q2 Q3 Q5 Q6 Q8 Q10 P10 N10 M10 L10 "
              "K10 J10 H10 G10 F10 E10 E14 E21 D21 C21 B30"),
        "R": ("Q0 P0 N0 R1 R2 R3 R5 R6 R8 R10 Q10 P10 N10 M10 L10 "
              "K10 J10 H10 G10 F10 E10 E14 E21 D21 C21 B30"),
    },
}


def _cells(row: str) -> list[str]:
    cells = row.split()
    assert len(cells) == len(AQLS)
    return cells


def _aql(text: str):
    return next(a for a in AQLS if str(a) == text)


@pytest.mark.parametrize("severity", GB)
def test_every_cell_against_gb_t_2828_1(severity):
    for letter, row in GB[severity].items():
        for aql, cell in zip(AQLS, _cells(row), strict=True):
            if cell == "-":
                with pytest.raises(ValueError, match="no plan"):
                    plan(letter, aql, severity)
                continue
            found = plan(letter, aql, severity)
            expected = (cell[0], GB_SAMPLE[severity][cell[0]], int(cell[1:]), int(cell[1:]) + 1)
            assert (found.letter, found.sample_size, found.accept, found.reject) == expected, \
                (severity, letter, str(aql))


# NTE INEN-ISO 2859-1: columns AQL 1.0, 4.0 and 10, letters A to R top to bottom, each cell as
# printed: "v" / "^" the arrows, else Ac/Re.
INEN = {
    "normal": {
        "1.0": "v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^",
        "4.0": "v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^",
        "10": "v v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^",
    },
    "tightened": {
        "1.0": "v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^",
        "4.0": "v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^",
        "10": "0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^",
    },
    "reduced": {
        "1.0": "v v v v 0/1 ^ v v 1/2 2/3 3/4 5/6 6/7 8/9 10/11 ^",
        "4.0": "v 0/1 ^ v v 1/2 2/3 3/4 5/6 6/7 8/9 10/11 ^ ^ ^ ^",
        "10": "v v v 1/2 2/3 3/4 5/6 6/7 8/9 10/11 ^ ^ ^ ^ ^ ^",
    },
}


@pytest.mark.parametrize("severity", INEN)
def test_the_inen_columns_as_printed(severity):
    for aql, column in INEN[severity].items():
        cells = column.split()
        assert len(cells) == len(LETTERS)
        for letter, cell in zip(LETTERS, cells, strict=True):
            ours = CELLS[severity][letter][AQLS.index(_aql(aql))]
            if cell in ("v", "^"):
                assert ours == cell, (severity, letter, aql)
            else:
                accept, reject = (int(n) for n in cell.split("/"))
                assert (ours, reject) == (str(accept), accept + 1), (severity, letter, aql)



# AQLSchemes (MIL-STD-105E): per initial code letter, the 26 AQL columns, each cell the sample
# size the arrows lead to and that plan's Ac.
MIL_STD = {
    "normal": {
        "A": ("1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 20/0 "
              "13/0 8/0 5/0 3/0 2/0 5/1 3/1 2/1 2/2 2/3 "
              "2/5 2/7 2/10 2/14 2/21 2/30"),
        "B": ("1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 20/0 "
              "13/0 8/0 5/0 3/0 2/0 5/1 3/1 3/2 3/3 3/5 "
              "3/7 3/10 3/14 3/21 3/30 3/44"),
        "C": ("1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 20/0 "
              "13/0 8/0 5/0 3/0 8/1 5/1 5/2 5/3 5/5 5/7 "
              "5/10 5/14 5/21 5/30 5/44 3/44"),
        "D": ("1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 20/0 "
              "13/0 8/0 5/0 13/1 8/1 8/2 8/3 8/5 8/7 8/10 "
              "8/14 8/21 8/30 8/44 5/44 3/44"),
        "E": ("1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 20/0 "
              "13/0 8/0 20/1 13/1 13/2 13/3 13/5 13/7 13/10 13/14 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "F": ("1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 20/0 "
              "13/0 32/1 20/1 20/2 20/3 20/5 20/7 20/10 20/14 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "G": ("1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 20/0 "
              "50/1 32/1 32/2 32/3 32/5 32/7 32/10 32/14 32/21 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "H": ("1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 80/1 "
              "50/1 50/2 50/3 50/5 50/7 50/10 50/14 50/21 32/21 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "J": ("1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 125/1 80/1 "
              "80/2 80/3 80/5 80/7 80/10 80/14 80/21 50/21 32/21 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "K": ("1250/0 800/0 500/0 315/0 200/0 125/0 80/0 200/1 125/1 125/2 "
              "125/3 125/5 125/7 125/10 125/14 125/21 80/21 50/21 32/21 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "L": ("1250/0 800/0 500/0 315/0 200/0 125/0 315/1 200/1 200/2 200/3 "
              "200/5 200/7 200/10 200/14 200/21 125/21 80/21 50/21 32/21 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "M": ("1250/0 800/0 500/0 315/0 200/0 500/1 315/1 315/2 315/3 315/5 "
              "315/7 315/10 315/14 315/21 200/21 125/21 80/21 50/21 32/21 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "N": ("1250/0 800/0 500/0 315/0 800/1 500/1 500/2 500/3 500/5 500/7 "
              "500/10 500/14 500/21 315/21 200/21 125/21 80/21 50/21 32/21 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "P": ("1250/0 800/0 500/0 1250/1 800/1 800/2 800/3 800/5 800/7 800/10 "
              "800/14 800/21 500/21 315/21 200/21 125/21 80/21 50/21 32/21 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "Q": ("1250/0 800/0 2000/1 1250/1 1250/2 1250/3 1250/5 1250/7 1250/10 1250/14 "
              "1250/21 800/21 500/21 315/21 200/21 125/21 80/21 50/21 32/21 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
        "R": ("1250/0 800/0 2000/1 2000/2 2000/3 2000/5 2000/7 2000/10 2000/14 2000/21 "
              "1250/21 800/21 500/21 315/21 200/21 125/21 80/21 50/21 32/21 20/21 "
              "13/21 13/30 13/44 8/44 5/44 3/44"),
    },
    "tightened": {
        "A": ("2000/0 1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 "
              "20/0 13/0 8/0 5/0 3/0 8/1 5/1 3/1 2/1 2/2 "
              "2/3 2/5 2/8 2/12 2/18 2/27"),
        "B": ("2000/0 1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 "
              "20/0 13/0 8/0 5/0 3/0 8/1 5/1 3/1 3/2 3/3 "
              "3/5 3/8 3/12 3/18 3/27 3/41"),
        "C": ("2000/0 1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 "
              "20/0 13/0 8/0 5/0 13/1 8/1 5/1 5/2 5/3 5/5 "
              "5/8 5/12 5/18 5/27 5/41 3/41"),
        "D": ("2000/0 1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 "
              "20/0 13/0 8/0 20/1 13/1 8/1 8/2 8/3 8/5 8/8 "
              "8/12 8/18 8/27 8/41 5/41 3/41"),
        "E": ("2000/0 1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 "
              "20/0 13/0 32/1 20/1 13/1 13/2 13/3 13/5 13/8 13/12 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "F": ("2000/0 1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 "
              "20/0 50/1 32/1 20/1 20/2 20/3 20/5 20/8 20/12 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "G": ("2000/0 1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 32/0 "
              "80/1 50/1 32/1 32/2 32/3 32/5 32/8 32/12 32/18 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "H": ("2000/0 1250/0 800/0 500/0 315/0 200/0 125/0 80/0 50/0 125/1 "
              "80/1 50/1 50/2 50/3 50/5 50/8 50/12 50/18 32/18 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "J": ("2000/0 1250/0 800/0 500/0 315/0 200/0 125/0 80/0 200/1 125/1 "
              "80/1 80/2 80/3 80/5 80/8 80/12 80/18 50/18 32/18 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "K": ("2000/0 1250/0 800/0 500/0 315/0 200/0 125/0 315/1 200/1 125/1 "
              "125/2 125/3 125/5 125/8 125/12 125/18 80/18 50/18 32/18 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "L": ("2000/0 1250/0 800/0 500/0 315/0 200/0 500/1 315/1 200/1 200/2 "
              "200/3 200/5 200/8 200/12 200/18 125/18 80/18 50/18 32/18 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "M": ("2000/0 1250/0 800/0 500/0 315/0 800/1 500/1 315/1 315/2 315/3 "
              "315/5 315/8 315/12 315/18 200/18 125/18 80/18 50/18 32/18 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "N": ("2000/0 1250/0 800/0 500/0 1250/1 800/1 500/1 500/2 500/3 500/5 "
              "500/8 500/12 500/18 315/18 200/18 125/18 80/18 50/18 32/18 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "P": ("2000/0 1250/0 800/0 2000/1 1250/1 800/1 800/2 800/3 800/5 800/8 "
              "800/12 800/18 500/18 315/18 200/18 125/18 80/18 50/18 32/18 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "Q": ("2000/0 1250/0 3150/1 2000/1 1250/1 1250/2 1250/3 1250/5 1250/8 1250/12 "
              "1250/18 800/18 500/18 315/18 200/18 125/18 80/18 50/18 32/18 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
        "R": ("2000/0 1250/0 3150/1 2000/1 2000/2 2000/3 2000/5 2000/8 2000/12 2000/18 "
              "1250/18 800/18 500/18 315/18 200/18 125/18 80/18 50/18 32/18 20/18 "
              "13/18 13/27 13/41 8/41 5/41 3/41"),
    },
}
# Where MIL-STD-105E II-B and ISO 2859-1:1999 II-B differ: MIL-STD prints an arrow down (to
# D, n 8, Ac 1), GB/T 2828.1 and NTE INEN-ISO 2859-1 print Ac 0 on n 2.
MIL_STD_NOT_ISO = {("tightened", "A", "10"): (2, 0)}


@pytest.mark.parametrize("severity", MIL_STD)
def test_ii_a_and_ii_b_against_mil_std_105e(severity):
    differences = {}
    for letter, row in MIL_STD[severity].items():
        for aql, cell in zip(AQLS, _cells(row), strict=True):
            found = plan(letter, aql, severity)
            if (found.sample_size, found.accept) != tuple(int(n) for n in cell.split("/")):
                differences[(severity, letter, str(aql))] = (found.sample_size, found.accept)
    assert differences == {key: value for key, value in MIL_STD_NOT_ISO.items()
                           if key[0] == severity}


# AQLSchemes' II-C is MIL-STD-105E's (the 1989 edition's): per code letter, the sample of each
# of the 26 cells; "*" marks its plans Ac 0 / Re 2, which the 1999 edition dropped for arrows.
MIL_STD_REDUCED_SAMPLE = {
    "A": ("500 315 200 125 80 50 32 20 13 8 5 3 2 2 2 "
          "2* 2* 2 2 2 2 2 2 2 2 2"),
    "B": ("500 315 200 125 80 50 32 20 13 8 5 3 2 2 2 "
          "2* 2* 2 2 2 2 2 2 2 2 2"),
    "C": ("500 315 200 125 80 50 32 20 13 8 5 3 2 2 3* "
          "2* 2 2 2 2 2 2 2 2 2 2"),
    "D": ("500 315 200 125 80 50 32 20 13 8 5 3 2 5* 3* "
          "3 3 3 3 3 3 3 3 3 2 2"),
    "E": ("500 315 200 125 80 50 32 20 13 8 5 3 8* 5* 5 "
          "5 5 5 5 5 5 5 5 3 2 2"),
    "F": ("500 315 200 125 80 50 32 20 13 8 5 13* 8* 8 8 "
          "8 8 8 8 8 5 5 5 3 2 2"),
    "G": ("500 315 200 125 80 50 32 20 13 8 20* 13* 13 13 13 "
          "13 13 13 13 8 5 5 5 3 2 2"),
    "H": ("500 315 200 125 80 50 32 20 13 32* 20* 20 20 20 20 "
          "20 20 20 13 8 5 5 5 3 2 2"),
    "J": ("500 315 200 125 80 50 32 20 50* 32* 32 32 32 32 32 "
          "32 32 20 13 8 5 5 5 3 2 2"),
    "K": ("500 315 200 125 80 50 32 80* 50* 50 50 50 50 50 50 "
          "50 32 20 13 8 5 5 5 3 2 2"),
    "L": ("500 315 200 125 80 50 125* 80* 80 80 80 80 80 80 80 "
          "50 32 20 13 8 5 5 5 3 2 2"),
    "M": ("500 315 200 125 80 200* 125* 125 125 125 125 125 125 125 80 "
          "50 32 20 13 8 5 5 5 3 2 2"),
    "N": ("500 315 200 125 315* 200* 200 200 200 200 200 200 200 125 80 "
          "50 32 20 13 8 5 5 5 3 2 2"),
    "P": ("500 315 200 500* 315* 315 315 315 315 315 315 315 200 125 80 "
          "50 32 20 13 8 5 5 5 3 2 2"),
    "Q": ("500 315 800* 500* 500 500 500 500 500 500 500 315 200 125 80 "
          "50 32 20 13 8 5 5 5 3 2 2"),
    "R": ("500 315 800* 800 800 800 800 800 800 800 500 315 200 125 80 "
          "50 32 20 13 8 5 5 5 3 2 2"),
}


def test_ii_c_keeps_the_1989_samples_but_where_ac_0_re_2_stood():
    changed, dropped = set(), set()
    for letter, row in MIL_STD_REDUCED_SAMPLE.items():
        for aql, cell in zip(AQLS, _cells(row), strict=True):
            if cell.endswith("*"):
                dropped.add((letter, str(aql)))
            if plan(letter, aql, "reduced").sample_size != int(cell.rstrip("*")):
                changed.add((letter, str(aql)))
    assert changed <= dropped
    assert dropped - changed == {("A", "15"), ("B", "15")}  # n 2 either way
