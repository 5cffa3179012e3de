"""The insights app's audit actions in words (see pasok.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from pasok.audit.actions import Action, Detail

ACTIONS = [
    Action("scenario.save", _("Scenario saved"), _("%(actor)s saved the scenario %(object)s"),
           {"name": Detail(_("name"), kind="text")}),
    Action("scenario.handoff_use", _("Allocation engine's foundries used"),
           _("%(actor)s gave a new order of the scenario %(object)s to the foundries the "
             "allocation engine chose"),
           {"change": Detail(_("change"), kind="number"),
            "foundries": Detail(_("foundries"), kind="ref", model="accounts.organisation"),
            "units_per_month": Detail(_("units a month"), kind="number"),
            "order": Detail(kind="hidden")}),
    Action("scenario.delete", _("Scenario deleted"),
           _("%(actor)s deleted the scenario %(object)s"),
           {"name": Detail(_("name"), kind="text")}),
    Action("imported_alternative.record", _("Imported alternative recorded"),
           _("%(actor)s recorded the imported alternative %(object)s"),
           {"buyer": Detail(_("buyer"), kind="text")}),
    Action("imported_alternative.update", _("Imported alternative corrected"),
           _("%(actor)s corrected the imported alternative %(object)s"),
           {"buyer": Detail(_("buyer"), kind="text")}),
]
