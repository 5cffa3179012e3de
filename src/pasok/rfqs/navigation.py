"""The requests-for-quotation app's menu entries (pasok.shell.navigation gathers them)."""

from django.utils.translation import gettext_lazy as _

from pasok.shell.navigation import Entry, to

ENTRIES = [Entry(52, _("RFQs"), to("rfqs:list"))]
