"""What may be done with contracts, each a service of its own module: making.py (create,
from an award, revise, amend, sign), call_offs.py (issue, answer), deliveries.py (record),
commitments.py (partnership commitments and the buyer's reported need), plan_orders.py
(a month's call-offs from the cooperative's allocation plan)."""

from .call_offs import call_off_answer, call_off_issue, ordered_units
from .commitments import commitment_need_record, commitment_sign
from .deliveries import delivered_units, delivery_record
from .documents import contract_document_add
from .making import (
    contract_amend,
    contract_create,
    contract_revise,
    contract_sign,
    contracts_from_award,
    terms_of,
)
from .plan_orders import call_offs_from_plan

__all__ = [
    "call_off_answer", "call_off_issue", "call_offs_from_plan", "commitment_need_record",
    "commitment_sign", "contract_amend", "contract_create", "contract_document_add",
    "contract_revise", "contract_sign", "contracts_from_award", "delivered_units",
    "delivery_record", "ordered_units", "terms_of",
]
