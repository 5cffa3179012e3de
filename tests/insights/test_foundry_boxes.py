"""The scenario form names foundries by typing them (a select of a national cluster's
foundries would weigh megabytes in every row): a change typed by name keeps the foundry's
id, a saved one shows its name again, a mistyped one is named on its row, and the boxes'
suggestions cover the reader's own scope only."""

import pytest
from django.urls import reverse

from pasok import clock
from pasok.insights.models import Scenario
from tests.insights.test_scenarios import TODAY, _client, _form, foundries  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_foundry_typed_by_name_is_kept_by_id_and_shown_by_name(
        client, cluster, foundries, django_capture_on_commit_callbacks):  # noqa: F811
    _client(client, cluster)
    with clock.frozen(TODAY):
        new = client.get(reverse("insights:scenario_new")).content.decode()
        assert "<option" not in new.split('name="change-0-foundry"')[1].split(">")[0]
        assert "UD Cor Makmur" not in new  # no foundry is listed on the page
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("insights:scenario_new"),
                        _form(cluster, kind="close", foundry="UD Cor Makmur"))
        scenario = Scenario.objects.get()
        assert scenario.changes == [{"kind": "close", "foundry": str(cluster.supplier_b.pk)}]
        edit = client.get(reverse("insights:scenario_edit", args=[scenario.public_id]))
    assert 'value="UD Cor Makmur — Boyolali"' in edit.content.decode()


def test_a_foundry_that_matches_none_is_named_on_its_row(client, cluster, foundries):  # noqa: F811
    _client(client, cluster)
    with clock.frozen(TODAY):
        page = client.post(reverse("insights:scenario_new"),
                           _form(cluster, kind="close", foundry="Cor Tak Dikenal"))
    assert page.status_code == 200 and not Scenario.objects.exists()
    html = page.content.decode()
    assert "“Cor Tak Dikenal”" in html and 'value="Cor Tak Dikenal"' in html


def test_suggestions_are_of_the_readers_scope(client, cluster, foundries):  # noqa: F811
    url = reverse("insights:foundry-names")
    ministry = _client(client, cluster).get(url, {"q": "ud "}).json()
    assert ministry == {"names": ["UD Cor Makmur — Boyolali", "UD Sinar Besi — Klaten"]}
    client.logout()
    cooperative = _client(client, cluster, "cooperative").get(url, {"q": "ud "}).json()
    assert cooperative == {"names": ["UD Sinar Besi — Klaten"]}  # its member only
