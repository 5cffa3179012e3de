"""Attacks on the seal: before the deadline nobody but the bidder reads any part of a bid.

Bids carry prices, quantities and capacities that cannot turn up by accident (987654 ×
432187), six digits each so that no object id of a long test run can match them.
Every URL pattern Django knows — pages, exports, the audit view, notifications, the API (with
the session and with a bearer token), the admin's changelists and change pages — is derived
from the resolver, its int arguments filled with the ids of the objects that exist, and
fetched with GET as every role; no response may show a number of somebody else's bid in any
notation, a document, a file name or the sealed bytes. The tender's actions are tried as
every role and must change nothing; mail and the audit log are read too. A positive control
walks the same way after opening and must find the numbers, so a broken walk fails."""

import datetime as dt
import io
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from openpyxl import load_workbook

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Notification, OrgRole
from pasok.accounts.services import api_token_create, organisation_verify, user_create
from pasok.audit.models import AuditEvent
from pasok.suppliers.models import MaterialGrade
from pasok.tenders import services
from pasok.tenders.documents import Upload
from pasok.tenders.models import Bid, BidDocument, BidEvaluation, Tender
from pasok.tenders.tasks import send_deadline_reminders
from pasok.tkdn.services import worksheet_save
from tests.conftest import PASSWORD
from tests.tenders.files import PDF
from tests.tenders.test_evaluation_pdf import pdf_text
from tests.tenders.test_sealed_bids import _cert
from tests.web.test_permission_matrix import BRAKE_BLOCK

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=14)
OPENING = DEADLINE + dt.timedelta(hours=2)
BEFORE_DEADLINE = DEADLINE - dt.timedelta(hours=1)
CLOSED = DEADLINE + dt.timedelta(hours=1)  # past the deadline, before the opening time

# The cluster's roles (all organisation admins), plus a staff member and a viewer of the
# buyer and of a competing bidder: (organisation role in the cluster, org_role).
EXTRA = {"buyer_x_staff": ("buyer_x", OrgRole.STAFF), "buyer_x_viewer": ("buyer_x", OrgRole.VIEWER),
         "supplier_b_staff": ("supplier_b", OrgRole.STAFF),
         "supplier_b_viewer": ("supplier_b", OrgRole.VIEWER)}
ROLES = ("anonymous", "supplier_a", "supplier_b", "cooperative", "buyer_x", "buyer_y",
         "ministry", "admin", *EXTRA)


@dataclass(frozen=True)
class Secret:
    """What one sealed bid says, and how it could show."""

    role: str  # who bids
    lot: int  # index of the lot
    price: int
    quantity: int
    capacity: int
    marker: str  # inside the document's bytes, and in its file name

    def numbers(self) -> set[str]:
        """Each number plain and grouped the Indonesian and the English way."""
        found = set()
        for n in (self.price, self.quantity, self.capacity, self.price * self.quantity):
            grouped = f"{n:,}"
            found |= {str(n), grouped, grouped.replace(",", "."),
                      grouped.replace(",", "\xa0"), grouped.replace(",", "\u202f")}
        return found

    @cached_property
    def pattern(self) -> re.Pattern:
        """The numbers standing alone: 432187 in "432.187 pcs" or "432187.0", not in the
        microseconds of a time (…23.432187) or another, longer number."""
        alternatives = "|".join(re.escape(n) for n in sorted(self.numbers(), key=len,
                                                              reverse=True))
        return re.compile(rf"(?<![\d.])(?:{alternatives})(?!\d)")


SECRETS = (
    Secret("supplier_a", 0, 987_654, 432_187, 171_717, "RAHASIA-A-LOT1"),
    Secret("supplier_a", 1, 923_817, 296_351, 282_828, "RAHASIA-A-LOT2"),
    Secret("supplier_b", 0, 958_273, 384_723, 393_939, "RAHASIA-B-LOT1"),
)
# Digests, nonces, CSRF and API tokens are long runs of letters and digits; a four-digit
# number may turn up inside one by chance (…a4321f…), so numbers are looked for outside them.
_TOKEN = re.compile(r"[0-9A-Za-z_\-]{32,}")
# Object ids in links (/admin/audit/auditevent/1717/change/) grow with the database and are
# not bid content; a quantity or price is never a whole path segment.
_PATH_ID = re.compile(r"(?<=/)\d+(?=/)")


