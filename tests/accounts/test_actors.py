"""Who a service acts for (accounts.actors): a person, the system, or a person through a
service that checked their right. A forgotten `by` (None) fails loudly instead of acting as
the all-powerful system it used to mean."""

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from pasok.accounts import permissions
from pasok.accounts.actors import SYSTEM, on_behalf_of
from pasok.accounts.models import Organisation
from pasok.suppliers.models import SupplierProfile
from pasok.suppliers.services import profile_save
from pasok.tenders.models import Bid

SRC = Path(__file__).resolve().parents[2] / "src"


def _services_with_by() -> list[str]:
    """"module.function" for every public module-level function in src/pasok with a
    keyword-only `by`: the services modules (pasok.*.services, the tenders services package)
    and the few other writers that take one (the import, the capacity bookings)."""
    found = []
    for path in sorted((SRC / "pasok").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(SRC).with_suffix("").parts)
        found += [f"{module}.{node.name}" for node in ast.parse(path.read_text()).body
                  if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
                  and any(arg.arg == "by" for arg in node.args.kwonlyargs)]
    return found


SERVICES = _services_with_by()


def test_the_walk_finds_the_services():
    assert {"pasok.accounts.services.user_create", "pasok.suppliers.services.profile_save",
            "pasok.tenders.services.opening.tender_open", "pasok.tkdn.services.worksheet_save",
            "pasok.allocation.services.plan_save",
            "pasok.suppliers.importing.import_suppliers"} <= set(SERVICES)


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_refuses_by_none(name):
    """Before anything else, whatever the other arguments: no query, no transaction."""
    module, _dot, function = name.rpartition(".")
    service = getattr(importlib.import_module(module), function)
    required = {p.name: object() for p in inspect.signature(service).parameters.values()
                if p.default is inspect.Parameter.empty
                and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)}
    with pytest.raises(TypeError, match=r"^by=None: pass the acting person"):
        service(**{**required, "by": None})


# --- what the permission module answers for them ------------------------------------------

def test_the_system_may_do_everything(cluster):
    a = cluster.supplier_a
    assert permissions.may(SYSTEM, permissions.CHANGE, a)
    assert permissions.may(SYSTEM, permissions.VERIFY, a)
    assert permissions.allowed(SYSTEM, a, [permissions.CHANGE, permissions.VIEW_PRIVATE]) == {
        permissions.CHANGE, permissions.VIEW_PRIVATE}
    assert permissions.may_import_suppliers(SYSTEM)
    assert permissions.imports_for_any_cooperative(SYSTEM)
    assert permissions.may_add_person(SYSTEM, a, "platform_admin")
    assert permissions.may_manage_tender(SYSTEM, cluster.buyer_x)
    organisations = Organisation.objects.all()
    assert set(organisations.restrict(SYSTEM, permissions.CHANGE)) == set(organisations)


def test_a_delegated_person_may_what_the_service_decided_and_no_more(cluster):
    ministry, a, b = cluster.users["ministry"], cluster.supplier_a, cluster.supplier_b
    assert not permissions.may(ministry, permissions.CHANGE, a)  # a ministry officer's own right
    acting = on_behalf_of(ministry, a)
    assert permissions.may(acting, permissions.CHANGE, a)
    assert not permissions.may(acting, permissions.CHANGE, b)
    assert list(Organisation.objects.restrict(acting, permissions.CHANGE)) == [a]
    assert not Bid.objects.restrict(acting).exists()
    assert permissions.allowed(acting, a, [permissions.CHANGE]) == {permissions.CHANGE}
    assert permissions.allowed(acting, b, [permissions.CHANGE]) == set()
    assert permissions.may_add_person(acting, a)
    assert not permissions.may_add_person(acting, b)
    # A question about no object is not one the delegating service decided.
    assert not permissions.may_import_suppliers(acting)
    assert not permissions.may_manage_tender(acting, cluster.buyer_x)


def test_a_delegated_profile_save_is_recorded_for_the_person(cluster):
    ministry, a = cluster.users["ministry"], cluster.supplier_a
    with pytest.raises(PermissionDenied):
        profile_save(by=ministry, organisation=a, fields={"workforce_total": 12})
    profile_save(by=on_behalf_of(ministry, a), organisation=a, fields={"workforce_total": 12})
    assert SupplierProfile.objects.get(organisation=a).workforce_total == 12
    with pytest.raises(PermissionDenied):
        profile_save(by=on_behalf_of(ministry, cluster.supplier_b),
                     organisation=a, fields={"workforce_total": 13})


def test_on_behalf_of_names_a_person_or_the_system_and_what_was_decided(cluster):
    a = cluster.supplier_a
    assert on_behalf_of(SYSTEM, a) is SYSTEM
    with pytest.raises(TypeError, match="actor=None"):
        on_behalf_of(None, a)
    with pytest.raises(TypeError, match="objects decided on"):
        on_behalf_of(cluster.users["ministry"])
    with pytest.raises(TypeError, match="objects decided on"):
        on_behalf_of(on_behalf_of(cluster.users["ministry"], a), a)
