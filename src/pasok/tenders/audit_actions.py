"""The tender app's audit actions in words (see pasok.audit.actions). A bid's event says that
it came in, never what it offers; until the opening only the bidder's own admins read it
(who bid, and how often, is sealed too). Who asked a clarification question is told only to
the asker's own organisation."""

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from pasok.audit.actions import Action, Detail
from pasok.audit.models import NOTHING, admin_of, reads_every_organisation

from .models import Bid


def _bidders_until_opening(user, default: Q) -> Q:
    """A bid's events are about its bidder (their organisation), whose admins read them;
    once the tender is opened, also whoever reads the tender's events (the platform, the
    ministry, the buyer's admins)."""
    own_organisation = admin_of(user)
    own = Q(organisation_id=own_organisation) if own_organisation else NOTHING
    opened = Bid.objects.filter(tender__opened_at__isnull=False)
    if not reads_every_organisation(user):
        if own_organisation is None:
            return NOTHING
        opened = opened.filter(tender__buyer_id=own_organisation)
    keys = opened.annotate(key=Cast("pk", CharField())).values("key")
    return own | Q(object_type=Bid._meta.label_lower, object_id__in=keys)


def _and_the_askers(user, default: Q) -> Q:
    """The tender's readers, and the asker's own admins (the event is about the buyer)."""
    own_organisation = admin_of(user)
    return default | (Q(actor__organisation_id=own_organisation) if own_organisation
                      else NOTHING)


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
           _("%(actor)s asked about a tender: “%(object)s”"), readers=_and_the_askers,
           unnamed_actor=_("A supplier")),
    Action("tender.answer", _("Question answered"),
           _("%(actor)s answered the question “%(object)s”")),
    Action("bid.submit", _("Bid submitted"), _("%(actor)s submitted a sealed bid: %(object)s"),
           {"tender": Detail(_("tender"), kind="text"), "lot": Detail(_("lot"), kind="number"),
            "digest": Detail(_("receipt digest"), kind="text"),
            "version": Detail(_("version"), kind="number")}, readers=_bidders_until_opening),
    Action("bid.withdraw", _("Bid withdrawn"), _("%(actor)s withdrew the bid %(object)s"),
           readers=_bidders_until_opening),
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