@dataclass
class Attack:
    tender: Tender
    bids: dict[Secret, Bid]
    nonces: dict[Secret, str]
    users: dict
    tokens: dict[str, str]
    markers: dict[Secret, set[str]] = field(default_factory=dict)

    def __post_init__(self):
        """What of each bid may not show anywhere, looked for in the text as it came: the
        document's marker and file name, the nonce, slices of the sealed bytes."""
        for secret, bid in self.bids.items():
            sealed = [bytes(bid.sealed), *(bytes(d.sealed) for d in
                                           BidDocument.objects.filter(bid=bid))]
            self.markers[secret] = {secret.marker, secret.marker.lower(), self.nonces[secret],
                                    sealed[0].hex()[120:200],
                                    *(s.decode()[60:120] for s in sealed)}

    def organisation_of(self, role):
        user = self.users[role]
        return user.organisation_id if user is not None else None

    def hidden_from(self, role) -> list[Secret]:
        """The bids `role` must not read: all but its own organisation's."""
        own = self.organisation_of(role)
        return [s for s in SECRETS if self.organisation_of(s.role) != own or own is None]


def _upload(secret: Secret) -> Upload:
    return Upload(f"akta-{secret.marker.lower()}.pdf", PDF + f"% {secret.marker}\n".encode())


@pytest.fixture
def attack(cluster, django_capture_on_commit_callbacks) -> Attack:
    """Buyer X's tender with two lots and three sealed bids (supplier A on both lots,
    supplier B on lot 1), a clarification, notices and reminders sent; an earlier tender of
    buyer X is awarded, so the evaluation pages have something to show."""
    for org in (cluster.supplier_a, cluster.supplier_b, cluster.cooperative, cluster.member):
        organisation_verify(by=SYSTEM, organisation=org)
    users = dict(cluster.users)
    for role, (org_role, level) in EXTRA.items():
        users[role] = user_create(by=SYSTEM, email=f"{role}@example.id", full_name=role,
                                  password=PASSWORD, organisation=users[org_role].organisation,
                                  org_role=level)
    buyer = users["buyer_x"]
    with django_capture_on_commit_callbacks(execute=True):  # its award notices go out
        _earlier_tender(cluster, buyer)
    grade = MaterialGrade.objects.get(pk="FCD450")
    with clock.frozen(T0), django_capture_on_commit_callbacks(execute=True):
        tender = services.tender_create(
            by=buyer, buyer=cluster.buyer_x, title="Blok rem FCD450 2027", bid_deadline=DEADLINE,
            opening_time=OPENING, required_documents=["NIB"], split_award_allowed=True)
        for quantity in (900_000, 800_000):
            services.lot_add(by=buyer, tender=tender, product="Bracket", grade=grade,
                             quantity=quantity, unit_weight_kg=Decimal(35),
                             hps_unit_price=Decimal(1_000_000))
        services.tender_publish(by=buyer, tender=tender)
    lots = list(tender.lots.order_by("number"))
    # A's bids cite its TKDN certificate (lot 1) and a worksheet version (lot 2).
    sources = {SECRETS[0]: {"certificate_id": _cert(cluster, cluster.supplier_a, 45).pk},
               SECRETS[1]: {"worksheet_version_id": worksheet_save(
                   by=SYSTEM, organisation=cluster.supplier_a, data=BRAKE_BLOCK).pk}}
    bids, nonces = {}, {}
    with clock.frozen(T0 + dt.timedelta(days=1)):
        question = services.question_ask(by=users["supplier_b"], tender=tender,
                                          text="Apakah gambar teknis tersedia?")
        services.question_answer(by=buyer, question=question, answer="Ya, terlampir.")
        for s in SECRETS:
            bids[s], nonces[s] = services.bid_submit(
                by=users[s.role], lot=lots[s.lot], unit_price=Decimal(s.price),
                quantity=s.quantity, monthly_capacity=s.capacity,
                documents={"NIB": _upload(s)}, **sources.get(s, {}))
    with clock.frozen(DEADLINE - dt.timedelta(hours=3)), \
            django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders.call() == 1
    tokens = {role: api_token_create(by=user, name="attack")[1]
              for role, user in users.items() if user is not None}
    return Attack(tender, bids, nonces, users, tokens)


