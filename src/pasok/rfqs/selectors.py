"""Reads of requests for quotation for pages, each starting from what the reader may see
(accounts.permissions); a row the reader may not see raises DoesNotExist (answered 404).
A quotation's content is read only from rows its rule admits: its quoter's own, and the
buyer's from the deadline."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch

from pasok.suppliers.selectors import holds_certificate

from .content import QuotationContent
from .models import (
    Decision,
    FirstArticleInspection,
    MeasuredCharacteristic,
    Quotation,
    Rfq,
    RfqDrawing,
    RfqInvitation,
    SampleOrder,
)


def rfq_list(*, user):
    """The RFQs the reader sees: a buyer's own, a supplier's invitations (and its
    members' for a cooperative), every one for the ministry and platform admins."""
    return (Rfq.objects.visible_to(user).select_related("buyer", "grade")
            .annotate(sampled=Exists(SampleOrder.objects.filter(rfq=OuterRef("pk"))),
                      approved=Exists(FirstArticleInspection.objects.filter(
                          sample_order__rfq=OuterRef("pk"), decision=Decision.APPROVED)))
            .order_by("-created_at", "-pk"))


def rfq_get(*, user, public_id) -> Rfq:
    return rfq_list(user=user).select_related("contract").get(public_id=public_id)


def drawing_get(*, user, rfq: Rfq) -> RfqDrawing:
    return RfqDrawing.objects.visible_to(user).get(rfq=rfq)


def has_drawing(rfq: Rfq) -> bool:
    return RfqDrawing.without_content.filter(rfq=rfq).exists()


def invitations(*, rfq: Rfq):
    """Whom the RFQ invited (ask may_compare_quotations first)."""
    return RfqInvitation.objects.filter(rfq=rfq).select_related("supplier")


def own_quotation(*, user, rfq: Rfq) -> Quotation | None:
    """The reader's organisation's quotation on `rfq`, withdrawn or not."""
    if user.organisation_id is None:
        return None
    return (Quotation.objects.visible_to(user)
            .filter(rfq=rfq, supplier_id=user.organisation_id).first())


@dataclass(frozen=True)
class Compared:
    """One quotation beside the others: its terms, the price against the target, and
    whether its quoter holds the certificate the RFQ asks for (None: none asked). The price
    against the target is in percent of it (−5: 5% under)."""

    quotation: Quotation
    terms: QuotationContent
    against_target: Decimal
    certificate_held: bool | None


def comparison(*, user, rfq: Rfq) -> list[Compared]:
    """The standing quotations the reader may read (for the buyer: none before the
    deadline), cheapest first."""
    qs = (Quotation.objects.visible_to(user).filter(rfq=rfq, withdrawn_at__isnull=True)
          .select_related("supplier"))
    if rfq.certificate:
        qs = qs.annotate(certified=holds_certificate(rfq.certificate, "supplier_id"))
    rows = [Compared(q, q.terms, q.terms.price_against(rfq.target_unit_price),
                     getattr(q, "certified", None)) for q in qs]
    return sorted(rows, key=lambda r: (r.terms.unit_price, r.terms.lead_time_weeks,
                                       r.quotation.supplier.name))


def quotation_get(*, user, rfq: Rfq, public_id) -> Quotation:
    return Quotation.objects.visible_to(user).select_related("supplier").get(
        rfq=rfq, public_id=public_id)


def sample_orders(*, user, rfq: Rfq):
    """The RFQ's sample orders the reader sees, each with its first-article inspections
    and their characteristics."""
    inspections = (FirstArticleInspection.objects.visible_to(user)
                   .prefetch_related(Prefetch("characteristics",
                                              MeasuredCharacteristic.objects.all())))
    return (SampleOrder.objects.visible_to(user).filter(rfq=rfq)
            .select_related("quotation__supplier")
            .prefetch_related(Prefetch("inspections", inspections)))


def sample_order_get(*, user, public_id) -> SampleOrder:
    return (SampleOrder.objects.visible_to(user)
            .select_related("rfq__buyer", "quotation__supplier").get(public_id=public_id))


def inspection_get(*, user, public_id) -> FirstArticleInspection:
    return (FirstArticleInspection.objects.visible_to(user)
            .select_related("sample_order__rfq").get(public_id=public_id))
