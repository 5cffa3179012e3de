"""A plan whose partner floors cannot all hold: the engine says so as data (a code and its
numbers beside the CLI's English sentence), and the run page words it in the reader's
language with the members' names; a member foundry reads only its own floor."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from pasok.accounts.actors import SYSTEM
from pasok.allocation import services
from pasok.allocation.explain_text import infeasibility_explanation

from .factories import demo_like_plan, solved

pytestmark = pytest.mark.django_db


def _floors(plan, percents: dict[int, int]):
    """Set a partner floor (percent of PT KAI's demand) on the offers of some members."""
    line = plan.lines.get()
    members = list(plan.members.order_by("organisation__name"))
    offers = [{"line": line, "member": m, "unit_cost": o.unit_cost, "min_lot": o.min_lot,
               "floor_percent": percents.get(i)}
              for i, (m, o) in enumerate((m, m.offers.get(line=line)) for m in members)]
    services.offers_save(by=SYSTEM, plan=plan, offers=offers)


@pytest.mark.parametrize(("language", "expected"), [
    ("id", "Batas bawah mitra CV Asa Logam untuk PT KAI memerlukan 10.800 unit"),
    ("en", "The partner floor of CV Asa Logam for PT KAI needs 10,800 units, but its capacity, "
           "its largest share, the demand and the minimum lots allow at most 6,258."),
])
def test_an_unreachable_floor_is_told_in_the_readers_language(client, cluster, language,
                                                              expected):
    plan, _members = demo_like_plan(cluster)
    _floors(plan, {0: 90})  # 90% of 12,000 units; 1,043 a month fit its 12,000 kg
    run = solved(plan, cluster.users["cooperative"])
    assert run.result["status"] == "infeasible"
    client.force_login(cluster.users["cooperative"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("allocation:run", args=[plan.public_id, run.number])).content.decode()
    assert expected in page
    assert "partner floor PT KAI" not in page  # not the engine's English


def test_conflicting_floors_name_each_member_and_members_read_only_their_own(client,
                                                                            cluster):
    plan, _members = demo_like_plan(cluster)
    _floors(plan, {0: 40, 1: 40, 2: 40})  # each fits alone; together 120% of the demand
    run = solved(plan, cluster.users["cooperative"])
    entries = run.result["infeasibility"]
    assert entries and {e["code"] for e in entries} == {"floors_conflict"}
    names = {s["id"]: s["name"] for s in run.instance["suppliers"]}
    with translation.override("id"):
        words = infeasibility_explanation(run.result, names)
    assert all("Batas bawah mitra" in w and "kurang" in w for w in words)
    own = entries[0]["supplier"]
    with translation.override("id"):
        assert infeasibility_explanation(run.result, names, only=own) == [words[0]]
    assert infeasibility_explanation(run.result, names, only="nobody") == []


def test_a_run_stored_before_the_codes_shows_the_engines_sentence():
    old = {"status": "infeasible", "reason": ["partner floor KAI / A needs 18 units; …"]}
    assert infeasibility_explanation(old, {}) == old["reason"]
    assert infeasibility_explanation(old, {}, only="A") == []
