"""What went wrong in a form, gathered for the summary above it (WCAG 3.3.1): each field's
error with a link to the field, then errors of the whole form. The summary takes the focus
when the page loads (site.js), so a screen reader says it first and a keyboard user follows
a link to the field."""

from dataclasses import dataclass

from django.forms import BaseForm, BaseFormSet
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    message: str
    label: str = ""
    href: str = ""  # the field's id as a fragment, "" for an error of the whole form


def _of_form(form: BaseForm, row: int | None = None) -> list[Problem]:
    """`row`: the form's place in its formset (from 1), so that the label says which row."""
    problems = [Problem(str(message)) for message in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            if field.is_hidden:
                problems.append(Problem(str(message)))
                continue
            label = str(field.label) if row is None else _("Row %(n)s, %(field)s") % {
                "n": row, "field": field.label}
            problems.append(Problem(str(message), label, f"#{field.id_for_label}"))
    return problems


def problems(*forms) -> list[Problem]:
    """The problems of bound forms and formsets, in the order given; what is not there (None,
    or "" for a template variable the page does not have) is skipped."""
    found: list[Problem] = []
    for form in forms:
        if not form or not form.is_bound:
            continue
        if isinstance(form, BaseFormSet):
            found += [Problem(str(message)) for message in form.non_form_errors()]
            for row, member in enumerate(form.forms, start=1):
                found += _of_form(member, row)
        else:
            found += _of_form(form)
    return found
