"""The writes of requests for quotation, one module per job: sending (and whom to),
quoting (sealed, replaced, withdrawn), sampling (the sample order, the first article and
its approval) and contracting."""

from .contracting import rfq_contract_make
from .quoting import quotation_submit, quotation_withdraw
from .sampling import first_article_decide, first_article_record, sample_order
from .sending import capable_suppliers, rfq_send

__all__ = ["capable_suppliers", "first_article_decide", "first_article_record",
           "quotation_submit", "quotation_withdraw", "rfq_contract_make", "rfq_send",
           "sample_order"]
