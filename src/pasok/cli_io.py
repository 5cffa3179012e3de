"""Shared plumbing of the JSON subcommands (docs/interfaces.md): read a file or '-', write to
stdout or --out; bad input is exit status 2 with the field named."""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError

from pasok.web.file_limits import FileLimit, FileRefused, check_size, read_at_most


def read_bytes(path: str, limit: FileLimit | None = None) -> bytes:
    """The file's bytes; with a `limit`, refused before they are read when there are more."""
    try:
        if path == "-":
            stdin = sys.stdin.buffer
            return read_at_most(path, stdin, limit) if limit else stdin.read()
        if limit:
            check_size(path, Path(path).stat().st_size, limit)
        return Path(path).read_bytes()
    except FileRefused as exc:
        raise CommandError(exc.message, returncode=2) from exc
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}", returncode=2) from exc


def read_json(path: str, raw: bytes | None = None):
    raw = read_bytes(path) if raw is None else raw
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path}: not valid JSON ({exc})", returncode=2) from exc


def bad_input(exc: ValueError) -> CommandError:
    return CommandError(str(exc), returncode=2)


def write_json(command, data, out: str | None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
    else:
        command.stdout.write(text)
