"""The inspection app's menu entry (pasok.shell.navigation gathers it)."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.shell.navigation import Entry, to

ENTRIES = [Entry(56, _("Receiving dock"), to("inspection:dock"),
                 shown=permissions.may_use_receiving_dock)]
