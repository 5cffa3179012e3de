"""The `pasok` command. Subcommands are Django management commands; two words name one
command joined by '_' (`pasok import suppliers` runs `import_suppliers`), so each app keeps
its commands in its own management/commands/. Anything else passes to Django
(`pasok migrate`, `pasok db_worker`, `pasok createsuperuser`)."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasok.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line, get_commands

    try:
        django.setup()
    except ImproperlyConfigured as exc:  # e.g. production without its keys: say what to do
        print(f"pasok: {exc}", file=sys.stderr)
        return 2
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) >= 2 and "_".join(args[:2]) in get_commands():
        args = ["_".join(args[:2]), *args[2:]]
    elif not args:
        args = ["help"]
    execute_from_command_line(["pasok", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
