"""Bulk import of suppliers from a CSV or XLSX file, for the web page and
`pasok import suppliers`. Every row is checked first, with the same validators and profile
checks as the one-by-one forms; then all rows are written in one transaction, or none is."""

import re
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, on_behalf_of, person_of, requires_actor
from pasok.accounts.models import Organisation, OrgKind
from pasok.accounts.permissions import may_import_suppliers
from pasok.accounts.regions import PROVINCES
from pasok.accounts.services import organisation_create
from pasok.accounts.validators import clean_nib, clean_npwp
from pasok.audit.services import audit_record
from pasok.rules.money import round_half_up
from pasok.web.file_limits import MB, FileLimit
from pasok.web.number_bounds import bounds_of, decimals_of
from pasok.web.numbers import INDONESIAN, Notation

from .import_files import (
    Cell,
    Table,
    UnreadableFile,
    cell_text,
    has_value,
    parse_number,
    read_table,
)
from .models import MaterialGrade, Process, SupplierProfile
from .services import check_profile_fields, profile_save

COLUMNS = (
    "name", "nib", "npwp", "province", "regency", "district", "address", "latitude",
    "longitude", "email", "phone", "business_capital", "annual_sales", "cooperative_nib",
    "processes", "grades", "weight_min_kg", "weight_max_kg", "monthly_capacity_kg",
    "workforce_total", "workforce_women", "description",
)
REQUIRED = ("name", "nib", "npwp", "province", "regency", "monthly_capacity_kg")
ORGANISATION_TEXT = ("name", "regency", "district", "address", "email", "phone")
ORGANISATION_NUMBERS = ("latitude", "longitude", "business_capital", "annual_sales")
# Each numeric column within the bounds of the field it fills (web.number_bounds): its
# decimal places (0: a whole number; more are refused, except for the coordinates, rounded
# to 6 places, about 10 cm) and its range (a profile's: check_profile_fields, which says
# what is plausible).
NUMBERS = {name: bounds_of(Organisation if name in ORGANISATION_NUMBERS else SupplierProfile,
                           name, money=name in ("business_capital", "annual_sales"))
           for name in ("latitude", "longitude", "business_capital", "annual_sales",
                        "weight_min_kg", "weight_max_kg", "monthly_capacity_kg",
                        "workforce_total", "workforce_women")}
ROUNDED = ("latitude", "longitude")
# Tens of thousands of suppliers fit in 5 MB of CSV; one file keeps one web worker busy for
# seconds, not minutes (a cluster's foundries number hundreds). Larger lists: several files.
FILE_LIMIT = FileLimit(max_bytes=5 * MB, max_rows=10_000, max_columns=2 * len(COLUMNS),
                       max_unpacked_bytes=50 * MB)


@dataclass(frozen=True)
class ImportProblem:
    row: int  # spreadsheet row number, header = 1; 0 for the file as a whole
    column: str  # a column name, "file", or "" for the row as a whole
    message: str


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    created: int = 0  # in a dry run without problems: how many would be created
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {"dry_run": self.dry_run, "rows": self.rows, "created": self.created,
                "problems": [asdict(p) for p in self.problems]}


@requires_actor
def import_suppliers(*, by: Actor, file_name: str, data: bytes, dry_run: bool,
                     cooperative: Organisation | None = None,
                     notation: Notation = INDONESIAN) -> ImportReport:
    """Check a file of suppliers and, unless `dry_run` or anything is wrong, create them all.

    `by` is SYSTEM for the command line without --as. A cooperative's admin imports
    members of their own cooperative; `cooperative` makes every row a member of it. Numbers
    written as text are read in `notation` (XLSX numbers are numbers)."""
    cooperative = _acting_cooperative(by, cooperative)
    report = ImportReport(dry_run=dry_run)
    try:
        table = read_table(file_name, data, FILE_LIMIT)
    except UnreadableFile as exc:
        report.problems.append(ImportProblem(exc.row, "file", exc.message))
        return report
    report.rows = len(table.rows)
    columns = _map_header(table, report.problems)
    if not table.rows:
        report.problems.append(ImportProblem(0, "file", _("There are no rows below the header.")))
    if report.problems:
        return report
    lookups = _Lookups.load(cooperative)
    rows = [_check_row(number, columns, cells, lookups, notation)
            for number, cells in table.rows]
    _check_nibs_unique(rows)
    report.problems = [problem for row in rows for problem in row.problems()]
    if report.problems:
        return report
    report.created = len(rows)
    if not dry_run:
        try:
            _write(rows, by=by, file_name=file_name, cooperative=cooperative)
        except _RowRefused as exc:
            report.created, report.problems = 0, exc.problems
    return report


