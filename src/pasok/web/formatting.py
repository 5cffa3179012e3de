"""Numbers for people, in the active language: 1.234,56 in Indonesian, 1,234.56 in English,
rounded half up (pasok.rules.money). Pages, PDFs and messages all print through here."""

from django.utils.translation import get_language

from pasok.rules.money import format_number_id, round_half_up, to_decimal


def localized_number(value, places: int = 0) -> str:
    rounded = round_half_up(to_decimal(value), places)
    if (get_language() or "").startswith("en"):
        return f"{rounded:,.{places}f}"
    return format_number_id(rounded, places)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula (=HYPERLINK(...)) gets a leading
    apostrophe, so exports of what suppliers typed cannot attack whoever opens them (OWASP
    CSV injection). Numbers and other values pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
