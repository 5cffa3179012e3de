"""Awards made before the Award record: one Award per awarded evaluation, with the opened
bid's price and TKDN, and its months moved onto it."""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

RULES = {"tender.award": "rank_one", "tender.award_split": "hand_split",
         "tender.award_optimised": "optimised"}


def _rule(apps, tender) -> str:
    """The rule the award used, from its audit entry (a hand split when none is found)."""
    Entry = apps.get_model("audit", "AuditEvent")
    entry = (Entry.objects.filter(action__in=list(RULES), object_type="tenders.tender",
                                  object_id=str(tender.pk)).order_by("-at").first())
    return RULES[entry.action] if entry else "hand_split"


def forward(apps, schema_editor):
    BidEvaluation = apps.get_model("tenders", "BidEvaluation")
    Award = apps.get_model("tenders", "Award")
    AwardedMonth = apps.get_model("tenders", "AwardedMonth")
    rules = {}
    for e in (BidEvaluation.objects.filter(awarded=True, awarded_quantity__gt=0)
              .select_related("bid__lot__tender")):
        bid, lot = e.bid, e.bid.lot
        tender = lot.tender
        if tender.pk not in rules:
            rules[tender.pk] = _rule(apps, tender)
        content = bid.opened_content or {}
        price = Decimal(content.get("unit_price") or 0)
        tkdn = content.get("tkdn_percent")
        award = Award.objects.create(
            bid=bid, lot=lot, supplier_id=bid.bidder_id, quantity=e.awarded_quantity,
            unit_price=price, value=price * e.awarded_quantity,
            tkdn_percent=None if tkdn is None else Decimal(tkdn),
            bmp_percent=Decimal(content.get("bmp_percent") or 0),
            tkdn_source=content.get("tkdn_source") or "",
            tkdn_document=content.get("tkdn_document"),
            share=(Decimal(e.awarded_quantity) / lot.quantity).quantize(Decimal("0.000001")),
            awarded_at=tender.awarded_at or timezone.now(), rule=rules[tender.pk])
        AwardedMonth.objects.filter(evaluation=e).update(award=award)
    AwardedMonth.objects.filter(award__isnull=True).delete()  # none expected: months of no award


def backward(apps, schema_editor):
    BidEvaluation = apps.get_model("tenders", "BidEvaluation")
    Award = apps.get_model("tenders", "Award")
    for award in Award.objects.all():
        BidEvaluation.objects.filter(bid_id=award.bid_id).update(
            awarded=True, awarded_quantity=award.quantity)


class Migration(migrations.Migration):

    dependencies = [
        ("tenders", "0011_award_record"),
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [migrations.RunPython(forward, backward)]
