"""Choosing among many rows by typing them. A select of the cluster's 100,000 foundries would
weigh megabytes in every row of a form and take seconds to draw (bench/insights): a PickField
is a text box instead, where a row is typed as `label_of` writes it or by any text `find`
narrows to that one row; with `many`, several are typed separated by SEPARATOR. What
matches none or several is named in the error, and the text stays as typed. Inputs given a
`suggest_url` get suggestions as one types from static pasok/suggest.js (a datalist; without
script the box still works)."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SEPARATOR = ";"
SHOWN = 5  # the matches an error names when a text matches several


class PickField(forms.CharField):
    default_error_messages = {
        "none": _("Nothing matches “%(text)s”."),
        "several": _("“%(text)s” matches several: %(some)s. Type more of it."),
    }

    def __init__(self, *, many: bool = False, label_of: Callable = str,
                 find: Callable | None = None, **kwargs):
        """`find(queryset, text)`: the rows `text` may mean (a queryset)."""
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)
        self.many, self.label_of, self.find = many, label_of, find
        self.queryset = None
        self.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        if many:
            self.widget.attrs["data-separator"] = SEPARATOR

    def suggest_from(self, url: str) -> None:
        self.widget.attrs["data-suggest"] = url

    def text_of(self, rows) -> str:
        """What the box shows for rows already chosen (a saved scenario's)."""
        return f"{SEPARATOR} ".join(self.label_of(row) for row in rows)

    def clean(self, value):
        text = super().clean(value)
        parts = [p.strip() for p in text.split(SEPARATOR)] if self.many else [text.strip()]
        chosen, errors = [], []
        for part in filter(None, parts):
            rows = list(self.find(self.queryset, part)[:SHOWN + 1])
            if len(rows) == 1:
                chosen.append(rows[0])
                continue
            code = "none" if not rows else "several"
            shown = "; ".join(self.label_of(r) for r in rows[:SHOWN]) + (
                "…" if len(rows) > SHOWN else "")
            errors.append(ValidationError(self.error_messages[code], code=code,
                                          params={"text": part, "some": shown}))
        if errors:
            raise ValidationError(errors)
        return chosen if self.many else (chosen[0] if chosen else None)
