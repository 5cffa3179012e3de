"""`pasok import suppliers FILE [--dry-run] [--as EMAIL]`."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pasok.accounts.actors import SYSTEM, Actor
from pasok.accounts.models import User
from pasok.accounts.permissions import may_import_suppliers
from pasok.suppliers.importing import COLUMNS, FILE_LIMIT, REQUIRED, import_suppliers
from pasok.web.file_limits import FileRefused, check_size, read_at_most
from pasok.web.numbers import NOTATIONS


class Command(BaseCommand):
    help = (
        "Import suppliers from a CSV (UTF-8, comma or semicolon separated) or XLSX file. Every "
        "row is checked first; then all are created, or none. Prints a JSON report; exit "
        "status 2 when any row has a problem (listed on standard error as 'row 3, nib: ...'). "
        f"Columns: {', '.join(COLUMNS)}; required: {', '.join(REQUIRED)}."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the .csv or .xlsx file, or - for standard input")
        parser.add_argument("--dry-run", action="store_true",
                            help="check every row and report, but write nothing")
        parser.add_argument("--notation", choices=sorted(NOTATIONS), default="id",
                            help="how numbers written as text are read: id (1.250.000 and "
                                 "12,5, the default) or en (1,250,000 and 12.5)")
        parser.add_argument("--as", dest="as_user", metavar="EMAIL",
                            help="act as this ministry officer, platform administrator or "
                                 "cooperative admin (whose members the suppliers become); "
                                 "without it the import runs as the system, with full rights, "
                                 "and is audited as 'system'")

    def handle(self, *args, file, dry_run, as_user, notation, **options):
        report = import_suppliers(by=self._acting_user(as_user), file_name=file,
                                  data=self._read(file), dry_run=dry_run,
                                  notation=NOTATIONS[notation])
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        if report.problems:
            for problem in report.problems:
                place = f"row {problem.row}" + (f", {problem.column}" if problem.column else "")
                self.stderr.write(f"{place}: {problem.message}")
            raise CommandError(f"{len(report.problems)} problem(s); nothing was written.",
                               returncode=2)

    def _read(self, file: str) -> bytes:
        """The file's bytes, refused before they are read when there are too many."""
        try:
            if file == "-":
                return read_at_most("-", sys.stdin.buffer, FILE_LIMIT)
            path = Path(file)
            check_size(file, path.stat().st_size, FILE_LIMIT)
            return path.read_bytes()
        except FileRefused as exc:
            raise CommandError(f"FILE: {exc.message}", returncode=2) from exc
        except OSError as exc:
            raise CommandError(f"FILE: cannot read {file}: {exc.strerror}", returncode=2) from exc

    def _acting_user(self, email: str | None) -> Actor:
        if email is None:
            return SYSTEM
        user = User.objects.filter(email=email.lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"--as: no active user with e-mail {email}", returncode=2)
        if not may_import_suppliers(user):
            raise CommandError(f"--as: {email} may not import suppliers (ministry officers, "
                               "platform administrators and cooperative admins may)",
                               returncode=2)
        return user
