"""What may be done in acceptance inspection, each a service of its own module: recording.py
(inspect a delivery's lot), ncrs.py (the supplier's answer to a non-conformance report, the
buyer's acceptance of its corrective action, closing it), switching.py (the switching state
of clause 9 kept per supplier, buyer and product; the buyer's approval of reduced
inspection)."""

from .ncrs import ncr_accept_corrective_action, ncr_close, ncr_respond
from .recording import Finding, inspection_record, plan_for_delivery
from .switching import reduced_inspection_approve, switching_state_for

__all__ = ["Finding", "inspection_record", "ncr_accept_corrective_action", "ncr_close",
           "ncr_respond", "plan_for_delivery", "reduced_inspection_approve",
           "switching_state_for"]
