"""Indonesian business identifiers.

- NIB (Nomor Induk Berusaha): 13 digits, issued by the OSS system
  (PP 5/2021 on risk-based business licensing, Pasal 1 angka 23 and Pasal 176).
- NPWP (Nomor Pokok Wajib Pajak): the old 15-digit form (XX.XXX.XXX.X-XXX.XXX, whose 9th
  digit is a Luhn check digit over the first eight) or the 16-digit form in force since
  PMK 112/2022 (the NIK for residents, or 0 followed by the old 15 digits).
"""

import re
from dataclasses import dataclass

from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError

_SEPARATORS = re.compile(r"[\s.\-/]")


@dataclass(frozen=True)
class IdentifierError(ValueError):
    """`problem` is one of: empty, not_digits, length, checksum."""

    problem: str

    def __str__(self) -> str:
        return self.problem


def _digits(value: str) -> str:
    compact = _SEPARATORS.sub("", value or "")
    if not compact:
        raise IdentifierError("empty")
    if not (compact.isascii() and compact.isdigit()):  # "١٢٣" and "１２３" are digits too
        raise IdentifierError("not_digits")
    return compact


def normalize_nib(value: str) -> str:
    """Return the 13 digits of a NIB, or raise IdentifierError."""
    digits = _digits(value)
    if len(digits) != 13:
        raise IdentifierError("length")
    return digits


def normalize_npwp(value: str) -> str:
    """Return the digits of a 15- or 16-digit NPWP, or raise IdentifierError."""
    digits = _digits(value)
    if len(digits) not in (15, 16):
        raise IdentifierError("length")
    old_form = digits if len(digits) == 15 else (digits[1:] if digits[0] == "0" else None)
    if old_form is not None:
        try:
            luhn.validate(old_form[:9])
        except StdnumError as exc:
            raise IdentifierError("checksum") from exc
    return digits


def format_npwp(digits: str) -> str:
    """Print a 15-digit NPWP the way tax documents do: 01.234.567.8-901.000."""
    if len(digits) != 15:
        return digits
    d = digits
    return f"{d[0:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:15]}"


def npwp_check_digit(first_eight: str) -> str:
    """The Luhn check digit that makes `first_eight` + digit a valid NPWP prefix."""
    return luhn.calc_check_digit(first_eight)
