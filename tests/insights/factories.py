"""Imported alternatives and local contracts to compare them with, and saved scenarios, for
the insights tests, the permission matrix and the query budgets."""

import dataclasses
import datetime as dt
import itertools
from decimal import Decimal

from pasok import clock
from pasok.contracts import services as contracts
from pasok.contracts.models import ContractKind
from pasok.insights.services import alternative_record
from pasok.insights.services.scenarios import scenario_save
from tests.contracts.conftest import SIGNED_AT, brake_block_terms

# After the test contracts' months (January to March 2027): within the 12 months back.
READ_AT = dt.datetime(2027, 4, 10, 3, 0, tzinfo=dt.UTC)

COMPOSITE = {"family": "brake_block", "product": "Blok rem komposit", "origin": "Tiongkok",
             "landed_price": Decimal(480_000), "service_life_months": Decimal(5),
             "local_service_life_months": Decimal(1), "standards": "UIC 541-4, EN 16452",
             "units_per_year": 100_000, "source": "Faktur impor 2026"}


def local_contract(cluster, *, unit_price=Decimal(110_000), quantity=600,
                   tkdn=Decimal(45), buyer="buyer_x"):
    """A signed brake-block contract of `buyer` with supplier A."""
    terms = brake_block_terms()
    item = dataclasses.replace(terms.items[0], unit_price=unit_price, quantity=quantity,
                               minimum_quantity=0, schedule={terms.starts_on: quantity})
    with clock.frozen(SIGNED_AT):
        contract = contracts.contract_create(
            by=cluster.users[buyer], buyer=getattr(cluster, buyer), supplier=cluster.supplier_a,
            title="Blok rem", kind=ContractKind.FRAMEWORK,
            terms=dataclasses.replace(terms, items=(item,)), tkdn_percent=tkdn)
        contracts.contract_sign(by=cluster.users[buyer], contract=contract)
        contracts.contract_sign(by=cluster.users["supplier_a"], contract=contract)
    return contract


def buyer_x_import(cluster, **changes):
    """Buyer X's own imported composite block."""
    return alternative_record(by=cluster.users["buyer_x"], recorded_for=cluster.buyer_x,
                              **(COMPOSITE | {"buyer": cluster.buyer_x} | changes))


def market_offer(cluster, **changes):
    """An offer on the market, recorded by the ministry."""
    return alternative_record(by=cluster.users["ministry"], recorded_for=cluster.ministry,
                              **(COMPOSITE | {"origin": "Australia", "units_per_year": None}
                                 | changes))


MATRIX_ARGS = ("import_x", "import_market", "import_x_chart", "scenario_ministry",
               "scenario_coop", "handoff_coop")
_names = itertools.count(1)  # a walk over every route builds several in one test
DEFAULTS = {"output": {"type1": "1.8", "type2": "2.3"},
            "employment": {"type1": "1.5", "type2": "1.9"}, "source": "matrix", "year": None}


def matrix_args(cluster, arg: str) -> list:
    """"import_x": buyer X's own imported alternative; "import_market": the ministry's
    record of an offer on the market; "import_x_chart": buyer X's, beside its own brake-block
    contract, and its comparison chart as CSV; "scenario_ministry": the ministry's scenario (the
    member closes); "scenario_coop": the cooperative's, over its members."""
    if arg == "import_x_chart":
        local_contract(cluster)
        return [buyer_x_import(cluster).public_id, "csv"]
    if arg.startswith("import"):
        return [(buyer_x_import if arg == "import_x" else market_offer)(cluster).public_id]
    if arg == "handoff_coop":
        return handoff_args(cluster)
    role, owner = (("ministry", cluster.ministry) if arg == "scenario_ministry"
                   else ("cooperative", cluster.cooperative))
    scenario = scenario_save(by=cluster.users[role], owner=owner, name=f"Matrix {next(_names)}",
                             multipliers=DEFAULTS,
                             changes=[{"kind": "close", "foundry": str(cluster.member.pk)}])
    return [scenario.public_id]