def _acting_cooperative(by: Actor, cooperative: Organisation | None) -> Organisation | None:
    if not may_import_suppliers(by):
        raise PermissionDenied
    if not permissions.imports_for_any_cooperative(by):
        # A cooperative's admin, who imports only members of their own cooperative.
        if cooperative is not None and cooperative.pk != by.organisation_id:
            raise PermissionDenied
        return by.organisation
    if cooperative is not None and cooperative.kind != OrgKind.COOPERATIVE:
        raise ValueError("cooperative must be a cooperative organisation")
    return cooperative


def _map_header(table: Table, problems: list[ImportProblem]) -> list[str]:
    """The canonical column name at each position; header problems are appended."""
    columns: list[str] = []
    for position, title in enumerate(table.header, start=1):
        name = re.sub(r"[\s\-]+", "_", title.lower()).strip("*_")
        if not title:
            message = _("Column %(letter)s has no name in the header row.") % {
                "letter": get_column_letter(position)}
        elif name not in COLUMNS:
            message = _("Unknown column. The columns are: %(columns)s.") % {
                "columns": ", ".join(COLUMNS)}
        elif name in columns:
            message = _("This column appears twice.")
        else:
            message = None
        if message:
            problems.append(ImportProblem(table.header_row, title, message))
        columns.append(name)
    problems.extend(ImportProblem(table.header_row, name, _("This required column is missing."))
                    for name in REQUIRED if name not in columns)
    return columns


@dataclass
class _Lookups:
    """What rows are checked against, loaded once per file."""

    cooperative: Organisation | None  # every row joins it
    cooperatives: dict[str, Organisation]  # by NIB
    processes: dict[str, str]  # by _key(code)
    grades: dict[str, str]
    provinces: dict[str, str]  # by lower-case name

    @classmethod
    def load(cls, cooperative: Organisation | None) -> "_Lookups":
        coops = Organisation.objects.filter(kind=OrgKind.COOPERATIVE, nib__isnull=False)
        return cls(
            cooperative=cooperative,
            cooperatives={org.nib: org for org in coops},
            processes={_key(c): c for c in Process.objects.values_list("code", flat=True)},
            grades={_key(c): c for c in MaterialGrade.objects.values_list("code", flat=True)},
            provinces={p.lower(): p for p in PROVINCES},
        )


def _key(code: str) -> str:
    """FCD 450, fcd-450 and FCD450 are one grade; "Green sand" and green_sand one process."""
    return re.sub(r"[\s_\-]", "", code).lower()


@dataclass
class _Row:
    number: int
    organisation: dict = field(default_factory=dict)
    profile: dict = field(default_factory=dict)
    processes: list[str] = field(default_factory=list)
    grades: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # the first problem per column

    def fail(self, column: str, message) -> None:
        self.errors.setdefault(column, str(message))

    def problems(self) -> list[ImportProblem]:
        order = {name: index for index, name in enumerate(COLUMNS)}
        return [ImportProblem(self.number, column, message) for column, message in
                sorted(self.errors.items(), key=lambda item: order.get(item[0], -1))]


def _check_row(number: int, columns: list[str], cells: list[Cell], lookups: _Lookups,
               notation: Notation) -> _Row:
    row = _Row(number)
    if any(has_value(cell) for cell in cells[len(columns):]):
        row.fail("", _("This row has more values than the header has columns; a value with "
                       "the separator in it needs quotes."))
    values = dict(zip(columns, cells, strict=False))
    text = {name: cell_text(values.get(name, "")) for name in COLUMNS if name not in NUMBERS}
    for name in REQUIRED:
        if not has_value(values.get(name, "")):
            row.fail(name, _("A value is required."))
    row.organisation = {name: text[name] for name in ORGANISATION_TEXT}
    row.profile = {"description": text["description"]}
    _check_identity(row, text, lookups)
    _check_numbers(row, values, notation)
    row.processes = _known_codes(row, "processes", text["processes"], lookups.processes,
                                 _("Unknown process: %(codes)s. Known processes: %(known)s."))
    row.grades = _known_codes(row, "grades", text["grades"], lookups.grades,
                              _("Unknown grade: %(codes)s. Known grades: %(known)s."))
    _check_models(row)
    return row


def _check_identity(row: _Row, text: dict[str, str], lookups: _Lookups) -> None:
    for name, clean in (("nib", clean_nib), ("npwp", clean_npwp)):
        if text[name]:
            try:
                row.organisation[name] = clean(text[name])
            except ValidationError as exc:
                row.fail(name, exc.messages[0])
    if text["province"]:
        province = lookups.provinces.get(text["province"].lower())
        if province is None:
            row.fail("province", _("Unknown province “%(value)s”; write its official name, "
                                   "e.g. Jawa Tengah.") % {"value": text["province"]})
        else:
            row.organisation["province"] = province
    cooperative = lookups.cooperative
    if text["cooperative_nib"]:
        try:
            nib = clean_nib(text["cooperative_nib"])
        except ValidationError as exc:
            row.fail("cooperative_nib", exc.messages[0])
            return
        if cooperative is not None and nib != cooperative.nib:
            row.fail("cooperative_nib", _(
                "This import is for %(name)s: leave the column empty or give its NIB %(nib)s.")
                % {"name": cooperative.name, "nib": cooperative.nib})
        cooperative = cooperative or lookups.cooperatives.get(nib)
        if cooperative is None:
            row.fail("cooperative_nib", _("No cooperative with this NIB is registered."))
    row.organisation["cooperative"] = cooperative


