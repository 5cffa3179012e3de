"""The payments app's menu entry (pasok.shell.navigation gathers it): the overdue invoices,
for everyone who is a party to invoices and the ministry."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.shell.navigation import Entry, to

ENTRIES = [Entry(58, _("Overdue invoices"), to("payments:overdue"),
                 shown=permissions.may_list_overdue)]
