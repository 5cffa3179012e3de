"""What may be done with invoices, each a service of its own module: invoices.py (issue,
correct), payments.py (record a payment); lines.py checks lines against what was accepted,
settling.py works out what is paid."""

from .invoices import invoice_correct, invoice_issue
from .lines import invoiced_units
from .payments import payment_record

__all__ = ["invoice_correct", "invoice_issue", "invoiced_units", "payment_record"]
