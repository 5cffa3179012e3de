"""The supplier registry's audit actions in words (see pasok.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from pasok.audit.actions import Action, Detail

ACTIONS = [
    Action("profile.update", _("Capability profile changed"),
           _("%(actor)s changed the capability profile of %(object)s"),
           {"processes": Detail(_("processes"), kind="ref", model="suppliers.process"),
            "grades": Detail(_("material grades"), kind="ref", model="suppliers.materialgrade"),
            "furnaces": Detail(_("melting equipment")),
            "certificates": Detail(_("certificates"), kind="count"),
            "products": Detail(_("products"))}),
    Action("suppliers.import", _("Suppliers imported"),
           _("%(actor)s imported suppliers from a file"),
           {"file": Detail(_("file"), kind="text"), "rows": Detail(_("rows"), kind="number")}),
]
