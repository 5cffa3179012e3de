"""ISO 2859-1:1999 single sampling by attributes, as data: Table I (sample size code letters)
and the master Tables II-A (normal), II-B (tightened) and II-C (reduced). MIL-STD-105E prints
the same Table I and II-A; its II-B differs in one cell (A at AQL 10) and its II-C is the 1989
one, with gaps between Ac and Re. Whether ANSI/ASQ Z1.4-2003/2008 took the 1999 II-C was not
settled here (AQLSchemes, which names Z1.4, carries the 1989 one).

Where they came from: Table I as printed in ISO 2859-1:1999, checked against three independent
re-prints (inspection handbooks and a national adoption) that agree letter for letter. Tables
II-A, II-B and II-C: every cell, each arrow followed to its plan, checked against a
transcription of GB/T 2828.1-2012, China's identical adoption of ISO 2859-1:1999, that its
authors checked cell by cell against the printed pages 15-17 (repository
nihantao-crosis/quality-platform, src/core/aql.ts and its fixtures
src/core/__tests__/fixtures/gbt2828-1-2012-tables-2abc-*.tsv); the columns AQL 1.0, 4.0 and 10
of all three tables, arrows as printed, against a hand transcription of NTE INEN-ISO 2859-1,
Ecuador's adoption (faustoaguanor/acceptance-sampling, tests/tablas_iso2859.test.js). Tables
II-A and II-B also against the R package AQLSchemes (J. Lawson; MIL-STD-105E / ANSI Z1.4; copy
read: fjgonzalezmgt/AQLSchemesCust, R/AAZ14Single.R), which agrees on all 416 cells of II-A
and on all of II-B but A at AQL 10, where MIL-STD-105E prints an arrow down and both ISO
adoptions print Ac 0 on n 2. The 1989 II-C of AQLSchemes uses the same sample in every cell as
the 1999 II-C here, except where its Ac 0 / Re 2 plans stood: the 1999 edition replaced them
with arrows. Earlier checks: a US Army DPW guide's re-typing of MIL-STD-105E II-A/II-B (AQL
0.65-15) and an inspection calculator's export of II-A (AQL 0.065-6.5).
tests/rules/test_sampling_second_source.py holds the GB/T, INEN and AQLSchemes transcriptions;
tests/rules/test_sampling.py rebuilds every cell from the tables' layout. Unverified: II-C at
AQL 15-1000 rests on the GB/T transcription alone (its samples on AQLSchemes' 1989 table too);
no printed ISO copy was read here.

Cells: a number is the acceptance number Ac (Re = Ac + 1 in all three tables); "v" is the
arrow "use the first sampling plan below", "^" "use the first sampling plan above"; "-" is a
blank cell (row S of II-B has a plan only at AQL 0.025). The sample size used is the one of
the letter the arrow leads to. EDGE_CELLS lists the cells where the printed table departs
from its diagonal layout."""

from decimal import Decimal

# The 26 AQL columns (percent nonconforming, or nonconformities per 100 items above 10).
AQLS = tuple(Decimal(v) for v in (
    "0.010", "0.015", "0.025", "0.040", "0.065", "0.10", "0.15", "0.25", "0.40", "0.65",
    "1.0", "1.5", "2.5", "4.0", "6.5", "10", "15", "25", "40", "65", "100", "150", "250",
    "400", "650", "1000"))

LEVELS = ("S-1", "S-2", "S-3", "S-4", "I", "II", "III")

# Table I: upper bound of each lot size range, then the code letter per level in LEVELS order.
TABLE_I = (
    (8, "A A A A A A B"),
    (15, "A A A A A B C"),
    (25, "A A B B B C D"),
    (50, "A B B C C D E"),
    (90, "B B C C C E F"),
    (150, "B B C D D F G"),
    (280, "B C D E E G H"),
    (500, "B C D E F H J"),
    (1200, "C C E F G J K"),
    (3200, "C D E G H K L"),
    (10000, "C D F G J L M"),
    (35000, "C D F H K M N"),
    (150000, "D E G J L N P"),
    (500000, "D E G J M P Q"),
    (None, "D E H K N Q R"),  # 500 001 and over
)
SMALLEST_LOT = 2