def scenario_list_rows(cluster, n: int):
    """n saved scenarios of the ministry and one of the cooperative, every other one computed
    on data since changed (out of date: its marker, and for the ministry's its button), and
    the scenarios page that lists them."""
    from django.urls import reverse

    from pasok.insights.models import RunStatus, Scenario
    from tests.web.test_query_counts import Page

    close = [{"kind": "close", "foundry": str(cluster.member.pk)}]
    made = [scenario_save(by=cluster.users["ministry"], owner=cluster.ministry,
                          name=f"Skenario {n}-{i}", multipliers=DEFAULTS, changes=close)
            for i in range(n)]
    made.append(scenario_save(by=cluster.users["cooperative"], owner=cluster.cooperative,
                              name=f"Koperasi {n}", multipliers=DEFAULTS, changes=close))
    Scenario.objects.filter(pk__in=[s.pk for s in made[::2]]).update(
        status=RunStatus.DONE, baseline_key="old", computed_at=clock.now())
    return Page("ministry", reverse("insights:scenarios"), f"Skenario {n}-{n - 1}")


def _casts(organisation, kg_a_month: int) -> None:
    """A foundry of 10 workers that casts 5–50 kg and sells outside Pasok."""
    from pasok.accounts.actors import SYSTEM
    from pasok.accounts.models import Organisation
    from pasok.suppliers.services import profile_save

    profile_save(by=SYSTEM, organisation=organisation, fields={
        "workforce_total": 10, "monthly_capacity_kg": kg_a_month,
        "weight_min_kg": Decimal(5), "weight_max_kg": Decimal(50)})
    Organisation.objects.filter(pk=organisation.pk).update(annual_sales=1_200_000_000)


def handoff_args(cluster, units_per_month: int = 100, member_kg: int = 5_000) -> list:
    """The cooperative's scenario of a new order of 20 kg pieces from its member, the order
    handed to the allocation engine (queued: a test that runs the on-commit callbacks has it
    solved): the scenario and the change's index."""
    from pasok.insights.services.handoff import handoff_queue

    _casts(cluster.member, member_kg)
    by = cluster.users["cooperative"]
    scenario = scenario_save(by=by, owner=cluster.cooperative, name=f"Matrix {next(_names)}",
                             multipliers=DEFAULTS, changes=[{
                                 "kind": "new_order", "buyer": str(cluster.buyer_x.pk),
                                 "family": "brake_block", "units_per_month": units_per_month,
                                 "unit_price": "185000", "unit_weight_kg": "20",
                                 "foundries": [str(cluster.member.pk)]}])
    handoff_queue(by=by, scenario=scenario, change=0)
    return [scenario.public_id, 0]


def handoff_page_rows(cluster, n: int):
    """n more members of the cooperative, each with 400 kg (20 pieces) free a month, and the
    page of an order that needs all the members have: each makes some."""
    from django.urls import reverse

    from pasok.insights.handoff import execute
    from pasok.insights.models import ScenarioHandoff
    from tests.web.test_query_counts import Page, _foundry

    names = [f"CV Anggota {next(_names) + 500}" for _ in range(n)]
    for name in names:
        _casts(_foundry(int(name.rsplit(" ", 1)[1]), name, cooperative=cluster.cooperative),
               400)
    members = cluster.cooperative.members.count()
    args = handoff_args(cluster, units_per_month=20 * members, member_kg=400)
    execute(ScenarioHandoff.objects.latest("pk").pk)
    return Page("cooperative", reverse("insights:scenario_handoff", args=args), names[-1])


def foundry_names_rows(cluster, n: int):
    """n foundries whose names contain "Cor Saran", and the suggestions the scenario form's
    foundry boxes fetch for it."""
    from django.urls import reverse

    from pasok.accounts.actors import SYSTEM
    from pasok.accounts.services import organisation_create
    from pasok.suppliers.services import profile_save
    from tests.conftest import make_nib
    from tests.web.test_query_counts import Page

    for i in range(n):
        foundry = organisation_create(by=SYSTEM, kind="supplier", name=f"Cor Saran {n}-{i:02}",
                                      nib=make_nib(500 + 100 * n + i), province="Jawa Tengah",
                                      regency="Klaten")
        profile_save(by=SYSTEM, organisation=foundry, fields={"workforce_total": 5})
    return Page("ministry", reverse("insights:foundry-names") + "?q=saran",
                f"Cor Saran {n}-{n - 1:02}")
