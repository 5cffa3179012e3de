"""The opportunity finder over the registry (insights/opportunities.py): a worked example of
brake drums over seven foundries, the same foundries the capability search finds, a
cooperative's members together, a foundry's own next steps, and the pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from pasok.accounts.actors import SYSTEM
from pasok.insights import opportunities
from pasok.suppliers.models import BookedMonth
from pasok.suppliers.part_catalogue import FAMILIES
from pasok.suppliers.selectors import coming_month, search_suppliers
from pasok.suppliers.services import profile_save
from tests.conftest import PASSWORD, _supplier

DRUMS = FAMILIES["brake_drum"]  # FC200 or FC250, 30 kg, machining, IATF 16949
IATF = {"kind": "iatf16949", "number": "IATF-0001", "valid_until": dt.date(2030, 1, 1)}
LAPSED = IATF | {"valid_until": dt.date(2020, 1, 1)}


def foundry(n, name, *, grades=("FC250",), weights=(5, 40), processes=("green_sand",),
            certificates=(), capacity=10_000, **kw):
    org = _supplier(100 + n, name, **kw)
    low, high = weights
    profile_save(by=SYSTEM, organisation=org, fields={
        "monthly_capacity_kg": capacity,
        "weight_min_kg": None if low is None else Decimal(low),
        "weight_max_kg": None if high is None else Decimal(high)},
        processes=list(processes), grades=list(grades), certificates=list(certificates))
    return org


@pytest.fixture
def drums(cluster):
    """Supplier A (FC200, 5–80 kg, green sand) lacks machining and IATF: two, not counted."""
    able = foundry(1, "CV Tromol Presisi", processes=("green_sand", "machining"),
                   certificates=[IATF], capacity=20_000)
    BookedMonth.objects.create(organisation=able, month=coming_month(), kg=4_000)
    return {
        "able": able,
        "no_iatf": foundry(2, "CV Tanpa Sertifikat", grades=("FC200",), weights=(4, 30),
                           processes=("green_sand", "machining")),
        "no_machining": foundry(3, "CV Cor Saja", weights=(5, 40), certificates=[IATF]),
        "lapsed": foundry(4, "CV Sertifikat Kedaluwarsa", weights=(5, 40),
                          certificates=[LAPSED]),
        "phosphoric": foundry(5, "CV Blok Rem", grades=("P10",), weights=(8, 14)),
        "too_heavy": foundry(6, "CV Coran Berat", weights=(40, 200),
                             processes=("machining",), certificates=[IATF]),
        "no_weights": foundry(7, "CV Tanpa Berat", weights=(None, None),
                              processes=("machining",), certificates=[IATF]),
    }


def test_brake_drums_today_and_one_step_away(drums):
    found = opportunities.reach(opportunities.cluster_scope(None), DRUMS)
    assert found.today == 1
    assert found.one_short == {"grade": 0, "weight": 2, "process:machining": 1,
                               "certificate:iatf16949": 1}
    assert found.free_kg == 16_000  # 20,000 less the 4,000 booked in the coming month
    assert found.free_units == 533  # drums of 30 kg


def test_able_today_is_what_the_capability_search_finds(drums, cluster):
    ministry = cluster.users["ministry"]
    searched = search_suppliers(user=ministry, criteria=opportunities.search_criteria(DRUMS))
    assert [o.name for o in searched] == ["CV Tromol Presisi"]
    assert [o.name for o in opportunities.able_today(None, DRUMS)] == ["CV Tromol Presisi"]


def test_one_short_names_who_lacks_each_requirement_alone(drums):
    short = {s.requirement.key: [o.name for o in s.foundries]
             for s in opportunities.one_short(None, DRUMS)}
    assert short == {"weight": ["CV Coran Berat", "CV Tanpa Berat"],
                     "process:machining": ["CV Cor Saja"],
                     "certificate:iatf16949": ["CV Tanpa Sertifikat"]}


def test_a_cooperative_counts_its_members_only(drums, cluster):
    assert opportunities.reach(opportunities.cluster_scope(cluster.cooperative.pk),
                               DRUMS).today == 0


def test_missing_for_a_foundry_names_each_family_s_gaps(drums):
    missing = opportunities.missing_for(drums["no_machining"])
    assert missing["brake_drum"] == ("process:machining",)
    assert missing["brake_block"] == ("grade",)
    assert opportunities.missing_for(drums["able"])["brake_drum"] == ()


def _member(cluster, n, name, **kw):
    return foundry(n, name, cooperative=cluster.cooperative, **kw)


def test_members_together_one_casts_another_machines_the_cooperative_certifies(cluster):
    _member(cluster, 8, "UD Pengecor", weights=(5, 40))
    together = opportunities.members_together(cluster.cooperative.pk, DRUMS)
    assert together.casters == ["UD Pengecor"]
    assert not together.can and together.missing == ("Permesinan", "IATF 16949")

    _member(cluster, 9, "UD Bubut", grades=(), weights=(None, None), processes=("machining",))
    profile_save(by=SYSTEM, organisation=cluster.cooperative, certificates=[IATF])
    together = opportunities.members_together(cluster.cooperative.pk, DRUMS)
    assert together.can
    assert [(r.key, names) for r, names in together.others] == [
        ("process:machining", ["UD Bubut"]),
        ("certificate:iatf16949", ["Koperasi Batur Jaya"])]


def test_the_grade_and_the_weight_must_be_one_member_s(cluster):
    _member(cluster, 8, "UD Grade Saja", weights=(40, 80), processes=("machining",))
    _member(cluster, 9, "UD Berat Saja", grades=("P10",), weights=(5, 40))
    together = opportunities.members_together(cluster.cooperative.pk, DRUMS)
    assert together.casters == []
    assert together.missing[:2] == ("kelas bahan FC200 / FC250", "coran 30 kg")


def test_buyers_by_family_reads_the_platform_s_records(cluster):
    from tests.insights.factories import buyer_x_import, local_contract
    from tests.rfqs.factories import sent_rfq

    local_contract(cluster)
    buyer_x_import(cluster)
    sent_rfq(cluster)  # buyer Y asks for brake drums
    found = opportunities.buyers_by_family()
    assert found["brake_block"] == {cluster.buyer_x.pk}
    assert found["brake_drum"] == {cluster.buyer_y.pk}


def _page(client, user, url):
    client.login(email=user.email, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_ministry_reads_the_families_ranked_and_a_family_s_page(client, drums, cluster):
    html = _page(client, cluster.users["ministry"], reverse("insights:opportunities"))
    assert 'id="family-brake_drum"' in html and "Tromol rem" in html
    html = _page(client, cluster.users["ministry"],
                 reverse("insights:opportunity", args=["brake_drum"]))
    assert "1 pengecoran dapat membuatnya hari ini" in html
    assert "CV Cor Saja" in html and "CV Tromol Presisi" in html
    assert "grade=FC200&amp;grade=FC250" in html and "certificate=iatf16949" in html


def test_a_foundry_reads_its_own_next_steps_and_no_one_else_s(client, drums):
    user = _user(drums["no_machining"])
    html = _page(client, user, reverse("insights:opportunities"))
    assert "Dengan Permesinan" in html and "Tromol rem" in html
    html = _page(client, user, reverse("insights:opportunity", args=["brake_drum"]))
    assert "Anda belum memiliki: Permesinan." in html
    assert "CV Tromol Presisi" not in html


def _user(org):
    from pasok.accounts.models import OrgRole
    from pasok.accounts.services import user_create

    return user_create(by=SYSTEM, email=f"admin{org.pk}@example.id", full_name="Admin",
                       password=PASSWORD, organisation=org, org_role=OrgRole.ADMIN)


def test_a_family_not_in_the_catalogue_is_not_found(client, cluster):
    client.login(email=cluster.users["ministry"].email, password=PASSWORD)
    assert client.get(reverse("insights:opportunity", args=["other"])).status_code == 404


def test_a_cooperative_reads_what_its_members_could_make_together(client, cluster):
    _member(cluster, 8, "UD Pengecor", weights=(5, 40))
    _member(cluster, 9, "UD Bubut", grades=(), weights=(None, None), processes=("machining",))
    profile_save(by=SYSTEM, organisation=cluster.cooperative, certificates=[IATF])
    html = _page(client, cluster.users["cooperative"], reverse("insights:opportunities"))
    row = html[html.index('id="family-brake_drum"'):]
    row = row[:row.index("</tr>")]
    assert "dapat membuatnya" in row
    row = html[html.index('id="family-brake_block"'):]
    assert "kurang kelas bahan P10" in row[:row.index("</tr>")]


def _kept():
    from pasok.insights.models import OpportunityCount

    return OpportunityCount.objects.get(scope="cluster")


def test_the_counts_are_kept_and_counted_again_when_a_profile_changes(client, drums, cluster):
    url = reverse("insights:opportunities")
    _page(client, cluster.users["ministry"], url)
    kept = _kept()
    assert kept.counts["brake_drum"]["today"] == 1
    first = kept.counted_at
    _page(client, cluster.users["ministry"], url)
    assert _kept().counted_at == first  # nothing changed: the kept counts are read
    profile_save(by=SYSTEM, organisation=drums["no_machining"],
                 processes=["green_sand", "machining"])
    html = _page(client, cluster.users["ministry"], url)
    assert _kept().counts["brake_drum"]["today"] == 2
    assert 'id="progress"' not in html


def test_while_the_worker_counts_the_page_shows_the_last_counts_and_the_progress(
        client, drums, cluster, settings):
    url = reverse("insights:opportunities")
    _page(client, cluster.users["ministry"], url)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    profile_save(by=SYSTEM, organisation=drums["no_machining"],
                 processes=["green_sand", "machining"])
    html = _page(client, cluster.users["ministry"], url)
    assert 'id="progress"' in html and "sedang dihitung ulang" in html
    assert 'id="family-brake_drum"' in html  # the last counts, until the new ones are kept
    progress = client.get(reverse("insights:opportunities-progress")).json()
    assert progress["finished"] is False


def test_before_the_first_count_the_page_says_it_is_counting(client, drums, cluster,
                                                              settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    html = _page(client, cluster.users["ministry"], reverse("insights:opportunities"))
    assert 'id="progress"' in html and 'id="family-brake_drum"' not in html
    assert client.get(reverse("insights:opportunities-chart", args=["csv"])).status_code == 404