NORMAL_SAMPLE = {"A": 2, "B": 3, "C": 5, "D": 8, "E": 13, "F": 20, "G": 32, "H": 50, "J": 80,
                 "K": 125, "L": 200, "M": 315, "N": 500, "P": 800, "Q": 1250, "R": 2000}
# II-B adds the row S, reached only through the arrows of row R.
TIGHTENED_SAMPLE = NORMAL_SAMPLE | {"S": 3150}
REDUCED_SAMPLE = {"A": 2, "B": 2, "C": 2, "D": 3, "E": 5, "F": 8, "G": 13, "H": 20, "J": 32,
                  "K": 50, "L": 80, "M": 125, "N": 200, "P": 315, "Q": 500, "R": 800}

# Table II-A, single sampling, normal inspection. Columns in AQLS order.
NORMAL = {
    "A": "v v v v v v v v v v v v v v 0 v v 1 2 3 5 7 10 14 21 30",
    "B": "v v v v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44",
    "C": "v v v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44 ^",
    "D": "v v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44 ^ ^",
    "E": "v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44 ^ ^ ^",
    "F": "v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^",
    "G": "v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^",
    "H": "v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^",
    "J": "v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "K": "v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "L": "v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "M": "v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "N": "v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "P": "v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "Q": "0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "R": "^ ^ 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
}

# Table II-B, single sampling, tightened inspection.
TIGHTENED = {
    "A": "v v v v v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27",
    "B": "v v v v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41",
    "C": "v v v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41 ^",
    "D": "v v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41 ^ ^",
    "E": "v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41 ^ ^ ^",
    "F": "v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^",
    "G": "v v v v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^",
    "H": "v v v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^",
    "J": "v v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "K": "v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "L": "v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "M": "v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "N": "v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "P": "v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "Q": "v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "R": "0 ^ v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "S": "- - 1 - - - - - - - - - - - - - - - - - - - - - - -",
}

# Table II-C (1999), single sampling, reduced inspection. Rows A, B and C share n 2; from AQL
# 25 up rows A and B carry the plans of II-A's row A (n 2 cannot be reduced further).
REDUCED = {
    "A": "v v v v v v v v v v v v v v 0 v v 1 2 3 5 7 10 14 21 30",
    "B": "v v v v v v v v v v v v v 0 ^ v v 1 2 3 5 7 10 14 21 30",
    "C": "v v v v v v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 14 21 ^",
    "D": "v v v v v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 14 21 ^ ^",
    "E": "v v v v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 14 21 ^ ^ ^",
    "F": "v v v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^",
    "G": "v v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^",
    "H": "v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^",
    "J": "v v v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "K": "v v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "L": "v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "M": "v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "N": "v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "P": "v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "Q": "0 ^ ^ v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "R": "^ ^ ^ 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
}

# Where the printed table departs from its diagonal layout: an arrow the layout would point
# out of the table (up from row A, down from row R) is printed the other way.
# (severity, letter, AQL) -> what the cell holds and why.
EDGE_CELLS = {
    ("normal", "A", "10"): "v: not up out of the table; down to C's Ac 1 (n 5)",
    ("normal", "R", "0.015"): "^: not down out of the table; up through Q to P's Ac 0 (n 800)",
    ("tightened", "R", "0.015"): "^: up to Q's Ac 0 (n 1250); row S has a plan only at 0.025",
    ("reduced", "A", "10"): "v: not up out of the table; down to D's Ac 1 (n 3)",
    ("reduced", "Q", "0.025"): "^: R's cell below is an arrow too; up to N's Ac 0 (n 200)",
    ("reduced", "R", "0.015"): "^: not down out of the table; up to P's Ac 0 (n 315)",
    ("reduced", "R", "0.025"): "^: not down out of the table; up to N's Ac 0 (n 200)",
}