def _check_numbers(row: _Row, values: dict[str, Cell], notation: Notation) -> None:
    for name, bounds in NUMBERS.items():
        if not has_value(values.get(name, "")):
            continue
        places = bounds.places
        try:
            number = parse_number(values[name], whole=places == 0, notation=notation)
        except ValueError as exc:
            row.fail(name, str(exc))
            continue
        if name in ORGANISATION_NUMBERS and (problem := bounds.problem(number, rounds=True)):
            row.fail(name, problem)  # a profile's numbers: check_profile_fields says why
            continue
        if name in ROUNDED:  # within its range: a handful of digits
            number = round_half_up(number, places)
        elif decimals_of(number) > places:
            row.fail(name, _("“%(value)s” has more than %(places)s decimal places.") % {
                "value": cell_text(values[name]), "places": places})
            continue
        value = bounds.value(number)
        (row.organisation if name in ORGANISATION_NUMBERS else row.profile)[name] = value
    try:
        check_profile_fields({k: v for k, v in row.profile.items() if k not in row.errors})
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            row.fail(name, messages[0])


def _known_codes(row: _Row, column: str, text: str, known: dict[str, str],
                 message: str) -> list[str]:
    """Catalogue codes separated by ";" or ","; matched ignoring case, spaces and dashes."""
    codes = [code.strip() for code in re.split(r"[;,]", text) if code.strip()]
    unknown = [code for code in codes if _key(code) not in known]
    if unknown:
        row.fail(column, message % {"codes": ", ".join(unknown),
                                    "known": ", ".join(known.values())})
    return list(dict.fromkeys(known[_key(code)] for code in codes if _key(code) in known))


def _check_models(row: _Row) -> None:
    """The models' own field checks (lengths, e-mail, digits), minus what failed already."""
    now = clock.now()
    for obj, skip in (
        (Organisation(kind=OrgKind.SUPPLIER, created_at=now, **row.organisation),
         ["cooperative"]),
        (SupplierProfile(updated_at=now, **row.profile), ["organisation", "search_text"]),
    ):
        try:
            obj.full_clean(exclude=[*row.errors, *skip], validate_unique=False,
                           validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                row.fail(name, messages[0])


def _check_nibs_unique(rows: list[_Row]) -> None:
    first_row: dict[str, int] = {}
    for row in rows:
        nib = row.organisation.get("nib")
        if nib in first_row:
            row.fail("nib", _("The same NIB as row %(row)s.") % {"row": first_row[nib]})
        elif nib:
            first_row[nib] = row.number
    registered = set(Organisation.objects.filter(nib__in=first_row)
                     .values_list("nib", flat=True))
    for row in rows:
        if row.organisation.get("nib") in registered:
            row.fail("nib", _("This NIB is already registered on Pasok."))


class _RowRefused(Exception):
    """A write failed; the transaction is rolled back and the row reported."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__(problems)
        self.problems = problems


# Service field names that differ from the file's column names.
_FIELD_COLUMNS = {"cooperative": "cooperative_nib", "__all__": ""}


def _write(rows: list[_Row], *, by: Actor, file_name: str,
           cooperative: Organisation | None) -> None:
    with transaction.atomic():
        created = []
        for row in rows:
            try:
                org = organisation_create(by=by, kind=OrgKind.SUPPLIER, **row.organisation)
                # `by` may create these suppliers (import_suppliers checked), profiles
                # included, though a ministry officer may not change them afterwards.
                profile_save(by=on_behalf_of(by, org), organisation=org, fields=row.profile,
                             processes=row.processes, grades=row.grades)
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
                raise _RowRefused([
                    ImportProblem(row.number, _FIELD_COLUMNS.get(name, name), messages[0])
                    for name, messages in errors.items()]) from exc
            except DatabaseError as exc:  # e.g. the same NIB registered a moment ago
                raise _RowRefused([ImportProblem(row.number, "", _(
                    "The database refused this row (%(error)s).") % {"error": exc})]) from exc
            created.append(org)
        person = person_of(by)
        acting = person.organisation if person is not None else cooperative
        # The event hangs on the acting organisation, else the acting person; the system has
        # neither, so without a cooperative it hangs on the first supplier created.
        audit_record(actor=by, action="suppliers.import",
                     obj=acting or person or created[0], organisation=acting,
                     after={"file": file_name, "rows": len(rows)})
