import datetime as dt
from decimal import Decimal

import pytest

from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_create, organisation_verify
from pasok.suppliers.selectors import SearchCriteria, search_suppliers
from pasok.suppliers.services import profile_save
from tests.conftest import make_nib, make_npwp

pytestmark = pytest.mark.django_db


def _foundry(n, name, *, regency="Klaten", grades=(), processes=(), weight=(5, 80),
             capacity=50_000, certificates=(), cooperative=None, verified_by=None):
    org = organisation_create(by=SYSTEM, name=name, kind="supplier", nib=make_nib(100 + n),
                              npwp=make_npwp(100 + n), province="Jawa Tengah", regency=regency,
                              annual_sales=Decimal(1_500_000_000), cooperative=cooperative)
    profile_save(by=SYSTEM, organisation=org, grades=list(grades), processes=list(processes),
                 fields={"weight_min_kg": Decimal(weight[0]), "weight_max_kg": Decimal(weight[1]),
                         "monthly_capacity_kg": capacity},
                 certificates=[{"kind": kind, "number": f"C-{n}", "valid_until": until}
                               for kind, until in certificates])
    if verified_by:
        organisation_verify(by=verified_by, organisation=org)
    return org


@pytest.fixture
def foundries(cluster):
    ministry = cluster.users["ministry"]
    today = dt.date.today()
    return {
        "ductile": _foundry(1, "CV Ductile Jaya", grades=["FCD450", "FCD500"],
                            processes=["green_sand", "machining"], weight=(10, 100),
                            capacity=80_000, verified_by=ministry,
                            certificates=[("iso9001", today + dt.timedelta(days=300))]),
        "small_range": _foundry(2, "UD Kecil Makmur", grades=["FCD450"], weight=(1, 30),
                                processes=["green_sand"], capacity=10_000),
        "boyolali": _foundry(3, "CV Boyolali Cor", regency="Boyolali", grades=["FCD450"],
                             weight=(10, 100), processes=["green_sand"],
                             certificates=[("iso9001", today - dt.timedelta(days=1))]),
        "brake": _foundry(4, "UD Blok Rem Sentosa", grades=["P10"], weight=(5, 60),
                          processes=["green_sand"], cooperative=cluster.cooperative,
                          capacity=30_000, verified_by=ministry),
    }


def _names(user, **criteria):
    return [o.name for o in search_suppliers(user=user, criteria=SearchCriteria(**criteria))]


def test_buyer_query_finds_only_what_fits(cluster, foundries):
    names = _names(cluster.users["buyer_x"], text="FCD450, 20–60 kg, Klaten")
    # CV Logam Sejahtera (cluster fixture) also casts FCD450 from 5 to 80 kg in Klaten.
    assert sorted(names) == ["CV Ductile Jaya", "CV Logam Sejahtera"]
    assert names[0] == "CV Ductile Jaya"  # verified first when relevance ties


def test_weight_range_must_be_covered(cluster, foundries):
    names = _names(cluster.users["buyer_x"], grades=["FCD450"], weight_min=Decimal(20),
                   weight_max=Decimal(60))
    assert "UD Kecil Makmur" not in names


def test_all_processes_required(cluster, foundries):
    assert _names(cluster.users["buyer_x"], processes=["green_sand", "machining"]) == [
        "CV Ductile Jaya"]


def test_free_capacity_and_verified_filters(cluster, foundries):
    user = cluster.users["buyer_y"]
    assert _names(user, free_capacity_kg=70_000) == ["CV Ductile Jaya"]
    assert sorted(_names(user, verified_only=True)) == ["CV Ductile Jaya", "UD Blok Rem Sentosa"]


def test_expired_certificate_does_not_count(cluster, foundries):
    assert _names(cluster.users["buyer_x"], certificate="iso9001") == ["CV Ductile Jaya"]


def test_region_and_size_filters(cluster, foundries):
    user = cluster.users["ministry"]
    assert sorted(_names(user, regency="boyo")) == ["CV Boyolali Cor", "UD Cor Makmur"]
    assert "CV Boyolali Cor" in _names(user, size_classes=["micro"])
    assert _names(user, size_classes=["large"]) == []


def test_free_text_matches_products_and_places(cluster, foundries):
    user = cluster.users["buyer_x"]
    assert _names(user, text="sentosa") == ["UD Blok Rem Sentosa"]
    assert _names(user, text="P10 klaten") == ["UD Blok Rem Sentosa"]


def test_cooperative_sees_only_its_members(cluster, foundries):
    names = _names(cluster.users["cooperative"])
    assert set(names) == {"Koperasi Batur Jaya", "UD Sinar Besi", "UD Blok Rem Sentosa"}


def test_suppliers_and_anonymous_see_no_competitors(cluster, foundries):
    from django.contrib.auth.models import AnonymousUser

    assert _names(AnonymousUser()) == []
    assert _names(cluster.users["supplier_b"]) == ["UD Cor Makmur"]


def test_buyers_do_not_see_other_buyers(cluster, foundries):
    names = _names(cluster.users["buyer_x"])
    assert "PT Astra Otoparts Tbk" not in names


def test_zero_is_an_open_lower_bound(cluster, foundries):
    names = _names(cluster.users["buyer_x"], grades=["FCD450"], weight_min=Decimal(0),
                   weight_max=Decimal(60))
    assert "UD Kecil Makmur" not in names  # casts up to 30 kg only
    assert {"CV Ductile Jaya", "CV Boyolali Cor", "CV Logam Sejahtera"} <= set(names)


