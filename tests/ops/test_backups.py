"""`pasok backup` and `pasok restore` on the suite's own database: pg_dump and pg_restore on
PostgreSQL (DATABASE_URL=postgres://...), SQLite's backup API on SQLite. The suite runs on
both (`.ci/run`), so both paths are exercised."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation, OrgKind
from pasok.accounts.services import organisation_create
from pasok.audit.models import AuditEvent
from pasok.ops import backups

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads what is committed

MAGIC = {"postgresql": b"PGDMP", "sqlite": b"SQLite format 3\0"}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "products").mkdir(parents=True)
    (settings.MEDIA_ROOT / "products" / "blok-rem.jpg").write_bytes(b"the photo")
    return settings.MEDIA_ROOT


def _later_organisation():
    return organisation_create(by=SYSTEM, name="CV Sesudah Cadangan", kind=OrgKind.PRIVATE_BUYER,
                               province="DKI Jakarta", regency="Jakarta Utara")


def test_a_backup_restores_the_database_and_the_media_as_they_were(cluster, media, tmp_path):
    names = set(Organisation.objects.values_list("name", flat=True))
    events = AuditEvent.objects.count()
    target = tmp_path / "pasok.tar.gz"
    call_command("backup", str(target))

    with tarfile.open(target) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        assert manifest["engine"] == connection.vendor
        database = archive.extractfile(backups.DATABASE_FILES[connection.vendor]).read()
        assert database.startswith(MAGIC[connection.vendor])
        assert archive.extractfile("media/products/blok-rem.jpg").read() == b"the photo"

    _later_organisation()
    (media / "products" / "blok-rem.jpg").write_bytes(b"changed")
    (media / "later.jpg").write_bytes(b"added after")
    call_command("restore", str(target), interactive=False)

    assert set(Organisation.objects.values_list("name", flat=True)) == names
    assert AuditEvent.objects.count() == events  # the audit log is part of the backup
    assert (media / "products" / "blok-rem.jpg").read_bytes() == b"the photo"
    assert not (media / "later.jpg").exists()


def test_restore_asks_first(cluster, media, tmp_path, monkeypatch):
    target = tmp_path / "pasok.tar.gz"
    call_command("backup", str(target))
    _later_organisation()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore", str(target))
    assert Organisation.objects.filter(name="CV Sesudah Cadangan").exists()


def _archive(path, manifest: dict) -> None:
    data = json.dumps(manifest).encode()
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))


def test_restore_refuses_what_is_not_a_backup_of_this_kind_of_database(db, media, tmp_path):
    stranger = tmp_path / "notes.tar.gz"
    stranger.write_bytes(b"not a backup at all")
    with pytest.raises(CommandError, match="is not a Pasok backup"):
        call_command("restore", str(stranger), interactive=False)
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    _archive(tmp_path / "other.tar.gz", {"format": 1, "engine": other, "created": "x"})
    with pytest.raises(CommandError, match=f"holds a {other} database"):
        call_command("restore", str(tmp_path / "other.tar.gz"), interactive=False)
    assert (media / "products" / "blok-rem.jpg").read_bytes() == b"the photo"
