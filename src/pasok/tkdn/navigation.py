"""The TKDN app's menu entry (pasok.shell.navigation gathers it)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pasok.shell.navigation import Entry

ENTRIES = [
    Entry(40, _("Local content (TKDN)"),
          lambda user: reverse("tkdn:overview", args=[user.organisation_id]),
          # A supplier's own local content: buyers and the ministry read it on its page.
          shown=lambda user: user.organisation_id is not None
          and user.organisation.is_supplier_side),
]
