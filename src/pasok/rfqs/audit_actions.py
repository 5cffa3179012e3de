"""The requests-for-quotation app's audit actions in words (see pasok.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from pasok.accounts.permissions import QUOTERS_UNTIL_DEADLINE
from pasok.audit.actions import Action, Detail

ACTIONS = [
    Action("rfq.send", _("Request for quotation sent"),
           _("%(actor)s sent the request for quotation %(object)s"),
           {"reference": Detail(_("reference"), kind="text"),
            "part_name": Detail(_("part"), kind="text"),
            "deadline": Detail(_("quotations until"), kind="moment"),
            "invite": Detail(_("sent to"), kind="auto"),
            "invited": Detail(_("suppliers invited"), kind="number")}),
    # That a quotation came in (its digest and version), never what it says; its quoter's
    # alone until the deadline.
    Action("quotation.submit", _("Quotation received"),
           _("%(actor)s submitted the quotation %(object)s"),
           {"rfq": Detail(_("request for quotation"), kind="text"),
            "digest": Detail(_("receipt digest (SHA-256)"), kind="text"),
            "version": Detail(_("version"), kind="number")},
           readers=QUOTERS_UNTIL_DEADLINE),
    Action("quotation.withdraw", _("Quotation withdrawn"),
           _("%(actor)s withdrew the quotation %(object)s"), readers=QUOTERS_UNTIL_DEADLINE),
    Action("rfq.sample_order", _("Samples ordered"),
           _("%(actor)s ordered samples: %(object)s"),
           {"supplier": Detail(_("supplier"), kind="text"),
            "due_on": Detail(_("samples due on"), kind="text")}),
    Action("rfq.first_article", _("First article measured"),
           _("%(actor)s recorded the first-article results %(object)s"),
           {"characteristics": Detail(_("characteristics measured"), kind="number"),
            "failing": Detail(_("outside their limits"), kind="number")}),
    Action("rfq.first_article_decide", _("First article decided"),
           _("%(actor)s decided on the first article %(object)s")),
    Action("rfq.contract", _("Contract made from a request for quotation"),
           _("%(actor)s made the contract of %(object)s"),
           {"contract": Detail(_("contract"), kind="text"),
            "supplier": Detail(_("supplier"), kind="text")}),
]
