"""The insights app's menu entries (pasok.shell.navigation gathers them)."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.shell.navigation import Entry, to

ENTRIES: list = [
    Entry(61, _("Imports"), to("insights:imports"), shown=permissions.may_read_imports),
]
