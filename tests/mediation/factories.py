"""Business matching rows for the mediation tests, the permission matrix and the query
counts: an event held on 10 January 2027 with buyer X, supplier A, buyer Y and the
cooperative's member on its list; buyer X paired with supplier A and buyer Y with the
member; a follow-up of the first pair owned by buyer X's admin."""

import datetime as dt

from django.urls import reverse

from pasok import clock
from pasok.mediation import services
from pasok.suppliers.catalogue import PART_FAMILIES

HELD_ON = dt.date(2027, 1, 10)
AFTER = dt.datetime(2027, 1, 12, 3, 0, tzinfo=dt.UTC)  # two days after the event
FAMILIES = [code for code, _label in PART_FAMILIES]


def event(cluster, *, title="Temu bisnis otomotif Ceper", held_on=HELD_ON, listed=None):
    ministry = cluster.users["ministry"]
    with clock.frozen(AFTER):
        made = services.event_create(by=ministry, organiser=cluster.ministry, title=title,
                                     held_on=held_on, place="Klaten",
                                     families=["brake_drum", "flywheel"])
        for organisation in listed if listed is not None else (
                cluster.buyer_x, cluster.supplier_a, cluster.buyer_y, cluster.member):
            services.attendance_record(by=ministry, event=made, organisation=organisation,
                                       invited=True, present=True)
    return made


def pairing(cluster, made, buyer=None, supplier=None, family="brake_drum", notes=""):
    with clock.frozen(AFTER):
        return services.pairing_add(by=cluster.users["ministry"], event=made,
                                    buyer=buyer or cluster.buyer_x,
                                    supplier=supplier or cluster.supplier_a, family=family,
                                    notes=notes)


def follow_up(cluster, paired, *, due_on=dt.date(2027, 1, 20), owner=None, action="Kirim RFQ"):
    with clock.frozen(AFTER):
        return services.follow_up_add(by=cluster.users["ministry"], pairing=paired,
                                      action=action, owner=owner or cluster.users["buyer_x"],
                                      due_on=due_on)


MATRIX_ARGS = ("event", "pairing", "follow_up", "funnel_chart")


def matrix_args(cluster, arg: str) -> list:
    if arg == "funnel_chart":
        return ["stages", "csv"]
    made = event(cluster)
    paired = pairing(cluster, made)
    pairing(cluster, made, buyer=cluster.buyer_y, supplier=cluster.member, notes="Rahasia Y")
    if arg == "event":
        return [made.public_id]
    if arg == "pairing":
        return [paired.public_id]
    return [follow_up(cluster, paired).public_id]


# -- the query counts: n rows of each list ------------------------------------------------

def events_rows(cluster, n):
    from tests.web.test_query_counts import Page

    made = [event(cluster, title=f"Temu bisnis {i}") for i in range(n)]
    for one in made:
        pairing(cluster, one)
    return Page("ministry", reverse("mediation:list"), made[-1].title)


def event_page_rows(cluster, n):
    from tests.web.test_query_counts import Page

    made = event(cluster)
    paired = [pairing(cluster, made, family=FAMILIES[i]) for i in range(n)]
    for i, one in enumerate(paired):
        follow_up(cluster, one, action=f"Tindak lanjut {i}")
    return Page("ministry", reverse("mediation:event", args=[made.public_id]),
                f"Tindak lanjut {n - 1}", AFTER)


def follow_up_rows(cluster, n):
    from tests.web.test_query_counts import Page

    made = event(cluster)
    paired = pairing(cluster, made)
    for i in range(n):
        follow_up(cluster, paired, action=f"Tindak lanjut {i}")
    return Page("buyer_x", reverse("mediation:follow-ups"), f"Tindak lanjut {n - 1}", AFTER)


def funnel_rows(cluster, n):
    from tests.web.test_query_counts import Page

    made = [event(cluster, title=f"Temu bisnis {i}") for i in range(n)]
    for one in made:
        pairing(cluster, one)
    return Page("ministry", reverse("mediation:funnel"), made[-1].title, AFTER)