def test_tkdn_filter_counts_verified_certificates_only(cluster, foundries):
    from pasok.tkdn.services import certificate_record

    certificate_record(by=SYSTEM, organisation=foundries["brake"], regime="permenperin-35-2025",
                       product="Blok rem", tkdn_percent=Decimal(50),
                       issued_on=dt.date.today() - dt.timedelta(days=10), self_declared=True)
    assert _names(cluster.users["buyer_x"], certificate="tkdn") == []
    certificate_record(by=SYSTEM, organisation=foundries["ductile"],
                       regime="permenperin-35-2025", product="Bracket",
                       tkdn_percent=Decimal(50), number="9/TKDN", verifier="PT Sucofindo",
                       issued_on=dt.date.today() - dt.timedelta(days=10))
    assert _names(cluster.users["buyer_x"], certificate="tkdn") == ["CV Ductile Jaya"]


def test_labels_of_processes_materials_and_furnaces_are_searchable(cluster, foundries):
    from pasok.suppliers.services import profile_save

    profile_save(by=SYSTEM, organisation=foundries["ductile"],
                 furnaces=[{"kind": "induction", "tonnes_per_heat": Decimal(1), "count": 2}])
    user = cluster.users["buyer_x"]
    assert _names(user, text="nodular induksi") == ["CV Ductile Jaya"]
    assert _names(user, text="ductile induction") == ["CV Ductile Jaya"]
    assert "CV Ductile Jaya" in _names(user, text="permesinan")


def test_a_supplier_is_found_by_its_name_with_no_capacity_and_first(cluster, foundries):
    # A foundry just registered: its profile was never saved (no capacity, no search
    # words of its own). On the old main its empty search text hid it from every text search.
    org = organisation_create(by=SYSTEM, name="CV Presisi Logam Nusantara", kind="supplier",
                              nib=make_nib(190), npwp=make_npwp(190), province="Jawa Tengah",
                              regency="Klaten")
    user = cluster.users["buyer_x"]
    # "presisi" is also the process word for investment casting, which it does not offer.
    assert _names(user, text="CV Presisi Logam Nusantara")[0] == org.name
    assert _names(user, text="presisi logam nusantara")[0] == org.name
    assert _names(user, text="Nusantara") == [org.name]
    # A name that holds the words comes first, ahead of bigger foundries that match too.
    assert _names(user, text="klaten")[0] != org.name
    assert _names(user, text="logam")[:2] == ["CV Logam Sejahtera", "CV Presisi Logam Nusantara"]


def test_fit_ranks_by_the_share_of_the_asked_kg_free_not_by_size(cluster, foundries):
    user = cluster.users["buyer_x"]
    # Asking 10,000 kg: every one has all of it free, so the verified one comes first, then
    # by name: 50,000 kg Boyolali before 60,000 kg Logam Sejahtera, not the larger first.
    assert _names(user, grades=["FCD450"], need_kg=10_000) == [
        "CV Ductile Jaya", "CV Boyolali Cor", "CV Logam Sejahtera", "UD Kecil Makmur"]
    assert _names(user, grades=["FCD450"], sort="free") == [
        "CV Ductile Jaya", "CV Logam Sejahtera", "CV Boyolali Cor", "UD Kecil Makmur"]
    ranked = search_suppliers(user=user, criteria=SearchCriteria(grades=["FCD450"],
                                                                 need_kg=60_000))
    assert [o.name for o in ranked][:2] == ["CV Ductile Jaya", "CV Logam Sejahtera"]
    assert {o.name: o.covered for o in ranked}["UD Kecil Makmur"] == 166  # 10,000 of 60,000


@pytest.mark.parametrize(("sort", "first"), [
    ("free", "CV Ductile Jaya"), ("name", "CV Boyolali Cor"), ("tkdn", "CV Boyolali Cor")])
def test_the_sort_the_user_chose(cluster, foundries, sort, first):
    assert _names(cluster.users["buyer_x"], grades=["FCD450"], sort=sort)[0] == first


@pytest.mark.parametrize("lots", [
    [("FCD450", 35)], [("P10", 12)], [(None, 90)], [("FCD500", 50)], [("FC200", 200)],
    [("FCD450", 25), ("P10", 55)],
])
def test_a_tenders_notice_goes_to_whom_the_search_finds_for_its_lots(cluster, foundries,
                                                                      lots):
    """The tender notice (tenders/tasks.py) and the capability search agree on who can
    make a lot: the same suppliers, lot by lot, as the tender's buyer searches them."""
    from pasok.suppliers.models import MaterialGrade
    from pasok.suppliers.selectors import criteria_for_lot
    from pasok.tenders.services import lot_add, tender_create
    from pasok.tenders.tasks import matching_suppliers

    buyer = cluster.users["buyer_x"]
    start = dt.datetime.now(dt.UTC)
    tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Coran",
                           bid_deadline=start + dt.timedelta(days=7),
                           opening_time=start + dt.timedelta(days=8))
    for grade, weight in lots:
        lot_add(by=buyer, tender=tender, product="Coran", quantity=100,
                grade=grade and MaterialGrade.objects.get(pk=grade),
                unit_weight_kg=Decimal(weight), hps_unit_price=Decimal(100_000))
    searched = {org.name for lot in tender.lots.all()
                for org in search_suppliers(user=buyer, criteria=criteria_for_lot(lot))}
    assert {org.name for org in matching_suppliers(tender)} == searched
    assert searched or lots == [("FC200", 200)]  # one case where nobody fits
