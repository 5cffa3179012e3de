"""The allocation engine proposes a split award: per lot, the admissible bids share the
lot at least evaluated cost (HEA per unit, so the domestic preference still decides), each
within the quantity it offered and, where the lot has a monthly schedule, within the
monthly capacity it offered. Every bid is its own supplier in the engine: a bid states the
capacity it offers for that lot. The award itself stays `services.tender_award_split`,
which checks the shares again.

The engine runs in the background (tasks.propose_split → `work_out`), outside any
transaction, and its answer is kept on the tender (models.SplitProposal): a request only
reads it (proposals.stored), without loading the engine."""

from dataclasses import asdict
from decimal import Decimal

from pasok import clock
from pasok.planning.explain import supplier_reasons
from pasok.planning.instance import parse
from pasok.planning.solve import allocate
from pasok.rules.size_class import is_small_business

from .cover import periods
from .models import BidEvaluation, ProposalStatus, SplitProposal, Tender
from .proposals import LotProposal

TIME_LIMIT = 20.0


def lot_instance(lot, evaluations: list[BidEvaluation]) -> dict:
    schedule = periods(lot.delivery_schedule, lot.quantity)
    monthly = bool(lot.delivery_schedule)
    weight = float(lot.unit_weight_kg)
    suppliers, candidates, costs = [], [], []
    for e in evaluations:
        offered = e.bid.terms.quantity
        # Without a schedule the lot is one period and only the offer limits a bid.
        per_period = e.bid.terms.monthly_capacity if monthly else lot.quantity
        unit_cost = float(Decimal(e.hea) / offered)
        costs.append(unit_cost)
        suppliers.append({"id": str(e.bid_id), "capacity_kg": per_period * weight,
                          "small": is_small_business(e.bid.bidder.size_class)})
        candidates.append({"supplier": str(e.bid_id), "unit_cost": unit_cost,
                           "max_units": offered})
    return {"periods": len(schedule), "unmet_penalty": 100 * max(costs, default=1.0),
            "suppliers": suppliers,
            "lines": [{"id": str(lot.number), "buyer": str(lot.tender.buyer_id),
                       "unit_weight_kg": weight, "demand": schedule,
                       "candidates": candidates}]}


def propose_split(tender: Tender, *, time_limit: float = TIME_LIMIT) -> list[LotProposal]:
    evaluations = list(BidEvaluation.objects.filter(bid__tender=tender, admissible=True)
                       .select_related("bid", "bid__bidder", "bid__lot"))
    proposals = []
    for lot in tender.lots.all():
        mine = [e for e in evaluations if e.bid.lot_id == lot.pk]
        if not mine:
            proposals.append(LotProposal(lot.number, {}, lot.quantity))
            continue
        inst = parse(lot_instance(lot, mine))
        result = allocate(inst, time_limit=time_limit)
        totals = result.x.sum(axis=1)
        quantities = {int(inst.supplier_ids[inst.pair_supplier[p]]): int(totals[p])
                      for p in range(inst.n_pairs)}
        reasons = {int(r["supplier"]): [b["rule"] for b in r["bound_by"]]
                   for r in supplier_reasons(inst, result.x)}
        proposals.append(LotProposal(lot.number, quantities, int(result.unmet.sum()),
                                     reasons))
    return proposals


def work_out(tender_id: int) -> str:
    """Solve the tender's queued proposal and keep the answer; returns its status."""
    proposal = SplitProposal.objects.select_related("tender").get(tender_id=tender_id)
    SplitProposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.SOLVING)
    status, lots = ProposalStatus.FAILED, []
    try:
        lots = [asdict(p) for p in propose_split(proposal.tender)]
        status = ProposalStatus.DONE
    finally:
        SplitProposal.objects.filter(pk=proposal.pk).update(
            status=status, lots=lots, finished_at=clock.now())
    return status
