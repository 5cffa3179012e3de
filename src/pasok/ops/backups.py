"""`pasok backup` and `pasok restore`: the database and the uploaded media in one file.

A backup is a gzip'd tar holding `manifest.json` (format, database engine, when), the
database and `media/` (product photos). PostgreSQL is dumped with pg_dump in its custom
format and restored with pg_restore in one transaction; SQLite is copied with its backup
API, page by page and consistent while Pasok keeps running. The keys are not in a backup:
keep PASOK_SECRET_KEY and PASOK_BID_KEYS apart, so that a stolen backup opens no sealed bid.
"""

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.db.backends.base.base import BaseDatabaseWrapper

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup that cannot be made or restored, said in a sentence for the operator."""


def engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"backups cover PostgreSQL and SQLite, not {connection.vendor}")
    return connection.vendor


def backup(connection: BaseDatabaseWrapper, media_root: Path, target: Path) -> dict:
    """Write the backup to `target` (complete or not at all); answers its manifest."""
    kind = engine(connection)
    manifest = {"format": FORMAT, "engine": kind,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / DATABASE_FILES[kind]
        (_pg_dump if kind == "postgresql" else _sqlite_copy)(connection, database)
        (Path(work) / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        partial = target.with_name(f".{target.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            archive.add(database, arcname=database.name)
            if media_root.is_dir():
                archive.add(media_root, arcname=MEDIA)
        partial.replace(target)
    return manifest


def read_manifest(source: Path) -> dict:
    try:
        with tarfile.open(source, "r:gz") as archive:
            manifest = json.load(archive.extractfile(MANIFEST))
    except (OSError, KeyError, tarfile.TarError, ValueError) as exc:
        raise BackupError(f"{source} is not a Pasok backup ({exc})") from exc
    if manifest.get("format") != FORMAT or manifest.get("engine") not in DATABASE_FILES:
        raise BackupError(f"{source} is a backup this version of Pasok does not know")
    return manifest


def restore(connection: BaseDatabaseWrapper, media_root: Path, source: Path) -> dict:
    """Replace the database and the media with the backup's; answers its manifest."""
    manifest = read_manifest(source)
    kind = engine(connection)
    if manifest["engine"] != kind:
        raise BackupError(f"{source} holds a {manifest['engine']} database; this Pasok runs "
                          f"on {kind} (DATABASE_URL)")
    with tempfile.TemporaryDirectory() as work, tarfile.open(source, "r:gz") as archive:
        database = Path(work) / DATABASE_FILES[kind]
        _extract(archive, DATABASE_FILES[kind], database)
        (_pg_restore if kind == "postgresql" else _sqlite_restore)(connection, database)
        _restore_media(archive, media_root)
    return manifest


def _extract(archive: tarfile.TarFile, name: str, target: Path) -> None:
    member = archive.extractfile(name)
    with target.open("wb") as out:
        shutil.copyfileobj(member, out)


def _restore_media(archive: tarfile.TarFile, media_root: Path) -> None:
    """Unpack into a sibling folder, then swap it in: the media are either all old or all
    from the backup. Only plain files under media/ are taken, never a path that climbs out."""
    staged = media_root.with_name(f".{media_root.name}.restoring")
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir(parents=True)
    for member in archive.getmembers():
        path = PurePosixPath(member.name)
        if not member.isfile() or path.parts[:1] != (MEDIA,) or ".." in path.parts:
            continue
        target = staged.joinpath(*path.parts[1:])
        target.parent.mkdir(parents=True, exist_ok=True)
        _extract(archive, member.name, target)
    shutil.rmtree(media_root, ignore_errors=True)
    staged.rename(media_root)


def _sqlite_copy(connection: BaseDatabaseWrapper, target: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def _sqlite_restore(connection: BaseDatabaseWrapper, source: Path) -> None:
    copy = sqlite3.connect(source)
    try:
        if not copy.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'"
                            ).fetchone():
            raise BackupError(f"the database in the backup is not Pasok's ({source.name})")
        connection.ensure_connection()
        copy.backup(connection.connection)
    finally:
        copy.close()


def _pg_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """libpq's variables for the database Django is connected to (no password on a
    command line, where `ps` would show it)."""
    params = connection.settings_dict
    env = {**os.environ, "PGDATABASE": params["NAME"]}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                          ("PASSWORD", "PGPASSWORD")):
        if params.get(key):
            env[variable] = str(params[key])
    if params.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = params["OPTIONS"]["sslmode"]
    return env


def _run(program: str, arguments: list[str], connection: BaseDatabaseWrapper) -> None:
    found = shutil.which(program)
    if found is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install "
                          "postgresql-client, of the server's version or newer)")
    result = subprocess.run([found, *arguments], env=_pg_environment(connection),  # noqa: S603
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def _pg_dump(connection: BaseDatabaseWrapper, target: Path) -> None:
    _run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
         connection)


def _pg_restore(connection: BaseDatabaseWrapper, source: Path) -> None:
    connection.close()  # nothing of ours holds a table while pg_restore replaces it
    _run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges",
                        "--single-transaction", "--exit-on-error",
                        f"--dbname={connection.settings_dict['NAME']}", str(source)],
         connection)
