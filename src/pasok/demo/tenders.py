"""Demo tenders: PT KAI's brake-block tender open for bids now, and an INKA tender already
opened, evaluated and awarded, so both halves of the flow can be seen. Written through the
tender services with the clock set to when each step happened."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from pasok import clock
from pasok.suppliers.models import MaterialGrade
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    tender_award,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from pasok.tkdn.models import TkdnCertificate

from .logins import DEMO_DOMAIN

KAI_LOTS = (  # product, unit weight kg, quantity, HPS per unit (phosphoric iron, P10)
    ("Blok rem besi cor fosfor gerbong barang (UIC 832 P10)", "11.5", 60_000, 112_000),
    ("Blok rem besi cor fosfor kereta penumpang", "10.8", 40_000, 115_000),
    ("Blok rem besi cor fosfor lokomotif", "13.2", 20_000, 128_000),
)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _brake_block_tender(buyer, org, title, deadline, lots):
    tender = tender_create(by=buyer, buyer=org, title=title, bid_deadline=deadline,
                           opening_time=deadline + dt.timedelta(hours=2),
                           min_tkdn_percent=Decimal(25), required_documents=["NIB"],
                           description="Pengadaan blok rem besi cor untuk sarana perkeretaapian "
                                       "dengan preferensi produk dalam negeri.")
    phosphoric = MaterialGrade.objects.get(pk="P10")
    for product, weight, quantity, hps in lots:
        lot_add(by=buyer, tender=tender, product=product, grade=phosphoric,
                unit_weight_kg=Decimal(weight), quantity=quantity,
                hps_unit_price=Decimal(hps),
                delivery_schedule=[quantity // 12] * 11 + [quantity - 11 * (quantity // 12)])
    return tender_publish(by=buyer, tender=tender)


def load_tenders(*, orgs: dict, users: dict, today: dt.date) -> None:
    kai, inka = users[f"kai@{DEMO_DOMAIN}"], users[f"inka@{DEMO_DOMAIN}"]
    member, coop = users[f"anggota@{DEMO_DOMAIN}"], users[f"koperasi@{DEMO_DOMAIN}"]
    with clock.frozen(_at(today - dt.timedelta(days=2), 9)):
        _brake_block_tender(kai, orgs["kai"], "Blok rem besi cor 2027 (tiga lot)",
                            _at(today + dt.timedelta(days=21), 14), KAI_LOTS)
    with clock.frozen(_at(today - dt.timedelta(days=40), 9)):
        inka_tender = _brake_block_tender(
            inka, orgs["inka"], "Blok rem kereta penumpang produksi 2026",
            _at(today - dt.timedelta(days=12), 14), KAI_LOTS[1:2])
    lot = inka_tender.lots.get()
    certificate = (TkdnCertificate.objects.filter(
        organisation=member.organisation, self_declared=False,
        valid_until__gte=today).order_by("-tkdn_percent").first())
    with clock.frozen(_at(today - dt.timedelta(days=20), 10)):
        bid_submit(by=member, lot=lot, unit_price=Decimal(109_500), quantity=lot.quantity,
                   monthly_capacity=lot.quantity // 10, documents=["NIB"],
                   certificate_id=certificate.pk if certificate else None)
        bid_submit(by=coop, lot=lot, unit_price=Decimal(104_000), quantity=lot.quantity,
                   monthly_capacity=lot.quantity // 6, siinas_registered=True,
                   documents=["NIB"])
    with clock.frozen(_at(today - dt.timedelta(days=12), 16)):
        tender_open(by=inka, tender=inka_tender)
        tender_evaluate(by=inka, tender=inka_tender)
        tender_award(by=inka, tender=inka_tender)
