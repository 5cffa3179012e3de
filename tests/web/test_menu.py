"""The menu: each app's entries (its navigation.py), in their order, only those a role may
open (accounts.permissions), with the unread notifications counted."""

import pytest
from django.utils import translation

from pasok.accounts.models import Notification
from pasok.shell.navigation import entries
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ORGANISATION = ["My organisation", "People"]
TENDERS = ["Tenders", "RFQs", "Contracts", "Partnerships", "Overdue invoices"]
DOCK = ["Tenders", "RFQs", "Contracts", "Receiving dock", "Partnerships", "Overdue invoices"]
# The ministry's view (the cluster dashboard, imports, scenarios) follows the allocation plans;
# business matching (each reads the events it took part in) follows the scorecard.
MEDIATION = ["Business matching", "Follow-ups"]
MENUS = {
    # Organisation admins, all: their own organisation's audit log is theirs to read.
    "supplier_a": ["Home", *ORGANISATION, "Local content (TKDN)", *TENDERS, "New markets",
                   "Scorecard", *MEDIATION, "Audit log", "API tokens", "Notifications"],
    "cooperative": ["Home", *ORGANISATION, "Local content (TKDN)", *TENDERS,
                    "Allocation plans", "Cluster", "Imports", "Scenarios", "New markets",
                    "Scorecard", *MEDIATION, "Find suppliers", "Verification",
                    "Import suppliers", "Audit log",
                    "API tokens", "Notifications"],
    "buyer_x": ["Home", *ORGANISATION, *DOCK, "Imports", "Scorecard", *MEDIATION,
                "Find suppliers",
                "Audit log", "API tokens", "Notifications"],
    "ministry": ["Home", *ORGANISATION, *DOCK, "Allocation plans", "Cluster", "Imports",
                 "Scenarios", "New markets", *MEDIATION, "Find suppliers", "Verification",
                 "Import suppliers", "Audit log", "API tokens", "Notifications"],
    "admin": ["Home", *DOCK, "Allocation plans", "Cluster", "Imports", "Scenarios",
              "New markets", *MEDIATION, "Find suppliers", "Verification", "Import suppliers",
              "Paused sign-ins", "Audit log", "API tokens", "Notifications"],
}


def _menu(client, role) -> list[str]:
    assert client.login(email=f"{role}@example.id", password=PASSWORD)
    with translation.override("en"):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    return [item["label"] for item in response.context["nav_items"]]


@pytest.mark.parametrize("role", list(MENUS))
def test_each_role_sees_the_pages_it_may_open(client, cluster, role, settings):
    settings.LANGUAGE_CODE = "en"
    cluster.users[role].language = "en"
    cluster.users[role].save(update_fields=["language"])
    assert [str(label) for label in _menu(client, role)] == MENUS[role]


def test_unread_notifications_are_counted(client, cluster):
    person = cluster.users["buyer_x"]
    person.language = "en"
    person.save(update_fields=["language"])
    Notification.objects.create(user=person, text="Tender baru", link="/",
                                created_at=person.date_joined)
    assert "Notifications (1)" in [str(label) for label in _menu(client, "buyer_x")]


def test_every_app_names_its_own_entries():
    from pasok.accounts import navigation as accounts
    from pasok.allocation import navigation as allocation
    from pasok.audit import navigation as audit
    from pasok.contracts import navigation as contracts
    from pasok.insights import navigation as insights
    from pasok.inspection import navigation as inspection
    from pasok.mediation import navigation as mediation
    from pasok.payments import navigation as payments
    from pasok.rfqs import navigation as rfqs
    from pasok.scorecards import navigation as scorecards
    from pasok.shell import navigation as shell
    from pasok.suppliers import navigation as suppliers
    from pasok.tenders import navigation as tenders
    from pasok.tkdn import navigation as tkdn

    apps = (shell, accounts, tkdn, tenders, rfqs, contracts, inspection, payments, allocation,
            scorecards, insights, mediation, suppliers, audit)
    assert sorted(entries(), key=id) == sorted((e for m in apps for e in m.ENTRIES), key=id)
    assert [e.order for e in entries()] == sorted(e.order for e in entries())
