"""Demo tenders: PT KAI's brake-block tender open for bids now (the cooperative has bid on
lot 1 for two of its members, its TKDN weighted from their certificates or worksheets, and
replaced that bid once, so its history has two versions), and an INKA tender already
opened, evaluated and awarded, so both halves of the flow can be seen. INKA's package is
open to all (composite blocks are accepted), so the import agent bid there too; KAI's is
reserved for small businesses and cooperatives, where the agent may not bid. Written through
the tender services with the clock set to when each step happened; every bid uploads its
NIB as a PDF."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import user_create
from pasok.suppliers.models import MaterialGrade
from pasok.tenders.bid_tkdn import MemberShare
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    tender_award,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from pasok.tkdn.models import TkdnCertificate, WorksheetVersion

from .documents import nib_pdf
from .logins import DEMO_DOMAIN

KAI_LOTS = (  # product, unit weight kg, quantity, HPS per unit (phosphoric iron, P10)
    ("Blok rem besi cor fosfor gerbong barang (UIC 832 P10)", "11.5", 60_000, 112_000),
    ("Blok rem besi cor fosfor kereta penumpang", "10.8", 40_000, 115_000),
    ("Blok rem besi cor fosfor lokomotif", "13.2", 20_000, 128_000),
)
# INKA's package is sized for one small foundry: 300 coach blocks a month for a year,
# 3.240 kg of the demo member's 7.000 kg a month once awarded (its profile shows the rest).
INKA_LOTS = (("Blok rem besi cor fosfor kereta penumpang", "10.8", 3_600, 115_000),)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _nib(org) -> dict:
    """The bid's NIB document (see documents.py)."""
    return {"NIB": nib_pdf(org)}


def _makers(cooperative, *, besides, count: int = 2, today=None):
    """Members of the cooperative that cast phosphoric brake blocks (P10), by name; with
    `today`, only those with a TKDN value to cite (an unexpired certificate or a worksheet)."""
    members = (cooperative.members.filter(is_active=True, profile__grades="P10")
               .exclude(pk=besides.pk).order_by("name"))
    if today is not None:
        members = [m for m in members if _member_source(m, today)]
    return list(members[:count])


def _member_source(member, today) -> dict:
    """The member's best current TKDN value for the cooperative's bid to cite."""
    cert = (TkdnCertificate.objects.filter(organisation=member, valid_until__gte=today)
            .order_by("-tkdn_percent").first())
    if cert is not None:
        return {"certificate_id": cert.pk}
    version = (WorksheetVersion.objects.filter(worksheet__organisation=member)
               .order_by("-tkdn_percent").first())
    return {"worksheet_version_id": version.pk} if version else {}


