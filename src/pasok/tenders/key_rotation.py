"""Moving every sealed bid and document under the first of PASOK_BID_KEYS (key rotation).

Rotation: put a new key first (PASOK_BID_KEYS=NEW,OLD) and restart, so new bids are sealed
with it while the old ones still open; run `pasok bidkeys rotate`; then drop OLD. Only the
ciphertext changes, never what a bid says or its receipt digest, so nothing is audited.
"""

from dataclasses import dataclass

from django.db import transaction

from . import sealing
from .models import Bid, BidDocument, Tender

CHUNK = 20  # rows in memory at once: a document may be 10 MB


@dataclass
class Resealed:
    bids: int = 0
    documents: int = 0


def _reseal(queryset) -> int:
    pks = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(pks), CHUNK):
        rows = list(queryset.model.objects.filter(pk__in=pks[start:start + CHUNK])
                    .only("pk", "sealed"))
        for row in rows:
            row.sealed = sealing.reseal(row.sealed)
        queryset.model.objects.bulk_update(rows, ["sealed"])
    return len(pks)


def bids_reseal() -> Resealed:
    """Re-seal tender by tender, each under its row lock as every bid write takes it, so a
    bid replaced meanwhile is never overwritten with its older content."""
    done = Resealed()
    tenders = Tender.objects.filter(bids__isnull=False).distinct().order_by("pk")
    for tender_id in tenders.values_list("pk", flat=True):
        with transaction.atomic():
            Tender.objects.select_for_update().get(pk=tender_id)
            done.bids += _reseal(Bid.objects.filter(tender_id=tender_id))
            done.documents += _reseal(BidDocument.objects.filter(bid__tender_id=tender_id))
    return done
