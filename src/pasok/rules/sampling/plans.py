"""From a lot to its sampling plan (ISO 2859-1:1999 clauses 10.1-10.3): Table I gives the
code letter, the master table of the severity gives the plan, its arrows followed to the
letter whose sample size is used; when that sample is at least the lot, the whole lot is
inspected (the note under Tables II-A/B/C)."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from . import tables

SEVERITIES = ("normal", "tightened", "reduced")
_TABLES = {"normal": (tables.NORMAL, tables.NORMAL_SAMPLE),
           "tightened": (tables.TIGHTENED, tables.TIGHTENED_SAMPLE),
           "reduced": (tables.REDUCED, tables.REDUCED_SAMPLE)}
_STEP = {"v": 1, "^": -1}
BLANK = "-"  # a cell the standard leaves empty (row S of II-B but at AQL 0.025)


def _cells(rows: dict[str, str]) -> dict[str, tuple[str, ...]]:
    cells = {letter: tuple(row.split()) for letter, row in rows.items()}
    assert all(len(row) == len(tables.AQLS) for row in cells.values())
    return cells


CELLS = {severity: _cells(rows) for severity, (rows, _) in _TABLES.items()}


@dataclass(frozen=True)
class Plan:
    """A single sampling plan: the letter whose row it comes from, n, Ac and Re."""
    letter: str
    sample_size: int
    accept: int

    @property
    def reject(self) -> int:
        return self.accept + 1  # every plan of the three 1999 tables has Re = Ac + 1


@dataclass(frozen=True)
class LotPlan:
    code_letter: str
    plan: Plan
    lot_size: int

    @property
    def full_inspection(self) -> bool:
        return self.plan.sample_size >= self.lot_size

    @property
    def sample_size(self) -> int:
        return self.lot_size if self.full_inspection else self.plan.sample_size


def aql_index(aql) -> int:
    """The column of `aql` (a number or its text: 1, "1.0" and 1.0 are one column)."""
    try:
        value = Decimal(str(aql))
    except InvalidOperation:
        raise ValueError("must be one of the standard's AQL values (0.010 ... 1000)") from None
    if value not in tables.AQLS:
        raise ValueError("must be one of the standard's AQL values (0.010 ... 1000)")
    return tables.AQLS.index(value)


def code_letter(lot_size: int, level: str = "II") -> str:
    """Table I: the sample size code letter of a lot of `lot_size` at inspection `level`."""
    if level not in tables.LEVELS:
        raise ValueError(f"must be one of {', '.join(tables.LEVELS)}")
    if lot_size < tables.SMALLEST_LOT:
        raise ValueError(f"must be at least {tables.SMALLEST_LOT}")
    column = tables.LEVELS.index(level)
    for upper, letters in tables.TABLE_I:
        if upper is None or lot_size <= upper:
            return letters.split()[column]
    raise AssertionError("Table I ends with an open range")


def plan(letter: str, aql, severity: str = "normal") -> Plan:
    """The plan the master table of `severity` gives for `letter` at `aql`, arrows followed."""
    if severity not in SEVERITIES:
        raise ValueError(f"must be one of {', '.join(SEVERITIES)}")
    column = aql_index(aql)
    cells = CELLS[severity]
    letters = list(cells)
    row = letters.index(letter)
    if cells[letter][column] == BLANK:
        raise ValueError(f"the {severity} table has no plan for {letter} at {aql}")
    while not cells[letters[row]][column].isdigit():
        row += _STEP[cells[letters[row]][column]]
        if not 0 <= row < len(letters) or cells[letters[row]][column] == BLANK:
            raise AssertionError(f"{severity} {letter} at {aql}: an arrow leaves the table")
    found = letters[row]
    return Plan(found, _TABLES[severity][1][found], int(cells[found][column]))


def plan_for_lot(lot_size: int, aql, level: str = "II", severity: str = "normal") -> LotPlan:
    letter = code_letter(lot_size, level)
    return LotPlan(letter, plan(letter, aql, severity), lot_size)


def tighter_accept(found: Plan, aql) -> int | None:
    """Ac of the next tighter AQL column in the row of the plan used, with the same sample
    (the switching score, 9.3.3.2); None when that cell is not a plan or there is none."""
    column = aql_index(aql)
    if column == 0:
        return None
    cell = CELLS["normal"][found.letter][column - 1]
    return int(cell) if cell.isdigit() else None