def _earlier_tender(cluster, buyer):
    """Opened, evaluated and awarded a month ago, with ordinary prices; its bidders are the
    same suppliers, so after that opening they read each other's bids there (only there)."""
    start = T0 - dt.timedelta(days=30)
    with clock.frozen(start):
        earlier = services.tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem 2026",
                                         bid_deadline=start + dt.timedelta(days=7),
                                         opening_time=start + dt.timedelta(days=7))
        lot = services.lot_add(by=buyer, tender=earlier, product="Blok rem", quantity=100,
                               unit_weight_kg=Decimal(11), hps_unit_price=Decimal(110_000))
        services.tender_publish(by=buyer, tender=earlier)
        for role, price in (("supplier_a", 100_000), ("supplier_b", 101_000)):
            services.bid_submit(by=cluster.users[role], lot=lot, unit_price=Decimal(price),
                                quantity=100, monthly_capacity=50)
    with clock.frozen(start + dt.timedelta(days=7)):
        for step in (services.tender_open, services.tender_evaluate, services.tender_award):
            step(by=buyer, tender=earlier)


# --- the walk: every URL pattern, its arguments filled from what exists ---------------------

_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>(?P<regex>[^)]*)\)")
# Argument names that do not name their model.
_ALIASES = {"org": "accounts.Organisation", "supplier": "accounts.Organisation",
            "token": "accounts.ApiToken", "document": "tenders.BidDocument",
            "content_type": "contenttypes.ContentType"}


