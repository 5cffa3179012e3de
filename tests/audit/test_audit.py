"""The append-only audit log: what audit_record stores, that nothing rewrites it, and who
may read it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pasok import clock
from pasok.accounts.actors import SYSTEM, on_behalf_of
from pasok.accounts.models import Organisation, OrgRole, User
from pasok.accounts.services import organisation_update, user_create
from pasok.audit.models import AuditEvent
from pasok.audit.services import audit_record, snapshot

pytestmark = pytest.mark.django_db

JAKARTA = dt.timezone(dt.timedelta(hours=7))
T0 = dt.datetime(2026, 3, 2, 9, 30, 15, tzinfo=JAKARTA)

on_postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                      reason="the append-only trigger exists on PostgreSQL only")


@pytest.fixture
def org(db):
    """An organisation saved without a service, so it writes no audit event of its own."""
    return Organisation.objects.create(name="CV Logam Sejahtera", kind="supplier",
                                       nib="9120000000099", created_at=T0)


@pytest.fixture
def event(org):
    return audit_record(actor=SYSTEM, action="test.create", obj=org, organisation=org,
                        after={"name": "CV Logam Sejahtera"})


# --- audit_record: what is stored ------------------------------------------------------------

def test_record_stores_who_what_when(org):
    user = User.objects.create_user("petugas@example.id", "x", full_name="Petugas")
    with clock.frozen(T0):
        ev = audit_record(actor=user, action="organisation.update", obj=org, organisation=org,
                          before={"name": "A"}, after={"name": "B"})
    ev = AuditEvent.objects.get(pk=ev.pk)  # as stored, not as built
    assert ev.at == T0
    assert ev.actor_id == user.pk
    assert ev.actor_label == "petugas@example.id"
    assert ev.action == "organisation.update"
    assert ev.object_type == "accounts.organisation"
    assert ev.object_id == str(org.pk)
    assert ev.object_label == "CV Logam Sejahtera"
    assert ev.organisation_id == org.pk
    assert ev.before == {"name": "A"}
    assert ev.after == {"name": "B"}


def test_the_system_is_recorded_as_system(org):
    ev = audit_record(actor=SYSTEM, action="demo.load", obj=org)
    ev.refresh_from_db()
    assert ev.actor_id is None
    assert ev.actor_label == "system"
    assert ev.organisation_id is None
    assert ev.before is None
    assert ev.after is None


def test_a_person_through_a_service_is_recorded_as_the_person(org):
    user = User.objects.create_user("petugas@example.id", "x", full_name="Petugas")
    ev = audit_record(actor=on_behalf_of(user, org), action="profile.update", obj=org)
    ev.refresh_from_db()
    assert (ev.actor_id, ev.actor_label) == (user.pk, "petugas@example.id")


@pytest.mark.parametrize("actor", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_no_actor_is_refused_not_taken_for_the_system(org, actor):
    """Before accounts.actors, None and an anonymous visitor were written as "system"."""
    with pytest.raises(TypeError, match=r"actor=None|anonymous"):
        audit_record(actor=actor, action="demo.load", obj=org)
    assert not AuditEvent.objects.exists()


def test_only_changed_fields_are_kept(org):
    before = {"name": "UD Cor", "regency": "Klaten", "size_class": "micro", "phone": ""}
    after = {"name": "UD Cor Makmur", "regency": "Klaten", "size_class": "small", "phone": ""}
    ev = audit_record(actor=SYSTEM, action="x", obj=org, before=before, after=after)
    ev.refresh_from_db()
    assert ev.before == {"name": "UD Cor", "size_class": "micro"}
    assert ev.after == {"name": "UD Cor Makmur", "size_class": "small"}


def test_a_field_that_appears_is_recorded_with_before_none(org):
    ev = audit_record(actor=SYSTEM, action="x", obj=org, before={"a": 1}, after={"a": 1, "b": 2})
    ev.refresh_from_db()
    assert ev.before == {"b": None}
    assert ev.after == {"b": 2}


def test_nothing_changed_gives_empty_diffs(org):
    snap = {"name": "A", "n": 3}
    ev = audit_record(actor=SYSTEM, action="x", obj=org, before=snap, after=dict(snap))
    ev.refresh_from_db()
    assert ev.before == {}
    assert ev.after == {}


def test_create_keeps_the_whole_after_and_delete_the_whole_before(org):
    created = audit_record(actor=SYSTEM, action="x.create", obj=org, after={"a": 1, "b": 2})
    deleted = audit_record(actor=SYSTEM, action="x.delete", obj=org, before={"a": 1, "b": 2})
    created.refresh_from_db()
    deleted.refresh_from_db()
    assert (created.before, created.after) == (None, {"a": 1, "b": 2})
    assert (deleted.before, deleted.after) == ({"a": 1, "b": 2}, None)


def test_values_are_made_json_ready(org):
    when = dt.datetime(2026, 1, 5, 8, 0, tzinfo=JAKARTA)
    after = {
        "capital": Decimal("800000000"),
        "price": Decimal("110000.50"),
        "at": when,
        "on": dt.date(2026, 1, 5),
        "org": org,
        "tags": ("a", "b"),
        "nested": {"amounts": [Decimal("1.5"), {"d": dt.date(2025, 12, 12)}]},
        "set": {7},
        "none": None,
        "flag": True,
    }
    ev = audit_record(actor=SYSTEM, action="x", obj=org, after=after)
    ev.refresh_from_db()
    assert ev.after == {
        "capital": "800000000",
        "price": "110000.50",
        "at": "2026-01-05T08:00:00+07:00",
        "on": "2026-01-05",
        "org": org.pk,
        "tags": ["a", "b"],
        "nested": {"amounts": ["1.5", {"d": "2025-12-12"}]},
        "set": [7],
        "none": None,
        "flag": True,
    }


def test_decimal_change_is_recorded_as_text(org):
    ev = audit_record(actor=SYSTEM, action="x", obj=org,
                      before={"capital": Decimal(800_000_000)},
                      after={"capital": Decimal(1_200_000_000)})
    ev.refresh_from_db()
    assert ev.before == {"capital": "800000000"}
    assert ev.after == {"capital": "1200000000"}


def test_long_object_label_is_cut_at_300(db):
    user = User.objects.create_user("a@example.id", "x", full_name="Z" * 200)
    user.full_name = "Z" * 400  # str(user) is the full name; not saved, only labelled
    ev = audit_record(actor=SYSTEM, action="x", obj=user)
    ev.refresh_from_db()
    assert ev.object_label == "Z" * 300
    assert ev.object_type == "accounts.user"


def test_snapshot_reads_concrete_fields_with_foreign_keys_as_ids(org):
    member = Organisation.objects.create(name="UD Sinar Besi", kind="supplier",
                                         nib="9120000000098", cooperative=org,
                                         business_capital=Decimal(750_000_000), created_at=T0)
    snap = snapshot(member)
    assert snap["name"] == "UD Sinar Besi"
    assert snap["cooperative_id"] == org.pk
    assert "cooperative" not in snap
    assert snap["business_capital"] == "750000000"
    assert snap["created_at"] == T0.isoformat()
    assert snap["id"] == member.pk
    assert snapshot(member, ["name", "nib"]) == {"name": "UD Sinar Besi",
                                                 "nib": "9120000000098"}


json_values = st.none() | st.booleans() | st.integers(-(10**9), 10**9) | st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=8)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.tuples(json_values, json_values),
                       max_size=8))
def test_diff_property(org, pairs):
    """For snapshots with the same keys: the stored diff holds exactly the keys whose values
    differ, and applying it to `before` gives `after`."""
    before = {k: b for k, (b, _) in pairs.items()}
    after = {k: a for k, (_, a) in pairs.items()}
    ev = audit_record(actor=SYSTEM, action="x", obj=org, before=before, after=after)
    ev.refresh_from_db()
    changed = {k for k in pairs if before[k] != after[k]}
    assert set(ev.before) == set(ev.after) == changed
    assert {k: before[k] for k in changed} == ev.before
    assert before | ev.after == after


# --- the services write through audit_record -------------------------------------------------

def test_cluster_services_wrote_events(cluster):
    a = cluster.supplier_a
    created = AuditEvent.objects.get(action="organisation.create", object_id=str(a.pk))
    assert created.organisation_id == a.pk
    assert created.actor_label == "system"
    assert created.before is None
    assert created.after["name"] == "CV Logam Sejahtera"
    assert created.after["nib"] == a.nib
    user = cluster.users["supplier_a"]
    made = AuditEvent.objects.get(action="user.create", object_id=str(user.pk))
    assert made.organisation_id == a.pk
    assert made.after["email"] == "supplier_a@example.id"


def test_an_update_records_only_what_changed(cluster):
    admin = cluster.users["admin"]
    a = cluster.supplier_a
    with clock.frozen(T0):
        organisation_update(by=admin, organisation=a, phone="0272-551234")
    ev = AuditEvent.objects.filter(action="organisation.update").get()
    assert ev.at == T0
    assert ev.actor_id == admin.pk
    assert ev.actor_label == "admin@example.id"
    assert ev.organisation_id == a.pk
    assert ev.before == {"phone": ""}
    assert ev.after == {"phone": "0272-551234"}


def test_events_list_newest_first(org):
    for minutes, action in ((0, "first"), (5, "third"), (1, "second")):
        with clock.frozen(T0 + dt.timedelta(minutes=minutes)):
            audit_record(actor=SYSTEM, action=action, obj=org)
    with clock.frozen(T0 + dt.timedelta(minutes=5)):
        audit_record(actor=SYSTEM, action="fourth", obj=org)  # same second: higher id first
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "fourth", "third", "second", "first"]


def test_str(event):
    with clock.frozen(T0):
        ev = audit_record(actor=SYSTEM, action="organisation.verify", obj=event.organisation)
    assert str(ev) == "2026-03-02 09:30:15 system organisation.verify CV Logam Sejahtera"


# --- append-only in the ORM ------------------------------------------------------------------

def _unchanged(event):
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.action == "test.create"
    assert stored.after == {"name": "CV Logam Sejahtera"}


def test_saving_again_is_refused(event):
    event.action = "test.rewritten"
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        event.save(update_fields=["action"])
    _unchanged(event)


def test_deleting_an_event_is_refused(event):
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    _unchanged(event)


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: AuditEvent.objects.update(action="test.rewritten"),
        lambda: AuditEvent.objects.filter(action="test.create").update(after={}),
        lambda: AuditEvent.objects.all().delete(),
        lambda: AuditEvent.objects.filter(action="test.create").delete(),
        lambda: AuditEvent.objects.visible_to(AnonymousUser()).delete(),
        lambda: AuditEvent.objects.bulk_update(
            [AuditEvent(pk=AuditEvent.objects.get().pk, action="test.rewritten")], ["action"]),
    ],
    ids=["update", "filter-update", "delete-all", "filter-delete", "none-delete",
         "bulk_update"],
)
def test_queryset_writes_are_refused(event, attempt):
    # A savepoint of our own: bulk_update opens atomic(savepoint=False), so its failure would
    # otherwise spoil the test's transaction.
    with pytest.raises(TypeError, match="append-only"), transaction.atomic():
        attempt()
    _unchanged(event)


def test_new_events_can_still_be_created(event):
    AuditEvent.objects.create(at=T0, actor_label="system", action="test.more",
                              object_type="x.y", object_id="1")
    assert AuditEvent.objects.count() == 2


# --- append-only in PostgreSQL itself --------------------------------------------------------

@on_postgres_only
@pytest.mark.postgres_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET action = 'test.rewritten' WHERE id = %s",
        "UPDATE audit_auditevent SET after = NULL WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
    ids=["update-action", "update-after", "delete"],
)
def test_raw_sql_cannot_rewrite_history_on_postgresql(event, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    _unchanged(event)


@on_postgres_only
@pytest.mark.postgres_only
def test_the_trigger_fires_for_every_row_of_a_bulk_statement(event):
    audit_record(actor=SYSTEM, action="test.second", obj=event.organisation)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == 2


# --- who may read ----------------------------------------------------------------------------

def _visible(user):
    return set(AuditEvent.objects.visible_to(user).values_list("pk", flat=True))


def _all():
    return set(AuditEvent.objects.values_list("pk", flat=True))


def _about(org):
    return set(AuditEvent.objects.filter(organisation=org).values_list("pk", flat=True))


@pytest.mark.parametrize("role", ["admin", "ministry"])
def test_platform_admin_and_ministry_read_everything(cluster, role):
    everything = _all()
    # including events about no organisation (the platform admin's own user.create)
    assert AuditEvent.objects.filter(organisation=None).exists()
    assert _visible(cluster.users[role]) == everything


@pytest.mark.parametrize(
    ("role", "org_attr"),
    [("supplier_a", "supplier_a"), ("supplier_b", "supplier_b"),
     ("cooperative", "cooperative"), ("buyer_x", "buyer_x"), ("buyer_y", "buyer_y")],
)
def test_org_admin_reads_only_their_organisation(cluster, role, org_attr):
    org = getattr(cluster, org_attr)
    visible = _visible(cluster.users[role])
    assert visible  # the organisation.create and user.create events at least
    assert visible == _about(org)
    assert visible < _all()


def test_cooperative_admin_does_not_read_its_members_events(cluster):
    coop_admin = cluster.users["cooperative"]
    assert _about(cluster.member)
    assert _visible(coop_admin).isdisjoint(_about(cluster.member))


def test_org_admin_reads_events_others_made_about_their_organisation(cluster):
    with clock.frozen(T0):
        organisation_update(by=cluster.users["admin"], organisation=cluster.supplier_a,
                            phone="0272-551234")
    ev = AuditEvent.objects.get(action="organisation.update")
    assert ev.pk in _visible(cluster.users["supplier_a"])
    assert ev.pk not in _visible(cluster.users["supplier_b"])


@pytest.mark.parametrize("org_role", [OrgRole.STAFF, OrgRole.VIEWER])
def test_staff_and_viewers_read_nothing(cluster, org_role):
    person = user_create(by=SYSTEM, email=f"{org_role}@example.id", full_name=str(org_role),
                         password=None, organisation=cluster.supplier_a, org_role=org_role)
    assert _about(cluster.supplier_a)
    assert _visible(person) == set()


def test_a_user_without_organisation_or_platform_role_reads_nothing(cluster):
    loner = user_create(by=SYSTEM, email="loner@example.id", full_name="Loner", password=None,
                        organisation=None, org_role=OrgRole.ADMIN)
    assert not loner.is_org_admin
    assert _visible(loner) == set()


def test_anonymous_reads_nothing(cluster):
    assert _all()
    assert _visible(AnonymousUser()) == set()


def test_visibility_can_be_chained_with_filters(cluster):
    a_admin = cluster.users["supplier_a"]
    creates = AuditEvent.objects.visible_to(a_admin).filter(action="organisation.create")
    assert [e.object_id for e in creates] == [str(cluster.supplier_a.pk)]
