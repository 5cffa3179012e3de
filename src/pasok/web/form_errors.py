"""A service's ValidationError shown where people look: next to the field it names, or
above the form. Services raise either a dict (field → messages) or a plain list."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def errors_by_field(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}


def add_service_errors(form, exc: ValidationError) -> None:
    for field, messages in errors_by_field(exc).items():
        form.add_error(field if field in form.fields else None, messages)
