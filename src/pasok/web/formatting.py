"""Numbers and moments for people, in the active language and time zone. Pages, PDFs,
e-mails and messages all print through here (numbers: pasok.web.numbers)."""

from decimal import Decimal

from django.utils import dateformat, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from pasok.rules.money import round_half_up, to_decimal

from .numbers import write_number, write_rupiah


def localized_number(value, places: int = 0) -> str:
    """1.234,56 in Indonesian, 1,234.56 in English, rounded half up."""
    return write_number(value, places)


def localized_quantity(value, most: int = 2) -> str:
    """A measured quantity with the decimals it has, at most `most`: 20 kg, 12,5 kg,
    1,25 t (never "20,00")."""
    exponent = to_decimal(value).normalize().as_tuple().exponent
    return write_number(value, min(most, max(0, -exponent)))


def localized_percent(value, places: int = 2) -> str:
    """45,00% in Indonesian, 45.00% in English."""
    return write_number(value, places) + "%"


def localized_rupiah(value, places: int | None = None) -> str:
    """Rp1.250.000 in Indonesian, Rp1,250,000 in English; with its sen when the amount has
    them (Rp1.500,50), unless `places` says how many decimals."""
    if places is None:
        sen = round_half_up(to_decimal(value), 2)
        places = 0 if sen == sen.to_integral_value() else 2
    return write_rupiah(value, places)


def _large_amounts():
    return ((Decimal(10**12), _("Rp%(amount)s trillion")),
            (Decimal(10**9), _("Rp%(amount)s billion")),
            (Decimal(10**6), _("Rp%(amount)s million")))


def localized_rupiah_in_words(value) -> str:
    """A large round amount the way regulations and people say it: Rp15 miliar in
    Indonesian, Rp15 billion in English, Rp2,5 juta; any other amount in digits."""
    amount = to_decimal(value)
    for scale, words in _large_amounts():
        count = amount / scale
        if abs(count) >= 1 and count == round_half_up(count, 2):
            return words % {"amount": localized_quantity(count)}
    return localized_rupiah(amount)


def local_date(value) -> str:
    """A calendar day in the active language: 1 Desember 2026."""
    return dateformat.format(value, "j F Y")


def localized_file_size(size: int) -> str:
    """120 KB, 2,4 MB (1 MB = 1024 KB, as file managers count)."""
    if size < 1024 * 1024:
        return f"{localized_number(max(Decimal(size) / 1024, Decimal(1)), 0)} KB"
    return f"{localized_number(Decimal(size) / (1024 * 1024), 1)} MB"


def local_moment(value) -> str:
    """A moment in the active time zone with the zone's name: 1 Desember 2026 14:00 WIB
    (WITA, WIT in central and eastern Indonesia)."""
    local = timezone.localtime(value)
    return dateformat.format(local, "j F Y H:i T")


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """One cell of an export: text that a spreadsheet would run as a formula
    (=HYPERLINK(...)) gets a leading apostrophe, so exports of what people typed (supplier
    names, tender titles, lot names) cannot attack whoever opens them (OWASP CSV injection).
    Lazy translations become text (openpyxl refuses them); numbers and other values pass
    unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(values) -> list:
    """A row for any CSV or XLSX writer: every export appends its rows through here."""
    return [spreadsheet_safe(v) for v in values]
