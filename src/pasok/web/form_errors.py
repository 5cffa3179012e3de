"""A service's ValidationError shown where people look: next to the field it names, in the
row of a formset it names, or above the form. Services raise either a dict (field →
messages) or a plain list; a list's rows are named by path, `lines[2].demand` (the third
row's demand) or `lines[2]` (that row as a whole), and the list as a whole by its name.
Every view with a service behind its form puts the errors back through add_service_errors."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import BaseForm, BaseFormSet


def errors_by_field(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}


@dataclass
class Rows:
    """A formset's rows as the service got them: `sent` in order (the rows left empty are not
    sent, so a path's index counts only these). An error of the list as a whole goes above
    the formset, or, with a `label`, above the form as "label: message"."""

    formset: BaseFormSet
    sent: Sequence[BaseForm]
    label: str = ""


_ROW_PATH = re.compile(r"(?P<key>\w+)(\[(?P<index>\d+)\](\.(?P<field>\w+))?)?")


def in_row(key: str, index: int, exc: ValidationError) -> ValidationError:
    """A service's error about one row (its fields, or the row as a whole) as the list's:
    `quantity` of row 2 of `lots` is `lots[2].quantity`."""
    return ValidationError({
        f"{key}[{index}]" + ("" if field == NON_FIELD_ERRORS else f".{field}"): messages
        for field, messages in errors_by_field(exc).items()})


def add_service_errors(form: BaseForm | Sequence[BaseForm], exc: ValidationError,
                       rows: Mapping[str, Rows] | None = None, *,
                       renamed: Mapping[str, str] | None = None) -> None:
    """Put each of `exc`'s messages where it belongs: a row's field (`rows`), a field of
    `form` (of whichever of several forms has it), or above the (first) form. `renamed`
    shows a service's field under the form's name for it."""
    forms = [form] if isinstance(form, BaseForm) else list(form)
    for path, messages in errors_by_field(exc).items():
        path = (renamed or {}).get(path, path)
        if rows and _into_rows(rows, path, messages, forms[0]):
            continue
        owner = next((f for f in forms if path in f.fields), forms[0])
        owner.add_error(path if path in owner.fields else None, messages)


def _into_rows(rows: Mapping[str, Rows], path: str, messages, form) -> bool:
    match = _ROW_PATH.fullmatch(path)
    if match is None or match["key"] not in rows:
        return False
    target = rows[match["key"]]
    index = int(match["index"]) if match["index"] is not None else None
    if index is not None and index < len(target.sent):
        row = target.sent[index]
        field = match["field"]
        row.add_error(field if field in row.fields else None, messages)
    elif target.label:
        form.add_error(None, [f"{target.label}: {message}" for message in messages])
    else:
        target.formset.non_form_errors().extend(messages)
    return True