def _brake_block_tender(buyer, org, title, deadline, lots, *, exemption: str = "",
                        description: str = ""):
    tender = tender_create(by=buyer, buyer=org, title=title, bid_deadline=deadline,
                           opening_time=deadline + dt.timedelta(hours=2),
                           min_tkdn_percent=Decimal(25), required_documents=["NIB"],
                           small_business_reserved=not exemption,
                           reservation_exemption=exemption,
                           description=description or
                           "Pengadaan blok rem besi cor untuk sarana perkeretaapian dengan "
                           "preferensi produk dalam negeri.")
    phosphoric = MaterialGrade.objects.get(pk="P10")
    for product, weight, quantity, hps in lots:
        lot_add(by=buyer, tender=tender, product=product, family="brake_block", grade=phosphoric,
                unit_weight_kg=Decimal(weight), quantity=quantity,
                hps_unit_price=Decimal(hps),
                delivery_schedule=[quantity // 12] * 11 + [quantity - 11 * (quantity // 12)])
    return tender_publish(by=buyer, tender=tender)


def _shares(makers, quantity: int, fractions) -> list[tuple[int, int]]:
    """(member id, quantity) pairs splitting `quantity` by `fractions`; the last takes the
    rest, so they add up exactly."""
    shares = [int(quantity * f) for f in fractions[:len(makers) - 1]]
    shares.append(quantity - sum(shares))
    return [(m.pk, q) for m, q in zip(makers, shares, strict=True)]


def load_tenders(*, orgs: dict, users: dict, today: dt.date) -> None:
    kai, inka = users[f"kai@{DEMO_DOMAIN}"], users[f"inka@{DEMO_DOMAIN}"]
    member, coop = users[f"anggota@{DEMO_DOMAIN}"], users[f"koperasi@{DEMO_DOMAIN}"]
    # The agent's admin only places the demo's recorded bid: no password, no demo login.
    agent = user_create(by=SYSTEM, email=f"impor@{DEMO_DOMAIN}", full_name="Dewi Kartika",
                        password=None, organisation=orgs["import_agent"], org_role="admin")
    makers = _makers(orgs["cooperative"], besides=member.organisation)
    with clock.frozen(_at(today - dt.timedelta(days=2), 9)):
        kai_tender = _brake_block_tender(kai, orgs["kai"], "Blok rem besi cor 2027 (tiga lot)",
                                         _at(today + dt.timedelta(days=21), 14), KAI_LOTS)
    lot = kai_tender.lots.get(number=1)  # sealed until the opening, three weeks ahead
    # Its TKDN weighted from two members that have a value to cite (the cluster has them).
    weighing = _makers(orgs["cooperative"], besides=member.organisation, today=today)
    shares = [MemberShare(pk, units, **_member_source(org, today)) for org, (pk, units) in
              zip(weighing, _shares(weighing, lot.quantity, (0.6, 0.4)), strict=True)]
    for day, price in ((2, 109_000), (1, 108_500)):  # bid, then replaced with a lower price
        with clock.frozen(_at(today - dt.timedelta(days=day), 15)):
            bid_submit(by=coop, lot=lot, unit_price=Decimal(price), quantity=lot.quantity,
                       monthly_capacity=lot.quantity // 8, siinas_registered=True,
                       documents=_nib(orgs["cooperative"]), members=shares,
                       tkdn_from_members=True)
    with clock.frozen(_at(today - dt.timedelta(days=40), 9)):
        inka_tender = _brake_block_tender(
            inka, orgs["inka"], "Blok rem kereta penumpang produksi 2026",
            _at(today - dt.timedelta(days=12), 14), INKA_LOTS,
            exemption="Spesifikasi menerima blok rem besi cor fosfor maupun blok rem komposit "
                      "setara (UIC 541-4); paket dibuka bagi semua penyedia, dengan "
                      "preferensi harga untuk produk dalam negeri.",
            description="Pengadaan blok rem kereta penumpang (besi cor fosfor atau komposit "
                        "setara) dengan preferensi produk dalam negeri.")
    lot = inka_tender.lots.get()
    certificate = (TkdnCertificate.objects.filter(
        organisation=member.organisation, self_declared=False,
        valid_until__gte=today).order_by("-tkdn_percent").first())
    imported = TkdnCertificate.objects.filter(organisation=orgs["import_agent"]).first()
    with clock.frozen(_at(today - dt.timedelta(days=20), 10)):
        bid_submit(by=member, lot=lot, unit_price=Decimal(109_500), quantity=lot.quantity,
                   monthly_capacity=lot.quantity // 10, documents=_nib(member.organisation),
                   certificate_id=certificate.pk if certificate else None)
        bid_submit(by=coop, lot=lot, unit_price=Decimal(104_000), quantity=lot.quantity,
                   monthly_capacity=lot.quantity // 6, siinas_registered=True,
                   documents=_nib(orgs["cooperative"]),
                   members=_shares(makers, lot.quantity, (0.55, 0.45)))
        bid_submit(by=agent, lot=lot, unit_price=Decimal(89_500), quantity=lot.quantity,
                   monthly_capacity=lot.quantity // 4, origin="import",
                   certificate_id=imported.pk if imported else None,
                   documents=_nib(orgs["import_agent"]))
    with clock.frozen(_at(today - dt.timedelta(days=12), 16)):
        tender_open(by=inka, tender=inka_tender)
        tender_evaluate(by=inka, tender=inka_tender)
        tender_award(by=inka, tender=inka_tender)
