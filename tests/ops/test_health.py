"""/healthz, for load balancers: JSON, no sign-in, no session, and 503 when the database
does not answer."""

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError

from pasok.ops import views

pytestmark = pytest.mark.django_db


def test_healthy_answers_200_json_without_a_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies
    assert not Session.objects.exists()


def test_head_is_answered_too(client):
    assert client.head("/healthz").status_code == 200


class _DatabaseDown:
    def cursor(self):
        raise OperationalError("connection refused")


def test_a_database_that_does_not_answer_is_a_503(client, monkeypatch):
    monkeypatch.setattr(views, "connection", _DatabaseDown())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable"}
