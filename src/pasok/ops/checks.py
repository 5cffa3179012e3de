"""What `pasok check --deploy` adds to Django's own deployment checks."""

from django.conf import settings
from django.core.checks import Warning, register


@register("pasok", deploy=True)
def production_database(app_configs, **kwargs):
    """SQLite keeps one writer at a time: the web server's workers and the task worker wait
    for each other. It serves development and trials; production needs PostgreSQL."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return [Warning("Pasok runs on SQLite; production needs PostgreSQL.",
                        hint="Set DATABASE_URL=postgres://USER@HOST:5432/NAME.",
                        id="pasok.W001")]
    return []


@register("pasok", deploy=True)
def public_address(app_configs, **kwargs):
    """Mail sent without a request (the task worker's, the daily reminders) links to
    PASOK_BASE_URL; without it, to the address `pasok run` serves on this machine."""
    if not settings.PASOK_BASE_URL:
        return [Warning("PASOK_BASE_URL is not set: links in e-mail sent without a request "
                        "(reminders) point at this machine.",
                        hint="Set PASOK_BASE_URL=https://your.host/.", id="pasok.W002")]
    return []


@register("pasok", deploy=True)
def base_map(app_configs, **kwargs):
    """Without the base map the foundries map draws its grid of degrees alone."""
    if not settings.BASE_MAP.is_file():
        return [Warning(f"No base map at {settings.BASE_MAP}: the foundries map has no land.",
                        hint="Run `make install` (npm ci), or set PASOK_BASE_MAP to "
                             "world-atlas's land-10m.json.", id="pasok.W003")]
    return []
