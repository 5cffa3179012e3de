"""Numbers as people write them: the one reader and the one writer behind every form field,
import, search query, page, PDF and message.

Bahasa Indonesia writes 1.500 for one thousand five hundred and 2,5 for two and a half;
English writes 1,500 and 2.5. A number is read in the notation of the active language (or
of a file, chosen by whoever imports it) and never guessed:

- well formed in that notation, it is read as written ("1.500" is 1500 in Indonesian);
- the decimal mark followed by exactly three digits after one to three digits ("1,500" in
  Indonesian, "1.500" in English) is refused as ambiguous: it is a thousands group in the
  other notation. The message says how to write either reading;
- written in the other notation ("2.5" in Indonesian), it is refused with the value
  rewritten in this one, for the person to confirm by typing it.

The writer rounds half up (pasok.rules.money) and groups thousands. For an input it
writes a value so that reading it back gives the same value (1,125 kg becomes "1,1250",
which is not ambiguous)."""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pasok.rules.money import round_half_up, to_decimal


@dataclass(frozen=True)
class Notation:
    code: str
    decimal: str
    group: str
    # Between a CSV's fields, as the language's spreadsheets read it: Excel in Indonesian
    # separates with ";", the comma being its decimal mark.
    csv_delimiter: str

    @property
    def other(self) -> "Notation":
        return ENGLISH if self is INDONESIAN else INDONESIAN

    @cached_property
    def pattern(self) -> re.Pattern:
        """Digits, or 1–3 digits (not starting with 0) then groups of three; then an
        optional decimal mark and digits."""
        d, g = re.escape(self.decimal), re.escape(self.group)
        return re.compile(rf"(?P<int>\d+|[1-9]\d{{0,2}}(?:{g}\d{{3}})+)?(?:{d}(?P<frac>\d+))?")


INDONESIAN = Notation("id", ",", ".", ";")
ENGLISH = Notation("en", ".", ",", ",")
NOTATIONS = {"id": INDONESIAN, "en": ENGLISH}


def notation_for(language: str | None) -> Notation:
    return ENGLISH if (language or "").startswith("en") else INDONESIAN


def active_notation() -> Notation:
    return notation_for(get_language())


class NumberError(ValueError):
    """A number that cannot be read, with a message for people in the active language."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_RUPIAH = re.compile(r"^rp\.?", re.I)
_MINUS = ("-", "−")


def _strict(body: str, notation: Notation) -> Decimal | None:
    """The value of `body` (no sign) when it is well formed in `notation`, else None."""
    match = notation.pattern.fullmatch(body)
    if not match or not (match["int"] or match["frac"]):
        return None
    whole = (match["int"] or "0").replace(notation.group, "")
    return Decimal(whole + ("." + match["frac"] if match["frac"] else ""))


def _ambiguous(body: str, notation: Notation) -> bool:
    """"1,500" in Indonesian (or "1.500" in English): one decimal mark, three digits after
    it, one to three digits before, no group mark; the other notation reads thousands."""
    head, mark, tail = body.partition(notation.decimal)
    return (bool(mark) and notation.group not in body and len(tail) == 3 and tail.isdigit()
            and 1 <= len(head) <= 3 and head.isdigit() and head[0] != "0")


def read_number(text, notation: Notation | None = None, *, whole: bool = False,
                money: bool = False, percent: bool = False) -> Decimal:
    """The number in `text` as written in `notation` (the active language's by default).
    `money` allows a leading "Rp", `percent` a trailing "%". Raises NumberError."""
    notation = notation or active_notation()
    raw = str(text).strip()
    compact = _SPACES.sub("", raw)
    if money:
        compact = _RUPIAH.sub("", compact)
    if percent:
        compact = compact.removesuffix("%")
    sign = ""
    if compact[:1] in _MINUS or compact[:1] == "+":
        sign, compact = ("-" if compact[0] in _MINUS else ""), compact[1:]
    if _ambiguous(compact, notation):
        factor = -1 if sign else 1
        thousands = factor * _strict(compact, notation.other)
        decimal = factor * _strict(compact, notation)
        raise NumberError("ambiguous", _(
            "“%(value)s” can be read two ways: write %(thousands)s for %(plain)s, or "
            "%(decimal)s for a number with decimals.") % {
            "value": raw, "thousands": write_number(thousands, 0, notation),
            "plain": f"{thousands:f}", "decimal": input_text(decimal, notation)})
    value = _strict(compact, notation)
    if value is None:
        other = _strict(compact, notation.other)
        if other is not None:
            raise NumberError("other_notation", _(
                "“%(value)s” is not how numbers are written here: write %(suggestion)s "
                "(thousands with “%(group)s”, decimals with “%(decimal)s”).") % {
                "value": raw, "suggestion": input_text(other, notation),
                "group": notation.group, "decimal": notation.decimal})
        raise NumberError("not_a_number", _(
            "“%(value)s” is not a number; write e.g. %(whole)s or %(decimal)s.") % {
            "value": raw, "whole": write_number(1_250_000, 0, notation),
            "decimal": write_number(Decimal("12.5"), 1, notation)})
    if whole and value != value.to_integral_value():
        raise NumberError("not_whole", _("“%(value)s” is not a whole number.") % {
            "value": raw})
    return -value if sign and value else value


def write_number(value, places: int = 0, notation: Notation | None = None) -> str:
    """`value` rounded half up to `places` decimals, thousands grouped: 1.250.000,50."""
    notation = notation or active_notation()
    amount = round_half_up(to_decimal(value), places)
    sign = "-" if amount < 0 else ""
    whole, _sep, fraction = f"{abs(amount):.{places}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", notation.group)
    return sign + grouped + (notation.decimal + fraction if places else "")


def write_rupiah(value, places: int = 0, notation: Notation | None = None) -> str:
    """Rp1.250.000 in Indonesian, Rp1,250,000 in English (minus before Rp)."""
    text = write_number(value, places, notation)
    return "-Rp" + text[1:] if text.startswith("-") else "Rp" + text


def input_text(value, notation: Notation | None = None) -> str:
    """`value` as an input shows it: every decimal it has (none trailing), thousands
    grouped, and never ambiguous when read back."""
    notation = notation or active_notation()
    number = to_decimal(value)
    if number == number.to_integral_value():
        return write_number(number, 0, notation)
    places = max(-number.normalize().as_tuple().exponent, 0)
    text = write_number(number, places, notation)
    digits = text.lstrip("-")
    if _ambiguous(digits, notation):
        text += "0"
    return text


def spreadsheet_number(value, number_format: str | None) -> Decimal:
    """A spreadsheet cell's number as the person who typed it sees it: a cell formatted as
    a percentage shows 48,5% and holds 0.485, and means 48.5 (percent columns are 0–100)."""
    number = to_decimal(value)
    if number_format and "%" in number_format.replace('"%"', "").replace("\\%", ""):
        return number * 100
    return number


def csv_number(value, notation: Notation | None = None) -> str:
    """`value` for a CSV cell: every decimal it has (none trailing) after the language's
    decimal mark and no thousands groups, so a spreadsheet in that language reads a number
    (Excel in Indonesian would read "1.500" as one and a half); never ambiguous when the
    supplier import reads it back."""
    notation = notation or active_notation()
    text = f"{to_decimal(value).normalize():f}".replace(".", notation.decimal)
    return text + "0" if _ambiguous(text.lstrip("-"), notation) else text
