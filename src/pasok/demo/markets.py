"""New markets in the demo (issue 14):

- a few of the cluster's grey-iron foundries hold IATF 16949, the automotive makers' quality
  certificate, so the opportunity finder has brake-drum makers to find: AUTOMOTIVE_READY that
  machine too (they can make truck brake drums today) and ROUGH_CASTERS that do not
  (machining is all they lack);
- the ministry's business matching with PT Astra Otoparts and two other makers, 75 days ago,
  with its pairings and follow-ups (one overdue);
- Otoparts' request for quotation for truck brake drums to every capable foundry: the two
  ready ones quote, the cheaper's samples pass their first-article inspection (dimensions,
  hardness, chemistry) and are approved, a framework contract is signed and its first order
  issued; the pairing climbs every stage, so the funnel shows meetings → RFQs → samples →
  orders → value."""

import datetime as dt
from decimal import Decimal

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.kinds import OrgKind
from pasok.accounts.models import Organisation
from pasok.contracts import services as contracts
from pasok.contracts.models import ContractKind
from pasok.mediation import services as mediation
from pasok.mediation.models import Stage
from pasok.months import month_start
from pasok.rfqs import services as rfqs
from pasok.rfqs.models import Invite
from pasok.suppliers.models import MaterialGrade
from pasok.suppliers.part_catalogue import FAMILIES
from pasok.suppliers.selectors import casts_a_grade, covers_weights, offers_process
from pasok.suppliers.services import profile_save

from .logins import DEMO_DOMAIN

AUTOMOTIVE_READY = 2
ROUGH_CASTERS = 3
IATF_YEARS = 3  # an IATF 16949 certificate runs three years, with yearly surveillance audits


def certify_for_automotive(today: dt.date) -> list:
    """Give IATF 16949 to AUTOMOTIVE_READY drum casters that machine and ROUGH_CASTERS that
    do not; returns the organisations certified."""
    drum = FAMILIES["brake_drum"]
    casters = (Organisation.objects.filter(kind=OrgKind.SUPPLIER, verified_at__isnull=False)
               .filter(casts_a_grade([DRUM["grade"]]),  # the grade Otoparts asks
                       covers_weights(drum.typical_kg, drum.typical_kg))
               .order_by("name"))
    machining = offers_process("machining")
    chosen = (list(casters.filter(machining)[:AUTOMOTIVE_READY])
              + list(casters.exclude(machining)[:ROUGH_CASTERS]))
    issued = today - dt.timedelta(days=310)
    for n, organisation in enumerate(chosen, 1):
        kept = list(organisation.profile.certificates.values(
            "kind", "number", "product", "issued_on", "valid_until"))
        profile_save(by=SYSTEM, organisation=organisation, certificates=[*kept, {
            "kind": "iatf16949", "number": f"IATF-0{4_570_000 + n}", "product": "",
            "issued_on": issued,
            "valid_until": issued + dt.timedelta(days=round(365.25 * IATF_YEARS) - 1)}])
    return chosen


def _day(today: dt.date, days_ago: int) -> dt.date:
    return today - dt.timedelta(days=days_ago)


DRUM = {"part_name": "Tromol rem truk 410 mm", "family": "brake_drum", "grade": "FC250",
        "unit_weight_kg": Decimal(30), "annual_volume": 36_000,
        "target_unit_price": Decimal(190_000), "certificate": "iatf16949",
        "note": "Permesinan bidang rem dan lubang baut termasuk; PPAP level 3."}
QUOTES = (Decimal(182_000), Decimal(188_500))  # the two ready foundries'
# First-article results of the chosen samples: the drum's bore, its hardness, its carbon.
FIRST_ARTICLE = (
    {"kind": "dimension", "name": "Diameter dalam (mm)", "nominal": Decimal(410),
     "lower": Decimal("409.90"), "upper": Decimal("410.10"), "measured": Decimal("410.04")},
    {"kind": "hardness", "name": "Kekerasan (HB)", "nominal": None, "lower": Decimal(187),
     "upper": Decimal(241), "measured": Decimal(212)},
    {"kind": "chemistry", "name": "Karbon (%)", "nominal": None, "lower": Decimal("3.20"),
     "upper": Decimal("3.50"), "measured": Decimal("3.35")},
)


