"""The inspection app's audit actions in words (see pasok.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from pasok.audit.actions import Action, Detail

ACTIONS = [
    Action("inspection.record", _("Lot inspected"),
           _("%(actor)s recorded the inspection of %(object)s"),
           {"severity": Detail(_("severity"), kind="text"),
            "code_letter": Detail(_("code letter"), kind="text"),
            "sample_size": Detail(_("sample size"), kind="number"),
            "accept_number": Detail(_("acceptance number (Ac)"), kind="number"),
            "nonconforming": Detail(_("nonconforming units in the sample"), kind="number"),
            "accepted": Detail(_("lot accepted"), format=lambda v: _("yes") if v else _("no")),
            "accepted_quantity": Detail(_("quantity accepted"), kind="number"),
            "next_severity": Detail(_("severity for the next lot"), kind="text")}),
    Action("inspection.reduced_approval", _("Reduced inspection approval changed"),
           _("%(actor)s changed the approval of reduced inspection for %(object)s"),
           {"approved": Detail(_("reduced inspection approved"),
                               format=lambda v: _("yes") if v else _("no")),
            "severity": Detail(_("severity"), kind="text")}),
    Action("ncr.open", _("Non-conformance report opened"),
           _("%(actor)s opened %(object)s"),
           {"nonconforming": Detail(_("nonconforming units in the sample"), kind="number"),
            "sample_size": Detail(_("sample size"), kind="number")}),
    Action("ncr.respond", _("Non-conformance report answered"),
           _("%(actor)s answered %(object)s"),
           {"root_cause": Detail(_("root cause"), kind="text"),
            "corrective_action": Detail(_("corrective action"), kind="text")}),
    Action("ncr.accept_corrective_action", _("Corrective action accepted"),
           _("%(actor)s accepted the corrective action of %(object)s"),
           {"inspection_resumed": Detail(_("discontinued inspection resumed"),
                                         format=lambda v: _("yes") if v else _("no"))}),
    Action("ncr.close", _("Non-conformance report closed"), _("%(actor)s closed %(object)s")),
]
