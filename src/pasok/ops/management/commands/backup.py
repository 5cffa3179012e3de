"""`pasok backup FILE`: the database and the uploaded media in one file (pasok.ops.backups)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from pasok.ops import backups


class Command(BaseCommand):
    help = ("Back up the database (pg_dump for PostgreSQL, the backup API for SQLite) and the "
            "uploaded media into FILE. The keys are not in it: keep them apart.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="where to write the backup (.tar.gz)")

    def handle(self, *args, file, **options):
        try:
            manifest = backups.backup(connection, Path(settings.MEDIA_ROOT), file)
        except backups.BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(f"Backed up the {manifest['engine']} database and the media "
                          f"into {file} ({manifest['created']}).")
