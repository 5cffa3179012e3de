"""Invoices on accepted deliveries and the payments against them.

An invoice is the supplier's, numbered in its own series (unique per supplier), over lines
of accepted deliveries of one contract: never more units of a delivery than were accepted,
across all of the supplier's invoices, so the invoiced value never exceeds the accepted
value. It is due a payment term after the last of its deliveries was accepted
(rules.payment_terms). The buyer records payments, partial allowed, never more than the
invoice; `paid` is their sum, kept on the row so the database itself holds paid ≤ invoiced.
A correction replaces the lines (version + 1, the old ones in the audit log), never below
what is paid. `settled_on` is the day the payments first added up to the amount."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation
from pasok.accounts.permissions import RestrictedQuerySet
from pasok.public_ids import public_id_field

MONEY = {"max_digits": 18, "decimal_places": 2}


class Invoice(models.Model):
    public_id = public_id_field()
    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT,
                                 related_name="invoices", verbose_name=_("contract"))
    # The contract's supplier, kept here so its numbers are unique per supplier.
    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                 related_name="invoices_issued", verbose_name=_("supplier"))
    number = models.CharField(_("invoice number"), max_length=50)
    issued_on = models.DateField(_("issued on"))
    amount = models.DecimalField(_("amount"), **MONEY)
    paid = models.DecimalField(_("paid"), default=0, **MONEY)
    due_on = models.DateField(_("due on"))
    settled_on = models.DateField(_("paid in full on"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["supplier", "number"],
                                    name="invoice_number_unique_per_supplier",
                                    violation_error_message=_("You have an invoice with this "
                                                              "number already.")),
            models.CheckConstraint(condition=Q(amount__gt=0), name="invoice_amount_positive",
                                   violation_error_message=_("An invoice is for more than "
                                                             "nothing.")),
            models.CheckConstraint(condition=Q(paid__gte=0, paid__lte=F("amount")),
                                   name="invoice_paid_at_most_amount",
                                   violation_error_message=_("More cannot be paid than "
                                                             "invoiced.")),
            models.CheckConstraint(condition=Q(settled_on__isnull=True)
                                   | Q(settled_on__gte=F("issued_on"), paid=F("amount")),
                                   name="invoice_settled_when_paid",
                                   violation_error_message=_("An invoice is settled once "
                                                             "paid in full.")),
        ]
        indexes = [models.Index(fields=["settled_on", "due_on"])]

    def __str__(self):
        return f"{self.number} ({self.contract.reference})"

    @property
    def left_to_pay(self):
        return self.amount - self.paid


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    delivery = models.ForeignKey("contracts.Delivery", on_delete=models.PROTECT,
                                 related_name="invoice_lines", verbose_name=_("delivery"))
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=16, decimal_places=2)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["invoice", "pk"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        constraints = [
            models.UniqueConstraint(fields=["invoice", "delivery"],
                                    name="invoice_line_one_per_delivery",
                                    violation_error_message=_("Each delivery goes on one "
                                                              "line.")),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="invoice_line_quantity",
                                   violation_error_message=_("A line invoices at least one "
                                                             "unit.")),
            models.CheckConstraint(condition=Q(unit_price__gte=0, amount__gte=0),
                                   name="invoice_line_not_negative",
                                   violation_error_message=_("Prices and amounts are not "
                                                             "negative.")),
        ]

    def __str__(self):
        return f"{self.invoice.number}: {self.quantity} × {self.unit_price}"


class Payment(models.Model):
    public_id = public_id_field()
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments",
                                verbose_name=_("invoice"))
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("payment reference"), max_length=100)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive",
                                   violation_error_message=_("A payment is more than "
                                                             "nothing.")),
        ]

    def __str__(self):
        return f"{self.invoice.number}: {self.amount} on {self.paid_on}"
