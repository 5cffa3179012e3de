"""The mediation app's menu entries (pasok.shell.navigation gathers them): the business
matching events and the open follow-ups, for everyone who may take part."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.shell.navigation import Entry, to

ENTRIES = [
    Entry(66, _("Business matching"), to("mediation:list"),
          shown=permissions.may_read_mediation),
    Entry(67, _("Follow-ups"), to("mediation:follow-ups"), shown=permissions.may_read_mediation),
]
