"""The audit log reads as sentences: every action the code records has one, in both
languages; what changed is a list of field: before → after, in words, numbers and moments of
the reader; the filter offers actions by name; the page costs a fixed number of queries."""

import ast
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

import pasok
from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_update, organisation_verify
from pasok.allocation.models import RunKind
from pasok.audit.actions import by_code, groups
from pasok.audit.models import AuditEvent
from pasok.audit.presenting import present
from pasok.audit.services import audit_record
from pasok.tenders.services import lot_add, tender_create, tender_publish
from tests.conftest import PASSWORD

SOURCE = Path(pasok.__file__).parent
T0 = dt.datetime(2026, 3, 2, 2, 30, tzinfo=dt.UTC)  # 09:30 WIB


def _recorded_actions() -> set[str]:
    """Every action an audit_record(...) call in the code can write: its string literals, and
    f-strings (plan_run.{kind}) read as patterns matched against the kinds they take."""
    literals, patterns = set(), set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None)
                    == "audit_record"):
                continue
            action = next(k.value for k in node.keywords if k.arg == "action")
            joined = [p for p in ast.walk(action) if isinstance(p, ast.JoinedStr)]
            inside = {id(c) for j in joined for c in ast.walk(j)}
            patterns |= {"".join(v.value if isinstance(v, ast.Constant) else "*"
                                 for v in j.values) for j in joined}
            literals |= {p.value for p in ast.walk(action) if isinstance(p, ast.Constant)
                         and isinstance(p.value, str) and id(p) not in inside}
    expansions = {"plan_run.*": {f"plan_run.{kind}" for kind in RunKind.values}}
    unknown = patterns - set(expansions)
    assert not unknown, f"say in this test which actions {unknown} stand for"
    return literals | set().union(*(expansions[p] for p in patterns))


def test_every_recorded_action_has_a_sentence():
    recorded = _recorded_actions()
    assert {"organisation.verify", "tender.publish", "plan.create", "plan_run.what_if",
            "nib_document.upload"} <= recorded
    assert recorded - set(by_code()) == set(), "audit actions without a sentence"
    assert set(by_code()) - recorded == set(), "sentences for actions no code records"


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_sentence_names_the_actor_and_is_translated(language):
    for action in by_code().values():
        with translation.override(language):
            sentence, name = str(action.sentence), str(action.name)
        with translation.override("en"):
            english = str(action.sentence)
        assert "%(actor)s" in sentence, action.code
        assert name and "." not in name, action.code
        if language == "id":
            assert sentence != english, f"{action.code} is not translated"


@pytest.mark.django_db
def test_a_publication_reads_as_a_sentence(client, cluster):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=T0 + dt.timedelta(days=7),
                               opening_time=T0 + dt.timedelta(days=8))
        lot_add(by=buyer, tender=tender, product="Blok rem", quantity=1000,
                unit_weight_kg=Decimal(11), hps_unit_price=Decimal("112500.50"))
        tender_publish(by=buyer, tender=tender)
    client.login(email="buyer_x@example.id", password=PASSWORD)
    page = client.get(reverse("audit:list")).content.decode()
    assert (f"buyer_x (PT Kereta Api Indonesia (Persero)) menerbitkan tender "
            f"{tender.reference} Blok rem") in page
    assert "Nilai paket (HPS): Rp112.500.500" in page
    assert "2 Maret 2026 09:30 WIB" in page
    text = re.sub(r"<[^>]*>", " ", page)  # what a person reads, without the markup
    assert "tender.publish" not in text and "{" not in text
    client.cookies["django_language"] = "en"
    english = client.get(reverse("audit:list")).content.decode()
    assert (f"buyer_x (PT Kereta Api Indonesia (Persero)) published tender "
            f"{tender.reference} Blok rem") in english
    assert "Package value (HPS): Rp112,500,500" in english
    assert "2 March 2026 09:30 WIB" in english


