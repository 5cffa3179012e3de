"""The allocation app's menu entry (pasok.shell.navigation gathers it)."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.shell.navigation import Entry, to

ENTRIES = [Entry(60, _("Allocation plans"), to("allocation:list"),
                 shown=permissions.may_list_plans)]
