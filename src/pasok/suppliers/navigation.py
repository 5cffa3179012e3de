"""The suppliers app's menu entries (pasok.shell.navigation gathers them)."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.shell.navigation import Entry, to

ENTRIES = [
    Entry(70, _("Find suppliers"), to("suppliers:search"), shown=permissions.may_search_suppliers),
    Entry(90, _("Import suppliers"), to("suppliers:import"),
          shown=permissions.may_import_suppliers),
]