@pytest.mark.django_db
def test_changes_read_as_field_before_after_in_words(cluster):
    admin = cluster.users["admin"]
    organisation_update(by=admin, organisation=cluster.supplier_a,
                        business_capital=Decimal(1_200_000_000), phone="0272 551")
    with clock.frozen(T0):
        organisation_verify(by=cluster.users["ministry"], organisation=cluster.supplier_a,
                            notify=False)
    events = AuditEvent.objects.select_related("actor__organisation", "organisation")
    with translation.override("id"):
        update, verify = (present(events.filter(action=a), reader=admin)[0]
                          for a in ("organisation.update", "organisation.verify"))
    assert update.sentence == "admin mengubah data CV Logam Sejahtera"
    changes = {c.label: (c.before, c.after) for c in update.changes}
    assert changes["Modal usaha (Rp)"] == ("800.000.000", "1.200.000.000")
    assert changes["Skala usaha"] == ("Mikro", "Kecil")
    assert changes["Telepon"] == ("–", "0272 551")
    assert verify.sentence == ("ministry (Kementerian Perindustrian) memverifikasi "
                               "CV Logam Sejahtera")
    changes = {c.label: (c.before, c.after) for c in verify.changes}
    assert changes["Diverifikasi oleh"] == ("–", "ministry")
    assert changes["Diverifikasi pada"] == ("–", "2 Maret 2026 09:30 WIB")


@pytest.mark.django_db
def test_a_creation_lists_the_values_it_had(cluster):
    event = AuditEvent.objects.filter(action="user.create",
                                      object_id=str(cluster.users["supplier_a"].pk))
    with translation.override("en"):
        (view,) = present(event.select_related("actor__organisation", "organisation"),
                          reader=cluster.users["admin"])
    assert view.sentence == "Pasok added supplier_a"
    changes = {c.label: (c.before, c.after) for c in view.changes}
    assert changes["Organisation"] == (None, "CV Logam Sejahtera")
    assert changes["Role in organisation"] == (None, "Administrator")
    assert changes["Language"] == (None, "Bahasa Indonesia")
    assert changes["Active"] == (None, "yes")
    assert "Platform role" not in changes  # blank at creation: not listed


@pytest.mark.django_db
def test_an_action_no_code_records_any_more_still_reads(cluster):
    audit_record(actor=SYSTEM, action="retired.action", obj=cluster.supplier_a,
                 organisation=cluster.supplier_a, after={"x": 1})
    with translation.override("en"):
        (view,) = present(AuditEvent.objects.filter(action="retired.action").select_related(
            "actor__organisation", "organisation"), reader=cluster.users["admin"])
    assert view.sentence == "Pasok changed CV Logam Sejahtera"


@pytest.mark.django_db
def test_the_filter_offers_actions_by_name(client, cluster):
    organisation_update(by=cluster.users["admin"], organisation=cluster.supplier_a, phone="1")
    client.login(email="admin@example.id", password=PASSWORD)
    page = client.get(reverse("audit:list")).content.decode()
    assert '<optgroup label="Tender">' in page
    assert '<option value="organisation.update">Data organisasi diubah</option>' in page
    assert "Tindakan berawalan" not in page
    filtered = client.get(reverse("audit:list"), {"action": "organisation.update"})
    sentences = [e.sentence for e in filtered.context["events"]]
    assert sentences == ["admin mengubah data CV Logam Sejahtera"]
    wrong = client.get(reverse("audit:list"), {"action": "organisation"})
    assert "action" in wrong.context["form"].errors  # not a prefix any more
    assert len(wrong.context["events"]) > 1  # and the log still shows


def test_groups_follow_the_apps():
    with translation.override("en"):
        labels = [str(g.label) for g in groups()]
    assert labels[:2] == ["Organisations and people", "Supplier registry"]


@pytest.mark.django_db
def test_the_page_costs_a_fixed_number_of_queries(client, cluster,
                                                  django_assert_max_num_queries):
    from pasok.allocation.models import Plan
    from tests.allocation.factories import matrix_args

    matrix_args(cluster, "run")  # plans with members: events that name organisations
    buyer = cluster.users["buyer_x"]
    for n in range(12):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title=f"Tender {n}",
                               bid_deadline=clock.now() + dt.timedelta(days=7),
                               opening_time=clock.now() + dt.timedelta(days=8))
        if n % 2:
            lot_add(by=buyer, tender=tender, product="Blok rem", quantity=10,
                    unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
            tender_publish(by=buyer, tender=tender)
        organisation_update(by=cluster.users["admin"], organisation=cluster.supplier_b,
                            phone=str(n))
    assert Plan.objects.exists() and AuditEvent.objects.count() > 50
    client.login(email="admin@example.id", password=PASSWORD)
    client.get(reverse("audit:list"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("audit:list"))
    assert len(response.context["events"]) == 50
