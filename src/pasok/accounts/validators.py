"""Field validators with messages people can act on; the rules live in pasok.rules."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pasok.rules.identifiers import IdentifierError, normalize_nib, normalize_npwp

_MESSAGES = {
    "nib": {
        "empty": _("Enter the 13-digit NIB."),
        "not_digits": _("A NIB has digits only."),
        "length": _("A NIB has exactly 13 digits."),
    },
    "npwp": {
        "empty": _("Enter the NPWP."),
        "not_digits": _("An NPWP has digits only (dots and dashes are allowed)."),
        "length": _("An NPWP has 15 or 16 digits."),
        "checksum": _("This NPWP's check digit is wrong; check for a typing error."),
    },
}


def _validate(kind, normalize, value):
    try:
        return normalize(value)
    except IdentifierError as exc:
        raise ValidationError(_MESSAGES[kind][exc.problem], code=f"{kind}_{exc.problem}") from exc


def clean_nib(value: str) -> str:
    return _validate("nib", normalize_nib, value)


def clean_npwp(value: str) -> str:
    return _validate("npwp", normalize_npwp, value)


def validate_nib(value: str) -> None:
    clean_nib(value)


def validate_npwp(value: str) -> None:
    clean_npwp(value)
