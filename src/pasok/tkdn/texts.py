"""Texts about TKDN worksheets for people, in the page's language. The rules speak English
to the CLI (pasok.rules.tkdn.ERRORS); here each error code is worded for the reader, with
its numbers written the reader's way."""

from django.utils.translation import gettext as _

from pasok.rules.tkdn import UncertifiedContent, WorksheetError
from pasok.rules.tkdn_json import LARGEST
from pasok.web.formatting import localized_number


def warning_text(warning: UncertifiedContent) -> str:
    return _("Line I.%(no)s %(name)s: %(percent)s%% local content without a TKDN certificate "
             "number; a verifier will ask for evidence.") % {
        "no": warning.index + 1, "name": warning.name,
        "percent": localized_number(warning.domestic_percent, 2)}


def _foreign_by_nature(params: dict) -> str:
    if params.get("what") == "machine_imported":
        return _("must be 0 for an imported machine")
    return _("must be 0 for an import")


_ERRORS = {
    "required": lambda p: _("is required"),
    "not_a_number": lambda p: _("must be a number"),
    "too_large": lambda p: _("is too large (at most %(largest)s)") % {
        "largest": localized_number(LARGEST)},
    "not_text": lambda p: _("must be text"),
    "not_a_list": lambda p: _("must be a list"),
    "not_an_object": lambda p: _("must be an object"),
    "not_one_of": lambda p: _("must be one of %(choices)s") % {"choices": p["choices"]},
    "uncertified_rule": lambda p: _("must be declared or foreign"),
    "weights": lambda p: _("must give material, labour and overhead, adding up to 1"),
    "empty": lambda p: _("must not be empty"),
    "negative": lambda p: _("must be 0 or more"),
    "percent_range": lambda p: _("must be between 0 and 100"),
    "foreign_by_nature": _foreign_by_nature,
    "factor_total_zero": lambda p: _("these lines total 0; Permenperin 35/2025 weighs every "
                                     "factor, so each needs a cost"),
    "production_cost_zero": lambda p: _("the production cost totals 0"),
}


def worksheet_error_text(error: WorksheetError) -> str:
    """What is wrong with the field, in the active language (the path is said elsewhere)."""
    return _ERRORS[error.code](error.params)
