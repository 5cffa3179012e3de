"""The contracts app's menu entries (pasok.shell.navigation gathers them)."""

from django.utils.translation import gettext_lazy as _

from pasok.shell.navigation import Entry, to

ENTRIES = [Entry(55, _("Contracts"), to("contracts:list")),
           Entry(56, _("Partnerships"), to("contracts:commitments"))]
