"""The tenders app's menu entry (pasok.shell.navigation gathers it)."""

from django.utils.translation import gettext_lazy as _

from pasok.shell.navigation import Entry, to

ENTRIES = [Entry(50, _("Tenders"), to("tenders:list"))]
