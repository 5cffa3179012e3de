"""National-size data for the load test, on top of the capability-search registry.

`fill()` writes, into an empty database: the demo cluster (`pasok demo`: its plan and its
logins, through the services), the 100,000 generated suppliers of
`bench/suppliers/generate.py`, then a year of procurement:

- BUYERS BUMN buyers, each with an administrator who signs in (`buyer-N@bench.pasok.local`);
- SUPPLIER_LOGINS verified small or micro suppliers with an administrator who signs in
  (`supplier-N@bench.pasok.local`), who bid in the load test;
- TENDERS tenders of one to three lots, their deadlines spread over the year before the
  data's date and the month after it. Each draws bids from the verified suppliers (a
  quarter replaced once or twice): each bid sealed by `pasok.tenders.sealing` under the
  configured PASOK_BID_KEYS, with the content `services.bid_submit` seals (keys, shapes,
  nonce, digest) and a BidEvent per version received. Tenders past their deadline are
  opened as `services.tender_open` opens them (opened_content = the unsealed content);
  the latest EVALUATED of every buyer are then opened and evaluated through the services
  themselves (`tender_open`, `tender_evaluate`), so the evaluation page shows real ranks;
- NEAR tenders still open (deadline reset by the runner before each run), on which the
  signed-in suppliers bid during the test; not reserved for small businesses, no
  documents asked.

Bulk inserts for the rest, as the supplier generator does. The registry's capacity
bookings are made to name real bids (`_consistent_bookings`). The audit log of the bulk rows is
not written (what the services write there does not change any page measured here).
All logins share one password (PASSWORD), hashed once.
"""

import datetime as dt
import json
import random
from decimal import Decimal

LOAD_VERSION = 1
SEED = 20261201
BUYERS = 20
SUPPLIER_LOGINS = 400
TENDERS = 5_000
NEAR = 40  # open tenders the load test bids on
EVALUATED = 10  # per buyer, evaluated through the services
PASSWORD = "bench-load-2026-not-a-secret"
DOMAIN = "bench.pasok.local"
NEAR_PREFIX = "BEN-NEAR-"


def buyer_email(i: int) -> str:
    return f"buyer-{i}@{DOMAIN}"


def supplier_email(i: int) -> str:
    return f"supplier-{i}@{DOMAIN}"


def _products() -> list[tuple[str, str, tuple[float, float]]]:
    """(product name, grade, weight range) of every product line of the demo cluster."""
    from pasok.demo.cluster import LINES

    return [(spec.name, spec.grades[0], spec.weight_kg)
            for line in LINES.values() for spec in line.products]


