"""The insights app's menu entries (pasok.shell.navigation gathers them)."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.shell.navigation import Entry, to

ENTRIES: list = [
    Entry(52, _("Cluster"), to("insights:dashboard"), shown=permissions.may_read_insights),
]
