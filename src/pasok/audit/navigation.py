"""The audit app's menu entry (pasok.shell.navigation gathers it)."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.shell.navigation import Entry, to

ENTRIES = [Entry(110, _("Audit log"), to("audit:list"), shown=permissions.may_read_audit)]
