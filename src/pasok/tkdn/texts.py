"""Texts about TKDN results for people, in the page's language (the rules speak English)."""

from django.utils.translation import gettext as _

from pasok.rules.tkdn import UncertifiedContent
from pasok.web.formatting import localized_number


def warning_text(warning: UncertifiedContent) -> str:
    return _("Line I.%(no)s %(name)s: %(percent)s%% local content without a TKDN certificate "
             "number; a verifier will ask for evidence.") % {
        "no": warning.index + 1, "name": warning.name,
        "percent": localized_number(warning.domestic_percent, 2)}
