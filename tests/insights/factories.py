"""Saved scenarios for the permission matrix (tests/web/test_permission_matrix.py)."""

from pasok.insights.services.scenarios import scenario_save

MATRIX_ARGS = ("scenario_ministry", "scenario_coop")
DEFAULTS = {"output": {"type1": "1.8", "type2": "2.3"},
            "employment": {"type1": "1.5", "type2": "1.9"}, "source": "matrix", "year": None}


def matrix_args(cluster, arg: str) -> list:
    """"scenario_ministry": the ministry's scenario (the member closes); "scenario_coop":
    the cooperative's, over its members."""
    role, owner = (("ministry", cluster.ministry) if arg == "scenario_ministry"
                   else ("cooperative", cluster.cooperative))
    scenario = scenario_save(by=cluster.users[role], owner=owner, name="Matrix",
                             multipliers=DEFAULTS,
                             changes=[{"kind": "close", "foundry": str(cluster.member.pk)}])
    return [scenario.public_id]


def scenario_list_rows(cluster, n: int):
    """n saved scenarios of the ministry, and the scenarios page that lists them."""
    from django.urls import reverse

    from tests.web.test_query_counts import Page

    for i in range(n):
        scenario_save(by=cluster.users["ministry"], owner=cluster.ministry,
                      name=f"Skenario {n}-{i}", multipliers=DEFAULTS,
                      changes=[{"kind": "close", "foundry": str(cluster.member.pk)}])
    return Page("ministry", reverse("insights:scenarios"), f"Skenario {n}-{n - 1}")