def _content(rng: random.Random, lot, bidder_pk: int) -> dict:
    """What `services.bid_submit` seals for a bid without documents, members or TKDN
    source (bid_tkdn.NONE), price around the owner estimate."""
    from pasok.tenders import sealing
    from pasok.tenders.bid_tkdn import NONE

    price = Decimal(round(float(lot.hps_unit_price) * rng.uniform(0.8, 1.15) / 100) * 100)
    quantity = lot.quantity if rng.random() < 0.7 else max(1, lot.quantity // rng.randint(2, 4))
    return {"lot": lot.number, "bidder": bidder_pk, "unit_price": price, "quantity": quantity,
            "monthly_capacity": max(1, quantity // rng.randint(3, 12)),
            "origin": "domestic" if rng.random() < 0.95 else "import", **NONE.sealed(),
            "siinas_registered": rng.random() < 0.5, "documents": {}, "members": [],
            "nonce": sealing.new_nonce(), "total_price": None}


def _logins(progress) -> None:
    from django.contrib.auth.hashers import make_password

    from pasok.accounts.models import Organisation, User

    password = make_password(PASSWORD)
    now = dt.datetime.now(dt.UTC)
    buyers = Organisation.objects.bulk_create(
        Organisation(name=f"PT Bench BUMN {i + 1:02d} (Persero)", kind="bumn_buyer",
                     province="DKI Jakarta", regency="Kota Jakarta Pusat", created_at=now,
                     verified_at=now) for i in range(BUYERS))
    suppliers = list(Organisation.objects.filter(
        kind="supplier", verified_at__isnull=False, size_class__in=["micro", "small"],
        nib__isnull=False).order_by("pk")[:SUPPLIER_LOGINS])
    users = [User(email=buyer_email(i), full_name=f"Pembeli Bench {i}", organisation=org,
                  org_role="admin", password=password, date_joined=now)
             for i, org in enumerate(buyers)]
    users += [User(email=supplier_email(i), full_name=f"Pemasok Bench {i}", organisation=org,
                   org_role="admin", password=password, date_joined=now)
              for i, org in enumerate(suppliers)]
    User.objects.bulk_create(users)
    progress(f"  {len(buyers)} buyers, {len(suppliers)} supplier logins")


def _tenders(rng: random.Random, now: dt.datetime, progress) -> None:
    from django.db.models import F

    from pasok.accounts.models import Organisation, User
    from pasok.tenders import sealing
    from pasok.tenders.models import Bid, BidEvent, Lot, Tender

    buyers = list(Organisation.objects.filter(kind="bumn_buyer", name__startswith="PT Bench"))
    admins = {u.organisation_id: u for u in User.objects.filter(organisation__in=buyers)}
    bidders = list(Organisation.objects.filter(
        kind__in=["supplier", "cooperative"], verified_at__isnull=False).values_list(
        "pk", "size_class", "kind"))
    small = [pk for pk, size, kind in bidders
             if size in ("micro", "small") or kind == "cooperative"]
    everyone = [pk for pk, *_rest in bidders]
    # Whoever bids needs a person who submitted it: the organisation's first user, or a buyer
    # admin standing in (submitted_by is never shown to others).
    signed = dict(User.objects.filter(organisation_id__isnull=False).values_list(
        "organisation_id", "pk"))
    products = _products()
    made = 0
    for start in range(0, TENDERS, 500):
        tenders, lots = [], []
        for n in range(start, min(TENDERS, start + 500)):
            near = n >= TENDERS - NEAR
            deadline = (now + dt.timedelta(hours=1) if near
                        else now + dt.timedelta(days=rng.uniform(-365, 30)))
            deadline = deadline.replace(minute=0, second=0, microsecond=0)
            buyer = rng.choice(buyers)
            reserved = not near and rng.random() < 0.6
            tenders.append(Tender(
                buyer=buyer, reference=(f"{NEAR_PREFIX}{n:05d}" if near else f"BEN-{n:05d}"),
                title=f"Pengadaan {rng.choice(products)[0].lower()} {n}",
                description="Pengadaan komponen cor logam dengan preferensi produk dalam negeri.",
                bid_deadline=deadline, opening_time=deadline + dt.timedelta(hours=2),
                created_at=deadline - dt.timedelta(days=21),
                published_at=deadline - dt.timedelta(days=20),
                small_business_reserved=reserved, split_award_allowed=rng.random() < 0.3,
                reservation_exemption="" if reserved else "Butuh kemampuan teknis khusus."))
        Tender.objects.bulk_create(tenders)
        for tender in tenders:
            for number in range(1, rng.randint(1, 3) + 1):
                name, grade, (low, high) = rng.choice(products)
                quantity = rng.choice((1_200, 2_400, 3_600, 6_000, 12_000, 24_000))
                weight = Decimal(f"{rng.uniform(low, high):.1f}")
                lots.append(Lot(tender=tender, number=number, product=name, grade_id=grade,
                                unit_weight_kg=weight, quantity=quantity,
                                delivery_schedule=[quantity // 12] * 12,
                                hps_unit_price=Decimal(round(float(weight) * 30_000, -3))))
        Lot.objects.bulk_create(lots)
        bids, contents = [], []
        for lot in lots:
            tender = lot.tender
            pool = small if tender.small_business_reserved else everyone
            for bidder in rng.sample(pool, k=rng.randint(0, 8)):
                content = _content(rng, lot, bidder)
                at = tender.bid_deadline - dt.timedelta(hours=rng.uniform(1, 400))
                version = 1 if rng.random() < 0.75 else rng.randint(2, 3)
                opened = tender.opening_time < now
                bids.append(Bid(tender=tender, lot=lot, bidder_id=bidder,
                                submitted_by_id=signed.get(bidder, admins[tender.buyer_id].pk),
                                sealed=sealing.seal(content), digest=sealing.digest(content),
                                submitted_at=at, version=version,
                                # What tender_open stores: the content as unsealed.
                                opened_content=(json.loads(sealing.canonical(content))
                                                if opened else None)))
                contents.append(content)
        Bid.objects.bulk_create(bids, batch_size=2000)
        events = [BidEvent(bid=bid, kind="received", version=v, digest=bid.digest,
                           at=bid.submitted_at - dt.timedelta(hours=bid.version - v),
                           by_id=bid.submitted_by_id)
                  for bid in bids for v in range(1, bid.version + 1)]
        BidEvent.objects.bulk_create(events, batch_size=5000)
        Tender.objects.filter(pk__in=[t.pk for t in tenders], opening_time__lt=now).update(
            opened_at=F("opening_time"))
        made += len(tenders)
        progress(f"  {made:,} / {TENDERS:,} tenders, {len(bids):,} bids in this batch")


def _evaluate(now: dt.datetime, progress) -> None:
    """The latest closed tenders of every buyer, opened and evaluated through the services
    (the bulk opening of their bids undone first, so `tender_open` checks every digest)."""
    from pasok.accounts.models import User
    from pasok.tenders import services
    from pasok.tenders.models import Bid, Tender

    done = 0
    for buyer in User.objects.filter(email__startswith="buyer-", email__endswith=DOMAIN):
        latest = list(Tender.objects.filter(buyer_id=buyer.organisation_id,
                                            opening_time__lt=now, bids__isnull=False)
                      .distinct().order_by("-bid_deadline")[:EVALUATED])
        for tender in latest:
            Bid.objects.filter(tender=tender).update(opened_content=None)
            Tender.objects.filter(pk=tender.pk).update(opened_at=None)
            tender.refresh_from_db()
            services.tender_open(by=buyer, tender=tender)
            services.tender_evaluate(by=buyer, tender=tender)
            done += 1
    progress(f"  {done} tenders opened and evaluated through the services")


def _consistent_bookings(progress) -> None:
    """The supplier generator books capacity for awards that do not exist (ref_id = the
    organisation's own id); a supplier's page names each booking's record and fails on
    those. Point each at a real bid of its supplier (one that bid), and drop the bookings,
    with their monthly sums, of suppliers that never bid."""
    from django.db import connection

    generated = "cb.source = 'award' AND cb.ref_id = cb.organisation_id"
    with connection.cursor() as cursor:
        cursor.execute(f"""UPDATE suppliers_capacitybooking cb SET ref_id = b.id
            FROM (SELECT bidder_id, min(id) AS id FROM tenders_bid GROUP BY bidder_id) b
            WHERE {generated} AND b.bidder_id = cb.organisation_id""")  # noqa: S608
        kept = cursor.rowcount
        cursor.execute(f"""DELETE FROM suppliers_bookedmonth bm USING suppliers_capacitybooking cb
            WHERE {generated} AND bm.organisation_id = cb.organisation_id
            AND bm.month = cb.month""")  # noqa: S608
        cursor.execute(f"DELETE FROM suppliers_capacitybooking cb WHERE {generated}")  # noqa: S608
        progress(f"  bookings: {kept:,} pointed at a bid, {cursor.rowcount:,} dropped")


def fill(progress=print) -> None:
    """Demo, registry, logins, tenders and bids into the empty default database."""
    from django.core.management import call_command
    from django.db import transaction

    from bench.suppliers.generate import DEFAULT_COUNT, DEFAULT_SEED, generate

    progress("the demo cluster (pasok demo)")
    call_command("demo", interactive=False, verbosity=0)  # production settings ask otherwise
    progress(f"{DEFAULT_COUNT:,} suppliers (bench/suppliers/generate.py)")
    generate(count=DEFAULT_COUNT, seed=DEFAULT_SEED, progress=progress)
    rng = random.Random(SEED)
    now = dt.datetime.now(dt.UTC)
    with transaction.atomic():
        progress("logins")
        _logins(progress)
        progress(f"{TENDERS:,} tenders and their bids")
        _tenders(rng, now, progress)
        _consistent_bookings(progress)
    _evaluate(now, progress)
