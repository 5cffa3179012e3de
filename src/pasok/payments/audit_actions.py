"""The payments app's audit actions in words (see pasok.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from pasok.audit.actions import Action, Detail

_INVOICE = {"number": Detail(_("invoice number"), kind="text"),
            "amount": Detail(_("amount"), kind="money"),
            "due_on": Detail(_("due on"), kind="text"),
            "lines": Detail(_("lines"), kind="count"),
            "version": Detail(_("version"), kind="number")}

ACTIONS = [
    Action("invoice.issue", _("Invoice issued"), _("%(actor)s issued the invoice %(object)s"),
           _INVOICE),
    Action("invoice.correct", _("Invoice corrected"),
           _("%(actor)s corrected the invoice %(object)s"), _INVOICE),
    Action("invoice.remind", _("Overdue invoice reminded"),
           _("%(actor)s reminded the buyer of the overdue invoice %(object)s"),
           {"days_late": Detail(_("days late"), kind="number"),
            "recipients": Detail(_("people told"), kind="number")}),
    Action("payment.record", _("Payment recorded"),
           _("%(actor)s recorded a payment of the invoice %(object)s"),
           {"amount": Detail(_("amount"), kind="money"),
            "paid_on": Detail(_("paid on"), kind="text"),
            "reference": Detail(_("payment reference"), kind="text"),
            "paid": Detail(_("paid in all"), kind="money"),
            "settled_on": Detail(_("paid in full on"), kind="text")}),
]