def _patterns(patterns=None, prefix=""):
    """(the full pattern text, the URLPattern) of every route."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        text = str(p.pattern)
        if isinstance(p.pattern, RegexPattern):
            text = text.removeprefix("^").removesuffix("$")
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, prefix + text)
        else:
            yield prefix + text, p


def _model_for(name: str, segment: str):
    """The model an argument names: tender_id → Tender; pk → the path segment before it."""
    base = segment if name == "pk" else re.sub(r"_(pk|id)$", "", name)
    base = base.removesuffix("s") if base not in _ALIASES else base
    if base in _ALIASES:
        return apps.get_model(_ALIASES[base])
    ours = [m for m in apps.get_models()
            if m._meta.model_name == base.replace("-", "") and m.__module__.startswith("pasok.")]
    return ours[0] if ours else None


def _pks(model) -> list:
    if model is ContentType:  # the tender's own kinds of object
        return list(ContentType.objects.filter(app_label="tenders").values_list("pk", flat=True))
    return list(model._default_manager.order_by("pk").values_list("pk", flat=True))


def _tender_objects() -> list:
    """Ids of the tenders, lots, bids, documents, questions and evaluations that exist."""
    config = apps.get_app_config("tenders")
    return sorted({pk for model in config.get_models() for pk in _pks(model)})


def _values(match, segment: str, pattern) -> list:
    name = match.group("name") or match.group("group")
    if match.group("regex") is not None:
        regex = match.group("regex")
        if re.fullmatch(r"[\w|]+", regex):  # the admin's app labels
            return regex.split("|")
        root = pattern.default_args.get("document_root")
        if root and Path(root).is_dir():  # uploaded media: every file there
            return [str(f.relative_to(root)) for f in Path(root).rglob("*") if f.is_file()] \
                or ["nothing-here"]
        return ["nothing-here/"]
    model_admin = getattr(pattern.callback, "model_admin", None)
    if model_admin is not None and name == "object_id":
        return _pks(model_admin.model)
    if not (match.group("conv") == "int" or name == "pk" or name.endswith(("_id", "_pk"))):
        return ["x"]  # a token or a slug: anything will do
    model = _model_for(name, segment)
    if model is not None:
        return _pks(model) or [999_999]  # none exist: ask for a missing one
    return _tender_objects()


def _urls(text: str, pattern) -> list[str]:
    params = list(_PARAM.finditer(text))
    choices = [_values(m, text[:m.start()].rstrip("/").rsplit("/", 1)[-1], pattern)
               for m in params]
    urls = []
    for combo in itertools.product(*choices):
        url, last = "", 0
        for m, value in zip(params, combo, strict=True):
            url, last = url + text[last:m.start()] + str(value), m.end()
        urls.append("/" + url + text[last:])
    return urls


def all_urls() -> list[str]:
    """Every route of the project with every combination of existing ids."""
    urls = []
    for text, pattern in _patterns():
        found = _urls(text, pattern)
        admin_object = getattr(pattern.callback, "model_admin", None) is not None
        assert found or admin_object, f"no arguments for {text}: teach _values its names"
        urls += found
    return list(dict.fromkeys(urls))


def readable(response) -> str:
    """Everything a person could read from a response: headers, body, XLSX cells, PDF text."""
    raw = (b"".join(response.streaming_content) if response.streaming
           else response.content)
    content_type = response.get("Content-Type", "")
    parts = [response.get("Location", ""), response.get("Content-Disposition", ""),
             raw.decode("utf-8", errors="replace")]
    if content_type.startswith("application/vnd.openxmlformats"):
        book = load_workbook(io.BytesIO(raw), read_only=True)
        parts += [str(v) for sheet in book.worksheets
                  for row in sheet.iter_rows(values_only=True) for v in row]
    if content_type.startswith("application/pdf") and raw.startswith(b"%PDF"):
        parts.append(pdf_text(raw))
    return "\n".join(parts)


def leaks(attack: Attack, role: str, text: str) -> set[str]:
    found = set()
    masked = _PATH_ID.sub(" ", _TOKEN.sub(" ", text))
    for secret in attack.hidden_from(role):
        found |= {m for m in attack.markers[secret] if m in text}
        found |= set(secret.pattern.findall(masked))
    return found


def _client(attack: Attack, role: str, *, bearer: bool = False) -> Client:
    client = Client()
    if role != "anonymous" and not bearer:
        client.force_login(attack.users[role])
    return client


def walk(attack: Attack, role: str) -> dict[str, tuple[int, set[str]]]:
    """GET every URL as `role` (the API also with its bearer token): url → (status, leaks)."""
    seen = {}
    session = _client(attack, role)
    for url in all_urls():
        if role != "anonymous" and "_auth_user_id" not in session.session:
            session.force_login(attack.users[role])  # a logout page signed us out
        response = session.get(url)
        seen[url] = (response.status_code, leaks(attack, role, readable(response)))
    if role != "anonymous":
        bearer = _client(attack, role, bearer=True)
        headers = {"Authorization": f"Bearer {attack.tokens[role]}"}
        for url in all_urls():
            if url.startswith("/api/"):
                response = bearer.get(url, headers=headers)
                seen[f"{url} (bearer)"] = (response.status_code,
                                           leaks(attack, role, readable(response)))
    return seen


# --- the tests -------------------------------------------------------------------------------

@pytest.mark.parametrize(("moment", "role"), [
    *((BEFORE_DEADLINE, role) for role in ROLES),
    # Past the deadline but before the opening time the tender is closed, still sealed.
    (CLOSED, "buyer_x"), (CLOSED, "admin"),
], ids=lambda v: v if isinstance(v, str) else "closed" if v == CLOSED else "before")
def test_no_route_shows_a_sealed_bid_before_opening(attack, moment, role):
    with clock.frozen(moment):
        seen = walk(attack, role)
    found = {url: found for url, (_status, found) in seen.items() if found}
    assert found == {}, f"{role} reads sealed bids"
    # The walk reached the pages that matter, with the ids of this tender.
    detail = reverse("tenders:detail", args=[attack.tender.pk])
    assert detail in seen and f"/api/v1/tenders/{attack.tender.pk}/bids" in seen
    if role in ("buyer_x", "admin", "supplier_b_viewer"):
        assert seen[detail][0] == 200
        assert seen[f"/api/v1/tenders/{attack.tender.pk}/bids (bearer)"][0] == 200
    if role == "admin":
        for bid in attack.bids.values():
            assert seen[f"/admin/accounts/organisation/{bid.bidder_id}/change/"][0] == 200
        assert any(url.startswith("/admin/audit/auditevent/") and status == 200
                   for url, (status, _f) in seen.items() if url.endswith("/change/"))


def _state(tender: Tender):
    tender = Tender.objects.get(pk=tender.pk)
    bids = [(b.pk, bytes(b.sealed), b.digest, b.version, b.submitted_at, b.withdrawn_at,
             b.opened_content) for b in Bid.objects.filter(tender=tender).order_by("pk")]
    documents = list(BidDocument.objects.filter(bid__tender=tender).order_by("pk")
                     .values_list("pk", "sha256", "size"))
    return (tender.published_at, tender.opened_at, tender.evaluated_at, tender.awarded_at,
            tender.cancelled_at, tender.cancel_reason, bids, documents,
            BidEvaluation.objects.filter(bid__tender=tender).count())


def _attempts(attack: Attack, role: str):
    """(url name, arguments, data) of every action `role` tries on the tender."""
    pk = attack.tender.pk
    shares = {f"share-{bid.public_id}": str(s.quantity) for s, bid in attack.bids.items()}
    yield from (("tenders:open", [pk], {}), ("tenders:evaluate", [pk], {}),
                ("tenders:award", [pk], {}), ("tenders:award-split", [pk], shares),
                ("tenders:cancel", [pk], {"reason": ""}))
    # Cancelling with a reason is the buyer's right at any time (see the test below).
    if role not in ("buyer_x", "buyer_x_staff", "admin"):
        yield "tenders:cancel", [pk], {"reason": "Dibatalkan oleh penyerang"}
    for secret in attack.hidden_from(role):  # somebody else's bid, by its id
        yield "tenders:bid-withdraw", [pk, attack.bids[secret].public_id], {}


@pytest.mark.parametrize("moment", [BEFORE_DEADLINE, CLOSED], ids=["before", "closed"])
def test_no_role_opens_evaluates_awards_or_cancels_early(attack, moment):
    """Every action as every role, before the deadline and before the opening time: all
    refused, nothing changes, and no page that answers shows a bid."""
    before = _state(attack.tender)
    found = {}
    for role in ROLES:
        client = _client(attack, role)
        for name, args, data in _attempts(attack, role):
            with clock.frozen(moment):
                response = client.post(reverse(name, args=args), data, follow=True)
            assert response.status_code in (200, 403, 404), (role, name)
            found[(role, name)] = leaks(attack, role, readable(response))
            assert _state(attack.tender) == before, (role, name)
    assert {k: v for k, v in found.items() if v} == {}


def test_mail_notifications_and_the_audit_log_say_nothing_of_a_bid(attack):
    # At least the earlier award's notices, the new tender's notice and the reminder.
    assert len(mail.outbox) >= 4
    texts = [" ".join([m.subject, m.body, *m.to,
                       *(content for content, _type in getattr(m, "alternatives", []))])
             for m in mail.outbox]
    texts += list(Notification.objects.values_list("text", flat=True))
    for event in AuditEvent.objects.all():
        texts.append(" ".join(str(getattr(event, f.attname)) for f in event._meta.fields))
    submitted = AuditEvent.objects.filter(
        action="bid.submit", object_id__in=[str(b.pk) for b in attack.bids.values()])
    assert submitted.count() == len(SECRETS)
    found = {text[:80]: leaks(attack, "anonymous", text) for text in texts}
    assert {k: v for k, v in found.items() if v} == {}


def test_a_cancelled_tender_keeps_its_bids_sealed(attack):
    """Cancelling before the deadline is the buyer's right; it does not open anything."""
    with clock.frozen(BEFORE_DEADLINE):
        services.tender_cancel(by=attack.users["buyer_x"], tender=attack.tender,
                               reason="Spesifikasi berubah")
    with clock.frozen(OPENING + dt.timedelta(days=1)):
        for role in ("buyer_x", "ministry"):
            client = _client(attack, role)
            for name in ("tenders:detail", "tenders:evaluation", "tenders:evaluation-pdf"):
                response = client.get(reverse(name, args=[attack.tender.pk]))
                assert not leaks(attack, role, readable(response)), (role, name)
            response = client.get(f"/api/v1/tenders/{attack.tender.pk}/bids")
            assert response.json() == [], role
        with pytest.raises(ValidationError):
            services.tender_open(by=attack.users["buyer_x"], tender=attack.tender)


