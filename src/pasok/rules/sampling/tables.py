"""ISO 2859-1:1999 single sampling by attributes, as data: Table I (sample size code letters)
and the master Tables II-A (normal), II-B (tightened) and II-C (reduced). ANSI/ASQ Z1.4-2003
prints the same tables (both descend from MIL-STD-105E).

Where they came from: Table I as printed in ISO 2859-1:1999, checked against three
independent re-prints (inspection handbooks and a national adoption) that agree letter for
letter. Tables II-A and II-B: MIL-STD-105E's Tables II-A and II-B as re-typed, arrows
included, in a US Army Directorate of Public Works QA guide (its Tables 1-A and 1-B, AQL
0.65-15), and an inspection calculator's cell-by-cell export of ISO 2859-1 II-A (AQL
0.065-6.5, each arrow with its target); the other cells follow the tables' own layout (each
diagonal of a master table carries one acceptance number; tests/rules/test_sampling.py
rebuilds every cell from that layout as the second transcription and checks both sources).
Table II-C is the 1999 edition's: Re = Ac + 1 (the 1989 edition's gaps between Ac and Re are
gone); the reduced sample of letter X is the normal sample two letters earlier, with that
letter's normal acceptance numbers. No second copy of the 1999 II-C was found to check it
cell by cell: it is the table to read again against the printed standard, with EDGE_CELLS.

Cells: a number is the acceptance number Ac (Re = Ac + 1 in all three tables); "v" is the
arrow "use the first sampling plan below", "^" "use the first sampling plan above". The
sample size used is the one of the letter the arrow leads to. EDGE_CELLS lists the few
cells where the layout would put an arrow out of the table."""

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
    "E": "v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^",
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
    "R": "^ 1 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
}

# Table II-B, single sampling, tightened inspection.
TIGHTENED = {
    "A": "v v v v v v v v v v v v v v v v v v 1 2 3 5 8 12 18 27",
    "B": "v v v v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41",
    "C": "v v v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41 ^",
    "D": "v v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41 ^ ^",
    "E": "v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^",
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
    "R": "0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "S": "^ 1 1 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
}

# Table II-C (1999), single sampling, reduced inspection.
REDUCED = {
    "A": "v v v v v v v v v v v v v v 0 v v 1 2 3 5 7 10 14 21 30",
    "B": "v v v v v v v v v v v v v v 0 v v 1 2 3 5 7 10 14 21 30",
    "C": "v v v v v v v v v v v v v v 0 v v 1 2 3 5 7 10 14 21 30",
    "D": "v v v v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44",
    "E": "v v v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44 ^",
    "F": "v v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44 ^ ^",
    "G": "v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^",
    "H": "v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^",
    "J": "v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^",
    "K": "v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^",
    "L": "v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "M": "v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "N": "v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "P": "v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "Q": "v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    "R": "0 0 ^ 1 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
}

# Where the tables' layout would put an arrow out of the table (up from the first row, down
# from the last), the cell holds the plan the column offers next, so every cell resolves:
# (severity, letter, AQL) -> what the cell holds and why. These are the cells to read again
# against a printed copy of the 1999 edition.
EDGE_CELLS = {
    ("normal", "A", "10"): "v: an up arrow from the first row; the column's next plan is C's",
    ("normal", "R", "0.015"): "1: a down arrow from the last row; Ac 1 on R's own sample",
    ("tightened", "A", "10"): "v: as the DPW guide prints it (B's 0 is the column's first)",
    ("tightened", "S", "0.015"): "1: R's down arrows at 0.015 and 0.025 end on S (n 3150)",
    **{("reduced", letter, "10"): "v: II-A's row A at AQL 10, in the rows of n 2"
       for letter in "ABC"},
    ("reduced", "R", "0.010"): "0: a down arrow from the last row; Ac 0 on R's own sample",
    ("reduced", "R", "0.040"): "1: a down arrow from the last row; Ac 1 on R's own sample",
}
