import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from pasok.accounts.models import Organisation, User
from pasok.demo.cluster import DEFAULT_SEED, UNVERIFIED_FOUNDRIES, plan_cluster
from pasok.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from pasok.rules.identifiers import normalize_nib, normalize_npwp
from pasok.rules.size_class import size_class
from pasok.suppliers.catalogue import GRADES, PROCESSES
from pasok.suppliers.selectors import SearchCriteria, search_suppliers

TODAY = dt.date(2026, 3, 1)
SEEDS = (DEFAULT_SEED, 1, 7)


@pytest.fixture(scope="module")
def plan():
    return plan_cluster(seed=DEFAULT_SEED, today=TODAY)


def test_the_same_seed_gives_the_same_cluster_and_another_seed_another():
    first = plan_cluster(seed=DEFAULT_SEED, today=TODAY)
    assert first == plan_cluster(seed=DEFAULT_SEED, today=TODAY)
    assert first != plan_cluster(seed=DEFAULT_SEED + 1, today=TODAY)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_cluster_has_the_size_ceper_reports(seed):
    plan = plan_cluster(seed=seed, today=TODAY)
    assert 240 <= len(plan.foundries) <= 300
    assert 3_500 <= plan.workforce <= 4_900
    assert 135_000 <= plan.capacity_t_year <= 165_000
    assert 0.05 <= plan.workforce_women / plan.workforce <= 0.20


def test_sizes_are_skewed_and_capital_puts_each_foundry_in_its_class(plan):
    tiers = [f.tier for f in plan.foundries]
    assert (tiers.count("micro") + tiers.count("small")) / len(tiers) > 0.8
    assert 3 <= tiers.count("large") <= 10
    for foundry in plan.foundries:
        assert size_class(business_capital=foundry.fields["business_capital"]) == foundry.tier


def test_the_cooperative_holds_most_small_foundries(plan):
    small = [f for f in plan.foundries if f.tier in ("micro", "small")]
    assert sum(f.member for f in small) / len(small) > 0.6
    assert all(f.fields["regency"] == "Klaten" for f in plan.foundries if f.member)


def test_some_independent_foundries_wait_for_verification(plan):
    waiting = [f for f in plan.foundries if f.verifier is None]
    assert len(waiting) == UNVERIFIED_FOUNDRIES
    assert not any(f.member for f in waiting)
    assert all(f.verifier == "cooperative" for f in plan.foundries if f.member)


def test_a_buyer_finds_ductile_iron_foundries_in_klaten(plan):
    found = [f for f in plan.foundries
             if f.fields["regency"] == "Klaten" and "FCD450" in f.profile.grades
             and f.profile.fields["weight_min_kg"] <= 20 <= 60
             <= f.profile.fields["weight_max_kg"]]
    assert len(found) >= 15


def test_about_sixty_foundries_cast_brake_blocks(plan):
    makers = [f for f in plan.foundries if "P10" in f.profile.grades]
    assert 45 <= len(makers) <= 80
    assert all(f.line == "brake_block" for f in makers)


def test_identifiers_are_valid_and_unique(plan):
    orgs = plan.organisations
    nibs = [o.fields["nib"] for o in orgs if o.fields.get("nib")]
    assert all(normalize_nib(n) == n for n in nibs)
    assert len(set(nibs)) == len(nibs)
    npwps = [o.fields["npwp"] for o in orgs if o.fields.get("npwp")]
    assert all(normalize_npwp(n) == n and len(n) == 15 for n in npwps)
    assert len(set(npwps)) == len(npwps)
    names = [o.fields["name"] for o in orgs]
    assert len(set(names)) == len(names)


def test_profiles_draw_on_the_catalogue_and_hold_together(plan):
    processes, grades = {c for c, _l in PROCESSES}, {c for c, _f in GRADES}
    for foundry in plan.foundries:
        profile, fields = foundry.profile, foundry.profile.fields
        assert set(profile.processes) <= processes
        assert {p["grade_id"] for p in profile.products} <= set(profile.grades) <= grades
        assert 0 < fields["weight_min_kg"] <= fields["weight_max_kg"]
        assert all(fields["weight_min_kg"] <= p["unit_weight_kg"] <= fields["weight_max_kg"]
                   for p in profile.products)
        assert fields["workforce_women"] < fields["workforce_total"]
        assert profile.furnaces and profile.products
        assert all(isinstance(f["tonnes_per_heat"], Decimal) for f in profile.furnaces)


def test_every_demo_login_has_a_person(plan):
    assert [u.email for u in plan.users] == [email for _role, email in DEMO_LOGINS]


@pytest.mark.django_db
def test_the_command_loads_the_cluster_and_the_logins_work(settings):
    # A fast hasher: PBKDF2 would spend seconds on nine accounts made and nine checked.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = StringIO()
    call_command("demo", stdout=out)
    plan = plan_cluster(seed=DEFAULT_SEED, today=TODAY)
    foundries = Organisation.objects.filter(kind="supplier")
    assert foundries.count() == len(plan.foundries)
    assert Organisation.objects.get(kind="cooperative").members.count() == sum(
        f.member for f in plan.foundries)
    assert foundries.filter(verified_at=None).count() == UNVERIFIED_FOUNDRIES
    assert Organisation.objects.filter(kind__in=["bumn_buyer", "private_buyer"]).count() == 5
    coop_admin = User.objects.get(email="koperasi@demo.pasok.id")
    assert foundries.filter(cooperative__isnull=False, verified_by=coop_admin).exists()
    for _role, email in DEMO_LOGINS:
        assert authenticate(email=email, password=DEMO_PASSWORD) is not None, email
        assert email in out.getvalue()
    kai = User.objects.get(email="kai@demo.pasok.id")
    hits = search_suppliers(user=kai, criteria=SearchCriteria(text="FCD450, 20–60 kg, Klaten"))
    assert hits.count() >= 15


@pytest.mark.django_db
def test_the_command_refuses_a_database_that_is_not_empty(cluster):
    with pytest.raises(CommandError, match="empty database") as caught:
        call_command("demo", stdout=StringIO())
    assert caught.value.returncode == 2