def _otoparts_rfq(orgs, users, ready, today):
    """The RFQ, its two quotations, the samples approved, the contract and its first order;
    returns (rfq, contract)."""
    from .fulfilment import _admin_of, _at

    buyer = users[f"otoparts@{DEMO_DOMAIN}"]
    with clock.frozen(_at(_day(today, 60), 9)):
        rfq = rfqs.rfq_send(by=buyer, buyer=orgs["otoparts"], invite=Invite.CAPABLE,
                            deadline=_at(_day(today, 53), 16), **{
                                **DRUM, "grade": MaterialGrade.objects.get(code="FC250")})
    quotations = []
    for foundry, price in zip(ready, QUOTES, strict=True):
        with clock.frozen(_at(_day(today, 56), 10)):
            quotation, _nonce = rfqs.quotation_submit(
                by=_admin_of(foundry), rfq=rfq, unit_price=price, lead_time_weeks=6,
                monthly_capacity=3_000, valid_until=_day(today, -60),
                note="Termasuk permesinan dan pengecatan anti karat.")
            quotations.append(quotation)
    with clock.frozen(_at(_day(today, 50), 9)):
        order = rfqs.sample_order(by=buyer, rfq=rfq, quotation=quotations[0], quantity=10,
                                  due_on=_day(today, 30))
    with clock.frozen(_at(_day(today, 28), 14)):
        inspection = rfqs.first_article_record(by=buyer, sample_order=order,
                                               inspected_on=_day(today, 28),
                                               characteristics=FIRST_ARTICLE)
    with clock.frozen(_at(_day(today, 25), 10)):
        rfqs.first_article_decide(by=buyer, inspection=inspection, approve=True,
                                  note="Sampel lulus; lanjut ke kontrak.")
    with clock.frozen(_at(_day(today, 20), 10)):
        contract = rfqs.rfq_contract_make(by=buyer, rfq=rfq, kind=ContractKind.FRAMEWORK,
                                          starts_on=month_start(today))
        contracts.contract_sign(by=buyer, contract=contract)
        contracts.contract_sign(by=_admin_of(ready[0]), contract=contract)
    with clock.frozen(_at(_day(today, 15), 9)):
        contracts.call_off_issue(by=buyer, item=contract.items.get(),
                                 month=month_start(today), quantity=3_000)
    return rfq, contract


def _matching(orgs, users, ready, rough, today, rfq, contract):
    """The event, who came, the pairings with their stages and links, the follow-ups."""
    from .fulfilment import _admin_of

    officer = users[f"kemenperin@{DEMO_DOMAIN}"]
    held = _day(today, 75)
    with clock.frozen(dt.datetime.combine(held, dt.time(16), tzinfo=dt.UTC)):
        event = mediation.event_create(
            by=officer, organiser=orgs["ministry"],
            title="Temu Bisnis Klaster Pengecoran Ceper × Industri Otomotif", held_on=held,
            place="Gedung Kementerian Perindustrian, Jakarta",
            families=["brake_drum", "brake_disc", "housing"],
            notes="Pembeli otomotif bertemu pengecoran Ceper yang bersertifikat IATF 16949.")
        absent = rough[-1]
        for organisation in (orgs["otoparts"], orgs["mpo"], orgs["gkn"], *ready, *rough,
                             orgs["cooperative"]):
            mediation.attendance_record(by=officer, event=event, organisation=organisation,
                                        invited=True, present=organisation != absent)
        pairs = [mediation.pairing_add(by=officer, event=event, buyer=buyer, supplier=seller,
                                       family=family, notes=notes)
                 for buyer, seller, family, notes in (
                     (orgs["otoparts"], ready[0], "brake_drum", "Tromol truk 410 mm."),
                     (orgs["otoparts"], ready[1], "brake_drum", "Tromol truk 410 mm."),
                     (orgs["mpo"], rough[0], "brake_disc",
                      "Cakram rem kasar; MPO yang mengerjakan permesinan."),
                     (orgs["gkn"], orgs["cooperative"], "housing",
                      "Rumah girboks: anggota mengecor, anggota lain memesin."))]
    won, quoted, discs, housings = pairs
    for stage, days_ago in ((Stage.RFQ, 60), (Stage.SAMPLES, 50), (Stage.SAMPLE_APPROVED, 25),
                            (Stage.FIRST_ORDER, 15), (Stage.CONTRACT, 15)):
        with clock.frozen(_day_at(today, days_ago)):
            mediation.pairing_advance(by=officer, pairing=won, stage=stage,
                                      reached_on=_day(today, days_ago))
    with clock.frozen(_day_at(today, 60)):
        mediation.pairing_advance(by=officer, pairing=quoted, stage=Stage.RFQ,
                                  reached_on=_day(today, 60))
    with clock.frozen(_day_at(today, 14)):
        for pairing in (won, quoted):
            mediation.pairing_link(by=officer, pairing=pairing, rfq=rfq,
                                   contract=contract if pairing is won else None)
        mediation.follow_up_add(by=officer, pairing=discs, owner=_admin_of(orgs["mpo"]),
                                action="Kirim gambar teknik cakram rem ke pengecoran",
                                due_on=_day(today, 5))  # overdue
        mediation.follow_up_add(by=officer, pairing=housings, owner=officer,
                                action="Kunjungi anggota koperasi yang memesin",
                                due_on=_day(today, -14))
    return event


def _day_at(today: dt.date, days_ago: int) -> dt.datetime:
    return dt.datetime.combine(_day(today, days_ago), dt.time(9), tzinfo=dt.UTC)


def load_markets(*, orgs: dict, users: dict, today: dt.date) -> None:
    chosen = certify_for_automotive(_day(today, 90))
    ready, rough = chosen[:AUTOMOTIVE_READY], chosen[AUTOMOTIVE_READY:]
    rfq, contract = _otoparts_rfq(orgs, users, ready, today)
    _matching(orgs, users, ready, rough, today, rfq, contract)
