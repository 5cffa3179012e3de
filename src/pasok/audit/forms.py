from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import groups


class EventFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("What happened"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Everything"))] + [
            (group.label, [(a.code, a.name) for a in group.actions]) for group in groups()]

    def chosen_action(self) -> str:
        return self.cleaned_data["action"] if self.is_valid() else ""
