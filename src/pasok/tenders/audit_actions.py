"""The tender app's audit actions in words (see pasok.audit.actions). A bid's event says that
it came in, never what it offers; until the opening only the bidder's own admins read it
(who bid, and how often, is sealed too). Who asked a clarification question is told only to
the asker's own organisation. Who reads which: accounts.permissions (AUDIT_READERS)."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.audit.actions import Action, Detail

ACTIONS = [
    Action("tender.create", _("Tender drafted"), _("%(actor)s drafted tender %(object)s"),
           {"follows": Detail(_("for what was left uncovered by"), kind="text")}),
    Action("tender.update", _("Draft tender changed"),
           _("%(actor)s changed the draft tender %(object)s")),
    Action("tender.lot_update", _("Lot changed"), _("%(actor)s changed %(object)s"),
           {"hps_unit_price": Detail(_("owner estimate (HPS) per unit"), kind="money")}),
    Action("tender.lot_remove", _("Lot removed"), _("%(actor)s removed %(object)s")),
    Action("tender.lot_add", _("Lot added"), _("%(actor)s added %(object)s"),
           {"hps_unit_price": Detail(_("owner estimate (HPS) per unit"), kind="money")}),
    Action("tender.publish", _("Tender published"), _("%(actor)s published tender %(object)s"),
           {"package_value": Detail(_("package value (HPS)"), kind="money")}),
    Action("tender.question", _("Question asked"),
           _("%(actor)s asked about a tender: “%(object)s”"), readers=permissions.AND_THE_ASKERS,
           unnamed_actor=_("A supplier")),
    Action("tender.answer", _("Question answered"),
           _("%(actor)s answered the question “%(object)s”")),
    Action("bid.submit", _("Bid submitted"), _("%(actor)s submitted a sealed bid: %(object)s"),
           {"tender": Detail(_("tender"), kind="text"), "lot": Detail(_("lot"), kind="number"),
            "digest": Detail(_("receipt digest"), kind="text"),
            "version": Detail(_("version"), kind="number")},
           readers=permissions.BIDDERS_UNTIL_OPENING),
    Action("bid.withdraw", _("Bid withdrawn"), _("%(actor)s withdrew the bid %(object)s"),
           readers=permissions.BIDDERS_UNTIL_OPENING),
    Action("tender.remind", _("Deadline reminder sent"),
           _("%(actor)s reminded the suppliers that bids for %(object)s close soon"),
           {"recipients": Detail(_("people reminded"), kind="number")}),
    Action("tender.open", _("Bids opened"), _("%(actor)s opened the bids of tender %(object)s"),
           {"digests": Detail(_("bids opened"), kind="count")}),
    Action("tender.evaluate", _("Tender evaluated"), _("%(actor)s evaluated tender %(object)s")),
    Action("tender.award", _("Tender awarded"), _("%(actor)s awarded tender %(object)s"),
           {"quantities": Detail(_("bids awarded"), kind="count"),
            "uncovered": Detail(_("lots left partly uncovered"), kind="count")}),
    Action("tender.award_split", _("Tender awarded in shares"),
           _("%(actor)s awarded tender %(object)s in shares"),
           {"quantities": Detail(_("bids awarded"), kind="count"),
            "uncovered": Detail(_("lots left partly uncovered"), kind="count")}),
    Action("tender.award_optimised", _("Tender awarded as the optimiser proposes"),
           _("%(actor)s awarded tender %(object)s in the shares the optimiser proposed"),
           {"quantities": Detail(_("bids awarded"), kind="count"),
            "uncovered": Detail(_("lots left partly uncovered"), kind="count")}),
    Action("tender.follow_up", _("New tender for the uncovered quantities"),
           _("%(actor)s made a new draft tender for what %(object)s left uncovered"),
           {"new_tender": Detail(_("new tender"), kind="text")}),
    Action("tender.cancel", _("Tender cancelled"), _("%(actor)s cancelled tender %(object)s"),
           {"reason": Detail(_("reason"), kind="text")}),
]
