from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation
from pasok.accounts.services import (
    organisation_create,
    organisation_update,
    organisation_verify,
    user_create,
)
from pasok.audit.models import AuditEvent
from tests.conftest import make_nib, make_npwp

pytestmark = pytest.mark.django_db


def test_identifiers_are_stored_as_digits_and_size_class_derived():
    org = organisation_create(by=SYSTEM, name="CV Baja Ceper", kind="supplier",
                              nib=" 9120-0000-00099 ", npwp=_formatted_npwp(99),
                              province="Jawa Tengah", regency="Klaten",
                              business_capital=Decimal(3_000_000_000))
    assert org.nib == "9120000000099"
    assert org.npwp == make_npwp(99)
    assert org.size_class == "small"


def _formatted_npwp(n):
    d = make_npwp(n)
    return f"{d[0:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:15]}"


def test_supplier_needs_a_nib():
    with pytest.raises(ValidationError) as exc:
        organisation_create(by=SYSTEM, name="UD Tanpa NIB", kind="supplier", province="Jawa Tengah",
                            regency="Klaten")
    assert "nib" in exc.value.message_dict
    assert Organisation.objects.count() == 0


def test_unknown_province_is_refused():
    with pytest.raises(ValidationError) as exc:
        organisation_create(by=SYSTEM, name="UD X", kind="supplier", nib=make_nib(5),
                            npwp=make_npwp(5), province="Jawa Tenggara", regency="Klaten")
    assert "province" in exc.value.message_dict


def test_only_suppliers_join_cooperatives(cluster):
    with pytest.raises(ValidationError) as exc:
        organisation_update(by=cluster.users["admin"], organisation=cluster.supplier_a,
                            cooperative=cluster.buyer_x)
    assert "cooperative" in exc.value.message_dict


def test_cooperative_verifies_its_members_only(cluster):
    coop_admin = cluster.users["cooperative"]
    organisation_verify(by=coop_admin, organisation=cluster.member)
    cluster.member.refresh_from_db()
    assert cluster.member.verified_by == coop_admin
    with pytest.raises(PermissionDenied):
        organisation_verify(by=coop_admin, organisation=cluster.supplier_a)
    with pytest.raises(PermissionDenied):
        organisation_verify(by=cluster.users["buyer_x"], organisation=cluster.supplier_a)
    event = AuditEvent.objects.get(action="organisation.verify")
    assert event.actor == coop_admin and event.after["verified_by_id"] == coop_admin.pk


def test_only_org_admins_add_people_to_their_own_org(cluster):
    admin_a = cluster.users["supplier_a"]
    staff = user_create(by=admin_a, email="staf@logam.id", full_name="Staf", password=None,
                        organisation=cluster.supplier_a, org_role="staff")
    assert staff.organisation == cluster.supplier_a
    with pytest.raises(PermissionDenied):
        user_create(by=admin_a, email="x@y.id", full_name="X", password=None,
                    organisation=cluster.supplier_b)
    with pytest.raises(PermissionDenied):
        user_create(by=staff, email="z@y.id", full_name="Z", password=None,
                    organisation=cluster.supplier_a)
    with pytest.raises(PermissionDenied):
        user_create(by=admin_a, email="m@y.id", full_name="M", password=None,
                    organisation=cluster.supplier_a, platform_role="ministry_officer")


def test_viewer_cannot_change_its_organisation(cluster):
    viewer = user_create(by=SYSTEM, email="lihat@logam.id", full_name="Viewer", password=None,
                         organisation=cluster.supplier_a, org_role="viewer")
    with pytest.raises(PermissionDenied):
        organisation_update(by=viewer, organisation=cluster.supplier_a, phone="0272 123")


def test_changing_the_verified_identity_needs_a_new_verification(cluster):
    org = organisation_verify(by=cluster.users["ministry"], organisation=cluster.supplier_a)
    organisation_update(by=cluster.users["supplier_a"], organisation=org, phone="0272 551")
    org.refresh_from_db()
    assert org.verified_at is not None  # a phone number is not what was verified
    organisation_update(by=cluster.users["supplier_a"], organisation=org,
                        name="PT Krakatau Steel Tbk (cabang Ceper)")
    org.refresh_from_db()
    assert org.verified_at is None and org.verified_by is None
    event = AuditEvent.objects.filter(action="organisation.update").latest("id")
    assert event.after["verified_at"] is None
