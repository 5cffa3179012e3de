"""A year of orders on top of bench/suppliers/generate.py's registry, for the cluster
dashboard's benchmark: framework contracts of eight buyers with a share of the foundries,
a call-off order a month from December 2025 to November 2026 (REFERENCE's month), each past
month's delivery inspected (one lot in twelve sorted), an invoice per delivery (30 days'
term, paid from on time to six weeks late, or not yet) and its payment, and partnership
commitments of three buyers with cooperatives. Written by bulk_create, deterministic from
the seed."""

import datetime as dt
import random
from decimal import Decimal

from pasok.months import add_months

from ..suppliers.generate import REFERENCE

VERSION = 1
CONTRACTS = 3_000
BUYERS = ("PT Kereta Api Indonesia (Persero)", "PT INKA (Persero)", "PT Astra Otoparts Tbk",
          "PT Pindad (Persero)", "PT Len Industri (Persero)", "PT Wijaya Karya (Persero) Tbk",
          "PT Krakatau Steel (Persero) Tbk", "PT Barata Indonesia (Persero)")
FAMILIES = ("brake_block", "brake_drum", "brake_disc", "housing", "municipal", "other")
FIRST = add_months(dt.date(REFERENCE.year, REFERENCE.month, 1), -11)
MONTHS = [add_months(FIRST, i) for i in range(12)]


def generate(seed: int) -> None:
    from django.db import transaction

    from pasok.accounts.actors import SYSTEM
    from pasok.accounts.models import Organisation
    from pasok.accounts.services import organisation_create
    from pasok.contracts.models import (
        CallOff,
        CallOffStatus,
        Contract,
        ContractItem,
        Delivery,
        PartnershipCommitment,
    )
    from pasok.payments.models import Invoice, InvoiceLine, Payment

    rng = random.Random(seed)
    at = REFERENCE
    with transaction.atomic():
        buyers = [organisation_create(by=SYSTEM, name=name, kind="bumn_buyer",
                                      province="DKI Jakarta", regency="Kota Jakarta Pusat")
                  for name in BUYERS]
        suppliers = list(Organisation.objects.filter(kind="supplier").order_by("pk")
                         .values_list("pk", flat=True))
        makers = rng.sample(suppliers, CONTRACTS)
        contracts = Contract.objects.bulk_create(
            Contract(reference=f"BENCH-{i:05d}", kind="framework", title="Bench",
                     buyer=rng.choice(buyers), supplier_id=maker, starts_on=MONTHS[0],
                     ends_on=dt.date(2026, 12, 31), tkdn_percent=Decimal(rng.randint(25, 70)),
                     payment_term_days=30, created_at=at)
            for i, maker in enumerate(makers))
        items = ContractItem.objects.bulk_create(
            ContractItem(contract=c, number=1, product="Bench", family=rng.choice(FAMILIES),
                         unit_weight_kg=Decimal(rng.randint(5, 60)),
                         unit_price=Decimal(rng.randint(50, 900) * 1000), quantity=1200)
            for c in contracts)
        call_offs = CallOff.objects.bulk_create(
            CallOff(reference=f"BSP-{i:05d}-{m:%y%m}", item=item,
                    maker_id=item.contract.supplier_id, month=m, quantity=rng.randint(20, 200),
                    deliver_by=add_months(m, 1) - dt.timedelta(days=1),
                    status=CallOffStatus.ACCEPTED, decline_reason="", issued_at=at)
            for i, item in enumerate(items) for m in MONTHS)
        deliveries = Delivery.objects.bulk_create(
            _delivery(rng, c, at) for c in call_offs if c.month < MONTHS[-1])
        invoices = Invoice.objects.bulk_create(_invoice(rng, d, at) for d in deliveries)
        InvoiceLine.objects.bulk_create(
            InvoiceLine(invoice=inv, delivery=d, quantity=d.accepted_quantity,
                        unit_price=d.call_off.item.unit_price, amount=inv.amount)
            for inv, d in zip(invoices, deliveries, strict=True))
        Payment.objects.bulk_create(
            Payment(invoice=inv, amount=inv.amount, paid_on=inv.settled_on, reference="TRF",
                    recorded_at=at) for inv in invoices if inv.settled_on)
        cooperatives = list(Organisation.objects.filter(kind="cooperative")
                            .values_list("pk", flat=True)[:12])
        for i, buyer in enumerate(buyers[:3]):
            commitment = PartnershipCommitment.objects.create(
                buyer=buyer, family=FAMILIES[i], units_per_year=24_000, starts_on=MONTHS[0],
                ends_on=dt.date(2027, 12, 31), signed_at=at)
            commitment.partners.set(cooperatives[4 * i:4 * i + 4])


def _delivery(rng, call_off, at):
    from pasok.contracts.models import Delivery

    received = call_off.month + dt.timedelta(days=rng.randint(10, 27))
    sorted_out = rng.random() < 1 / 12
    accepted = call_off.quantity - (rng.randint(1, 10) if sorted_out else 0)
    return Delivery(call_off=call_off, note_number="SJ", shipped_on=received,
                    received_on=received, quantity=call_off.quantity,
                    accepted_quantity=accepted, accepted_on=received + dt.timedelta(days=1),
                    recorded_at=at)


def _invoice(rng, delivery, at):
    from pasok.payments.models import Invoice

    due = delivery.accepted_on + dt.timedelta(days=30)
    settled = due + dt.timedelta(days=rng.choice((0, 0, 0, 3, 10, 21, 42)))
    amount = delivery.accepted_quantity * delivery.call_off.item.unit_price
    settled = settled if settled < REFERENCE.date() else None
    return Invoice(contract=delivery.call_off.item.contract,
                   supplier_id=delivery.call_off.item.contract.supplier_id,
                   number=f"INV-{delivery.call_off.reference}", issued_on=delivery.accepted_on,
                   amount=amount, paid=amount if settled else 0, due_on=due,
                   settled_on=settled, created_at=at)
