"""`pasok restore FILE`: replace the database and the uploaded media with a backup's."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from pasok.ops import backups


class Command(BaseCommand):
    help = ("Replace everything in the database and the uploaded media with the backup in "
            "FILE (made by `pasok backup`). Stop `pasok serve` first.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a backup made by `pasok backup`")
        parser.add_argument("--noinput", "--no-input", action="store_false",
                            dest="interactive", help="do not ask for confirmation")

    def handle(self, *args, file, interactive, **options):
        try:
            manifest = backups.read_manifest(file)
            if interactive and not self._confirmed(manifest):
                raise CommandError("Nothing restored.", returncode=1)
            backups.restore(connection, Path(settings.MEDIA_ROOT), file)
        except backups.BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(f"Restored the backup of {manifest['created']} from {file}.")

    def _confirmed(self, manifest) -> bool:
        name = connection.settings_dict["NAME"]
        try:
            answer = input(f"Everything in the database {name} and in {settings.MEDIA_ROOT} "
                           f"will be replaced by the backup of {manifest['created']}. "
                           "Type 'yes' to go on: ")
        except EOFError:
            return False
        return answer.strip() == "yes"
