"""A model choice field repeated in every row of a formset reads its queryset once.

Each form of a formset gets its own copy of the field, and each copy runs its queryset when
it renders: a query a row (plan members, plan lines). Pass one SharedChoices to every form
(formset form_kwargs are shared) and let each form hand it its field: the first reads the
choices, the others reuse them. Validation still looks the chosen value up in the queryset."""

from django import forms


class SharedChoices:
    def __init__(self):
        self._choices = None

    def apply(self, field: forms.ModelChoiceField) -> None:
        """Give `field` (queryset and labels set) the choices read once."""
        if self._choices is None:
            self._choices = list(field.choices)
        field.choices = self._choices
