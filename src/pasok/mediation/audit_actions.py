"""The mediation app's audit actions in words (see pasok.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from pasok.audit.actions import Action, Detail

_EVENT = {"title": Detail(_("title"), kind="text"), "held_on": Detail(_("held on")),
          "place": Detail(_("place"), kind="text"),
          "organiser": Detail(_("organiser"), kind="ref", model="accounts.organisation"),
          "families": Detail(_("part families discussed"), kind="count"),
          "notes": Detail(_("notes"), kind="text")}

ACTIONS = [
    Action("mediation_event.create", _("Business matching event recorded"),
           _("%(actor)s recorded the business matching event %(object)s"), _EVENT),
    Action("mediation_event.update", _("Business matching event changed"),
           _("%(actor)s changed the business matching event %(object)s"), _EVENT),
    Action("mediation_event.attendance", _("Attendance recorded"),
           _("%(actor)s recorded who was invited to and came to %(object)s"),
           {"organisation": Detail(_("organisation"), kind="ref",
                                   model="accounts.organisation"),
            "invited": Detail(_("invited"), kind="flag"),
            "present": Detail(_("present"), kind="flag")}),
    Action("pairing.add", _("Pairing added"),
           _("%(actor)s paired %(object)s at a business matching event"),
           {"stage": Detail(_("stage reached")), "family": Detail(_("part family"))}),
    Action("pairing.advance", _("Pairing moved on"),
           _("%(actor)s recorded the next stage of the pairing %(object)s"),
           {"stage": Detail(_("stage reached")),
            "reached_on": Detail(_("reached on"), kind="date")}),
    Action("pairing.link", _("Pairing linked"),
           _("%(actor)s linked the pairing %(object)s to what came of it"),
           {"tender": Detail(_("tender"), kind="ref", model="tenders.tender"),
            "rfq": Detail(_("request for quotation"), kind="ref", model="rfqs.rfq"),
            "contract": Detail(_("contract"), kind="ref", model="contracts.contract")}),
    Action("follow_up.add", _("Follow-up added"),
           _("%(actor)s added the follow-up “%(object)s”"),
           {"owner": Detail(_("owner"), kind="ref", model="accounts.user"),
            "due_on": Detail(_("due on")),
            "pairing": Detail(_("pairing"), kind="ref", model="mediation.pairing")}),
    Action("follow_up.complete", _("Follow-up done"),
           _("%(actor)s marked the follow-up “%(object)s” done"),
           {"done_at": Detail(_("done at"), kind="moment")}),
    Action("follow_up.remind", _("Follow-up reminded"),
           _("%(actor)s reminded the owner of the follow-up “%(object)s”"),
           {"due_on": Detail(_("due on")), "overdue": Detail(_("overdue"), kind="flag")}),
]
