"""Who is told about an invoice, after the work commits: the buyer when one is issued or
corrected, the supplier when a payment is recorded."""

from django.db import transaction

from pasok.web.links import base_url


def tell_about_invoice(invoice, event: str) -> None:
    from ..tasks import send_invoice_notice

    links = base_url()
    transaction.on_commit(lambda: send_invoice_notice.enqueue(
        invoice_id=invoice.pk, event=event, base_url=links))
