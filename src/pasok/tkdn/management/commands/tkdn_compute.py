"""`pasok tkdn compute WORKSHEET [--out FILE]` (docs/interfaces.md): JSON or .xlsx in, JSON out.
Bad input: exit status 2, nothing written, the field named on standard error."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from pasok.cli_io import bad_input, read_bytes, read_json, write_json
from pasok.rules.tkdn import WorksheetError, compute, validate
from pasok.rules.tkdn_json import result_to_dict, worksheet_from_dict
from pasok.tkdn.xlsx_io import FILE_LIMIT, XlsxError, locate, read_xlsx


def load_worksheet(path: str):
    """The worksheet in a JSON or XLSX file ('-' reads JSON from standard input)."""
    raw = read_bytes(path, FILE_LIMIT)
    if path.lower().endswith(".xlsx") or raw[:2] == b"PK":
        try:
            data, rows = read_xlsx(raw, file_name=path)
        except XlsxError as exc:
            raise CommandError(f"{path}: {exc}", returncode=2) from exc
        try:
            sheet = worksheet_from_dict(data)
            validate(sheet)
            return sheet
        except WorksheetError as exc:
            raise bad_input(locate(exc, rows)) from exc
    try:
        return worksheet_from_dict(read_json(path, raw))
    except WorksheetError as exc:
        raise bad_input(exc) from exc


class Command(BaseCommand):
    help = "Compute the TKDN of one product from its worksheet (JSON or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("worksheet", help="JSON or .xlsx file, or - for JSON on stdin")
        parser.add_argument("--out", help="write the JSON here instead of standard output")

    def handle(self, *args, worksheet, out, **options):
        with translation.override("en"):  # the interface's messages are English
            sheet = load_worksheet(worksheet)
        try:
            result = compute(sheet)
        except WorksheetError as exc:
            raise bad_input(exc) from exc
        write_json(self, result_to_dict(result), out)
