"""The insights app's menu entries (pasok.shell.navigation gathers them)."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.shell.navigation import Entry, to

ENTRIES = [
    Entry(61, _("Cluster"), to("insights:dashboard"), shown=permissions.may_read_insights),
    Entry(62, _("Imports"), to("insights:imports"), shown=permissions.may_read_imports),
    Entry(63, _("Scenarios"), to("insights:scenarios"), shown=permissions.may_read_insights),
    Entry(64, _("New markets"), to("insights:opportunities"),
          shown=permissions.may_find_opportunities),
]
