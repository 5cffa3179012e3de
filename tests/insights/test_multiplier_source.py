"""The default multipliers' source reads in the reader's language: the form offers it in
theirs, a scenario saved with it keeps rules.multipliers' statement, and each page shows that
in its reader's language; a source someone typed stays as typed."""

import html
import re

import pytest
from django.conf import settings
from django.urls import reverse

from pasok import clock
from pasok.insights.models import Scenario
from pasok.rules.multipliers import DEFAULT
from tests.insights.test_scenarios import TODAY, _client, _form, foundries  # noqa: F401

pytestmark = pytest.mark.django_db
INDONESIAN = "Nilai contoh dokumentasi Pasok"
ENGLISH = "Example values of Pasok's documentation"


def _typed_source(page: str) -> str:
    return html.unescape(re.search(r'name="multipliers_source"[^>]*value="([^"]*)"',
                                   page).group(1))


def test_the_default_source_is_kept_once_and_read_in_each_language(
        client, cluster, foundries, django_capture_on_commit_callbacks):  # noqa: F811
    _client(client, cluster)
    with clock.frozen(TODAY):
        offered = _typed_source(client.get(reverse("insights:scenario_new")).content.decode())
        assert offered.startswith(INDONESIAN)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("insights:scenario_new"),
                        _form(cluster) | {"multipliers_source": offered})
        scenario = Scenario.objects.get()
        assert scenario.multipliers["source"] == DEFAULT.source
        page = reverse("insights:scenario", args=[scenario.public_id])
        assert INDONESIAN in client.get(page).content.decode()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert ENGLISH in html.unescape(client.get(page).content.decode())
        edit = client.get(reverse("insights:scenario_edit", args=[scenario.public_id]))
        assert _typed_source(edit.content.decode()).startswith(ENGLISH)


def test_a_typed_source_stays_as_typed(client, cluster, foundries,  # noqa: F811
                                       django_capture_on_commit_callbacks):
    _client(client, cluster)
    with clock.frozen(TODAY), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("insights:scenario_new"),
                    _form(cluster) | {"multipliers_source": "Tabel I-O BPS 2016"})
    assert Scenario.objects.get().multipliers["source"] == "Tabel I-O BPS 2016"
