"""Shared fixtures: a small cluster with one person for every role of the permission matrix."""

import os
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from cryptography.fernet import Fernet
from hypothesis import settings as hypothesis_settings

from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation, OrgKind, OrgRole, User
from pasok.accounts.services import organisation_create, user_create
from pasok.rules.identifiers import npwp_check_digit
from pasok.suppliers.catalogue import load_into
from pasok.suppliers.models import MaterialGrade, Process
from pasok.suppliers.services import profile_save

# No per-example deadline: on a shared two-core CI machine it measures the load, not the code
# (properties still run their full number of examples).
hypothesis_settings.register_profile("pasok", deadline=None)
hypothesis_settings.load_profile("pasok")

PASSWORD = "rahasia-uji-123"
BID_KEY = Fernet.generate_key().decode()  # seals test bids; a fresh key every run


def make_npwp(n: int) -> str:
    """A valid 15-digit NPWP derived from `n` (check digit computed)."""
    first = f"{n % 100_000_000:08d}"
    return first + npwp_check_digit(first) + "526000"


def make_nib(n: int) -> str:
    return f"{9_120_000_000_000 + n:013d}"


def page_scripts(html: str) -> list[str]:
    """The scripts a page loads (an inline one as "inline"): a page that must work without
    JavaScript loads none but the site's own (site.js: the menu, the error summary's focus)."""
    return [src or "inline" for src in re.findall(r"<script(?:[^>]*\bsrc=\"([^\"]*)\")?", html)]


@pytest.fixture(autouse=True)
def _fast_settings(settings):
    """Tasks run at once, mail stays in memory, passwords hash cheaply, bids seal with a
    test key, nothing is throttled by an earlier test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PASOK_BID_KEYS = BID_KEY
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.cache import cache

    cache.clear()  # rate limits (pasok.web.throttle) start afresh in every test


@pytest.fixture(autouse=True)
def _login_with_a_request(monkeypatch):
    """The test client's `login()` calls authenticate() without a request, which the sign-in
    throttle (django-axes) refuses as it would any code that does; give it a blank one."""
    from django.http import HttpRequest
    from django.test import Client

    login = Client.login
    monkeypatch.setattr(Client, "login",
                        lambda self, **credentials: login(self, request=HttpRequest(),
                                                          **credentials))


@dataclass
class Cluster:
    supplier_a: Organisation
    supplier_b: Organisation
    cooperative: Organisation
    member: Organisation  # a supplier that is a member of the cooperative
    buyer_x: Organisation
    buyer_y: Organisation
    ministry: Organisation
    users: dict[str, User | None]


def _supplier(n, name, regency="Klaten", **kw):
    return organisation_create(by=SYSTEM, name=name, kind=kw.pop("kind", OrgKind.SUPPLIER),
                               nib=make_nib(n), npwp=make_npwp(n), province="Jawa Tengah",
                               regency=regency, business_capital=Decimal(800_000_000), **kw)


# Colleagues of some of the admins above: role → (their admin's role, their org role).
STAFF_AND_VIEWERS = {
    "staff_a": ("supplier_a", OrgRole.STAFF), "viewer_a": ("supplier_a", OrgRole.VIEWER),
    "staff_x": ("buyer_x", OrgRole.STAFF), "viewer_x": ("buyer_x", OrgRole.VIEWER),
    "staff_coop": ("cooperative", OrgRole.STAFF),
    "viewer_coop": ("cooperative", OrgRole.VIEWER),
}


@pytest.fixture
def cluster(db) -> Cluster:
    """Orgs and one user per matrix role: anonymous; the admins supplier_a, supplier_b,
    cooperative, buyer_x, buyer_y, ministry, admin; and the staff and viewers of STAFF_AND_VIEWERS.
    Passwords are all PASSWORD."""
    # A transactional test (the browser tests) flushes every table afterwards, including
    # the catalogue rows the migrations wrote; put them back.
    load_into(Process, MaterialGrade)
    coop = _supplier(1, "Koperasi Batur Jaya", kind=OrgKind.COOPERATIVE)
    a = _supplier(2, "CV Logam Sejahtera")
    b = _supplier(3, "UD Cor Makmur", regency="Boyolali")
    member = _supplier(4, "UD Sinar Besi", cooperative=coop)
    x = organisation_create(by=SYSTEM, name="PT Kereta Api Indonesia (Persero)",
                            kind=OrgKind.BUMN_BUYER, province="Jawa Barat", regency="Bandung")
    y = organisation_create(by=SYSTEM, name="PT Astra Otoparts Tbk", kind=OrgKind.PRIVATE_BUYER,
                            province="DKI Jakarta", regency="Jakarta Utara")
    ministry = organisation_create(by=SYSTEM, name="Kementerian Perindustrian",
                                   kind=OrgKind.MINISTRY, province="DKI Jakarta",
                                   regency="Jakarta Selatan")
    profile_save(by=SYSTEM, organisation=a, fields={"monthly_capacity_kg": 60_000,
                                                    "weight_min_kg": Decimal(5),
                                                    "weight_max_kg": Decimal(80)},
                 processes=["green_sand"], grades=["FCD450", "FC200"])
    users = {"anonymous": None}
    for role, org, extra in (
        ("supplier_a", a, {}), ("supplier_b", b, {}), ("cooperative", coop, {}),
        ("buyer_x", x, {}), ("buyer_y", y, {}),
        ("ministry", ministry, {"platform_role": "ministry_officer"}),
        ("admin", None, {"platform_role": "platform_admin"}),
    ):
        users[role] = user_create(by=SYSTEM, email=f"{role}@example.id", full_name=role,
                                  password=PASSWORD, organisation=org, org_role=OrgRole.ADMIN,
                                  **extra)
    for role, (admin_role, org_role) in STAFF_AND_VIEWERS.items():
        users[role] = user_create(by=SYSTEM, email=f"{role}@example.id", full_name=role,
                                  password=PASSWORD, organisation=users[admin_role].organisation,
                                  org_role=org_role)
    return Cluster(a, b, coop, member, x, y, ministry, users)


def pytest_configure(config):
    """Compile the catalogues when a .po is newer than its .mo (the install step does the
    same), so tests see the Indonesian pages people see. xdist workers reuse the result."""
    if hasattr(config, "workerinput"):
        return
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    import pasok

    for po in Path(pasok.__file__).parent.glob("locale/*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source, mo.open("wb") as target:
                write_mo(target, read_po(source))


def _flushes_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


def pytest_collection_modifyitems(config, items):
    """Transactional tests (browser, concurrency) run last: their flush empties the tables
    migrations filled, which only the `cluster` fixture refills. Browser tests skip where
    Chromium is missing, unless CI demands them."""
    items.sort(key=_flushes_the_database)
    has_chromium = os.path.exists(os.environ.get("PASOK_CHROMIUM", "/usr/bin/chromium"))
    if has_chromium:
        return
    if os.environ.get("PASOK_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError("PASOK_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing")
    skip = pytest.mark.skip(reason="Debian chromium is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def back_to_latest():
    """For a test that migrates back and forth (transaction=True): every app at its latest
    migration again afterwards, pass or fail, as the tests that follow on the worker need."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
