"""`pasok tkdn compute WORKSHEET [--out FILE]` (INTERFACES.md): JSON or .xlsx in, JSON out.
Bad input: exit status 2, nothing written, the field named on standard error."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pasok.rules.tkdn import WorksheetError, compute, validate
from pasok.rules.tkdn_json import result_to_dict, worksheet_from_dict
from pasok.tkdn.xlsx_io import XlsxError, locate, read_xlsx


def load_worksheet(path: str):
    """The worksheet in a JSON or XLSX file ('-' reads JSON from standard input)."""
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}", returncode=2) from exc
    if path.lower().endswith(".xlsx") or raw[:2] == b"PK":
        try:
            data, rows = read_xlsx(raw)
        except XlsxError as exc:
            raise CommandError(f"{path}: {exc}", returncode=2) from exc
        try:
            sheet = worksheet_from_dict(data)
            validate(sheet)
            return sheet
        except WorksheetError as exc:
            raise CommandError(str(locate(exc, rows)), returncode=2) from exc
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path}: not valid JSON ({exc})", returncode=2) from exc
    try:
        return worksheet_from_dict(data)
    except WorksheetError as exc:
        raise CommandError(str(exc), returncode=2) from exc


class Command(BaseCommand):
    help = "Compute the TKDN of one product from its worksheet (JSON or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("worksheet", help="JSON or .xlsx file, or - for JSON on stdin")
        parser.add_argument("--out", help="write the JSON here instead of standard output")

    def handle(self, *args, worksheet, out, **options):
        sheet = load_worksheet(worksheet)
        try:
            result = compute(sheet)
        except WorksheetError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        text = json.dumps(result_to_dict(result), ensure_ascii=False, indent=2)
        if out:
            Path(out).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)
