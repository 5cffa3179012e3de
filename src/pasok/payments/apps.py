from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Invoices on accepted deliveries, payments against them, and lateness measured
    against each contract's payment term (rules.payment_terms)."""

    name = "pasok.payments"
    verbose_name = _("Invoices and payments")