def test_positive_control_the_buyer_reads_the_bids_after_opening(attack):
    """The same walk after the opening finds the numbers where they belong: a broken walk,
    wrong ids or an unreadable export would make the tests above pass for nothing."""
    buyer = attack.users["buyer_x"]
    with clock.frozen(OPENING):
        services.tender_open(by=buyer, tender=attack.tender)
        services.tender_evaluate(by=buyer, tender=attack.tender)
        seen = walk(attack, "buyer_x")
    pk = attack.tender.pk
    first = SECRETS[0]
    showing = {url for url, (_status, found) in seen.items()
               if {"987.654", "987654"} & found}
    expected = {f"/tenders/{pk}/", f"/tenders/{pk}/evaluation/",
                f"/tenders/{pk}/evaluation.xlsx", f"/tenders/{pk}/evaluation.pdf",
                f"/api/v1/tenders/{pk}/bids", f"/api/v1/tenders/{pk}/bids (bearer)"}
    assert expected <= showing, sorted(showing)
    document = BidDocument.objects.get(bid=attack.bids[first])
    client = _client(attack, "buyer_x")
    with clock.frozen(OPENING):
        response = client.get(reverse("tenders:bid-document", args=[pk, document.public_id]))
    assert first.marker in readable(response)


def test_the_bidder_reads_its_own_bid_and_only_that(attack):
    """Why the walk lets a bidder's own people see their numbers: they may, from the
    bidder's viewer up; a competitor's stay hidden."""
    client = _client(attack, "supplier_b_viewer", bearer=True)
    headers = {"Authorization": f"Bearer {attack.tokens['supplier_b_viewer']}"}
    with clock.frozen(BEFORE_DEADLINE):
        response = client.get(f"/api/v1/tenders/{attack.tender.pk}/bids", headers=headers)
    text = readable(response)
    assert [bid["content"]["unit_price"] for bid in response.json()] == ["958273"]
    assert leaks(attack, "supplier_b_viewer", text) == set()
    as_competitor = leaks(attack, "supplier_a", text)
    assert {"958273", "384723", "393939", attack.nonces[SECRETS[2]]} <= as_competitor


# --- who: the audit log names no bidder before the opening, and never who asked ------------

AUDIT_READERS = ("ministry", "admin", "buyer_x", "buyer_y", "supplier_a", "supplier_b",
                 "cooperative")
QUESTION = "Apakah gambar teknis tersedia?"  # asked by supplier B in the fixture
_BLOCK = re.compile(r'<li class="result">|<tr\b')


def _identity(attack: Attack, role: str) -> set[str]:
    """How a page could name `role`'s organisation or person."""
    user = attack.users[role]
    return {user.organisation.name, user.full_name, user.email}


def _audit_pages(attack: Attack, role: str) -> list[str]:
    """The audit log as `role` reads it: every page, filtered by each bid and question
    action; for the platform admin also the admin's list (all of it, and searched for each
    bidder and the asker) and every event's own page."""
    client = _client(attack, role)
    events = AuditEvent.objects.count()
    urls = [f"{reverse('audit:list')}?page={n}" for n in range(1, events // 50 + 2)]
    urls += [f"{reverse('audit:list')}?action={action}"
             for action in ("bid.submit", "bid.withdraw", "tender.question")]
    if role == "admin":
        changelist = reverse("admin:audit_auditevent_changelist")
        urls += [f"{changelist}?all=", f"{changelist}?action__exact=bid.submit"]
        urls += [f"{changelist}?q={term}" for bidder in ("supplier_a", "supplier_b")
                 for term in _identity(attack, bidder)]
        urls += [reverse("admin:audit_auditevent_change", args=[pk])
                 for pk in AuditEvent.objects.values_list("pk", flat=True)]
    pages = []
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        pages.append(readable(response))
    return pages


def _named(attack: Attack, role: str, pages: list[str]) -> dict[str, set[str]]:
    """What of somebody else's identity a page shows next to the sealed tender (its
    reference, a bid's digest) or the question: each event (a list item, a table row, an
    event's own page) is read on its own, since bidders are named rightly elsewhere."""
    own = attack.organisation_of(role)
    bidders = {s.role for s in SECRETS if attack.organisation_of(s.role) != own}
    about_bids = {attack.tender.reference, *(bid.digest for bid in attack.bids.values())}
    found: dict[str, set[str]] = {}
    for page in pages:
        for block in _BLOCK.split(page):
            if any(mark in block for mark in about_bids):
                for bidder in bidders:
                    found.setdefault("bid", set()).update(
                        name for name in _identity(attack, bidder) if name in block)
            if QUESTION in block and own != attack.organisation_of("supplier_b"):
                found.setdefault("question", set()).update(
                    name for name in _identity(attack, "supplier_b") if name in block)
    return {what: names for what, names in found.items() if names}


def _replace_and_withdraw(attack: Attack) -> None:
    """A bid's other events: supplier A replaces a bid, supplier B withdraws its own."""
    first, _second, third = SECRETS
    with clock.frozen(BEFORE_DEADLINE - dt.timedelta(hours=1)):
        bid = attack.bids[first]
        services.bid_submit(by=attack.users["supplier_a"], lot=bid.lot,
                            unit_price=Decimal(first.price), quantity=first.quantity,
                            monthly_capacity=first.capacity)
        services.bid_withdraw(by=attack.users["supplier_b"], bid=attack.bids[third])


@pytest.mark.parametrize("role", AUDIT_READERS)
def test_the_audit_log_names_no_bidder_before_the_opening_nor_who_asked(attack, role):
    _replace_and_withdraw(attack)
    with clock.frozen(BEFORE_DEADLINE):
        pages = _audit_pages(attack, role)
    assert _named(attack, role, pages) == {}
    text = "\n".join(pages)
    if role in ("supplier_a", "supplier_b"):  # a bidder reads its own bid's events
        mine = next(s for s in SECRETS if s.role == role)
        assert str(attack.bids[mine]) in text
    if role == "supplier_b":  # and the asker its own question, with its name
        assert QUESTION in text and "UD Cor Makmur" in text
    if role in ("ministry", "admin", "buyer_x"):  # they read the question, not who asked
        assert QUESTION in text


@pytest.mark.parametrize("role", ["ministry", "buyer_x"])
def test_after_the_opening_the_tenders_readers_see_who_bid(attack, role):
    """The positive control: once opened, the bid events are the tender's, and name the
    bidders to whoever reads the tender's events (the asker stays unnamed)."""
    _replace_and_withdraw(attack)
    with clock.frozen(OPENING):
        services.tender_open(by=attack.users["buyer_x"], tender=attack.tender)
        pages = _audit_pages(attack, role)
    named = _named(attack, role, pages)
    assert named["bid"] >= {"CV Logam Sejahtera", "UD Cor Makmur", "supplier_a", "supplier_b"}
    assert "question" not in named
