"""Links in e-mails go to the address the site is served at: the request's own (a `make run` on
another port), `pasok run --addrport` for mail without a request, PASOK_BASE_URL above both."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from pasok.shell.management.commands import run
from pasok.web import links
from tests.accounts.test_signup import _signup_data
from tests.conftest import PASSWORD


@pytest.mark.parametrize(("addrport", "url"), [
    ("127.0.0.1:8000", "http://127.0.0.1:8000"),
    ("8123", "http://127.0.0.1:8123"),
    ("0.0.0.0:9000", "http://127.0.0.1:9000"),
    ("localhost:8080", "http://localhost:8080"),
    ("[::1]:8001", "http://[::1]:8001"),
])
def test_served_url(addrport, url):
    assert links.served_url(addrport) == url


def _links(message) -> set[str]:
    return set(re.findall(r"https?://[^/\s]+", message.body))


@pytest.mark.django_db
def test_a_signup_on_another_port_gets_links_to_that_port(client, settings,
                                                         django_capture_on_commit_callbacks):
    settings.PASOK_BASE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), _signup_data(), HTTP_HOST="127.0.0.1:8123")
    assert _links(mail.outbox[0]) == {"http://127.0.0.1:8123"}


@pytest.mark.django_db
def test_an_invitation_links_to_the_port_it_was_sent_from(client, cluster, settings,
                                                          django_capture_on_commit_callbacks):
    settings.PASOK_BASE_URL = ""
    client.login(email="supplier_a@example.id", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:people"), {"full_name": "Budi", "email": "budi@logam.id",
                                                 "org_role": "staff"},
                    HTTP_HOST="localhost:8765")
    assert _links(mail.outbox[0]) == {"http://localhost:8765"}


@pytest.mark.django_db
def test_pasok_base_url_overrides_the_request(client, settings,
                                              django_capture_on_commit_callbacks):
    settings.PASOK_BASE_URL = "https://pasok.kemenperin.go.id/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), _signup_data(), HTTP_HOST="127.0.0.1:8123")
    assert _links(mail.outbox[0]) == {"https://pasok.kemenperin.go.id"}


def test_without_a_request_the_served_address(settings):
    settings.PASOK_BASE_URL = ""
    settings.PASOK_SERVED_URL = "http://127.0.0.1:8456"
    assert links.base_url() == "http://127.0.0.1:8456"
    assert links.absolute("/tenders/1/") == "http://127.0.0.1:8456/tenders/1/"
    assert links.absolute("/tenders/1/", "http://127.0.0.1:8123") == (
        "http://127.0.0.1:8123/tenders/1/")


@pytest.mark.django_db
def test_pasok_run_gives_its_address_to_the_worker_and_its_commands(monkeypatch, settings):
    started = {}

    class Worker:
        def __init__(self, args, env):
            started.update(args=args, env=env)

        def terminate(self):
            pass

        def wait(self, timeout):
            pass

    commands = []
    monkeypatch.setattr(run.subprocess, "Popen", Worker)
    monkeypatch.setattr(run, "call_command", lambda name, *a, **kw: commands.append(
        (name, links.base_url())))
    monkeypatch.setattr(run, "database_is_empty", lambda: True)
    settings.PASOK_BASE_URL = ""
    settings.DEBUG = True  # `pasok run` is development's (pytest runs with DEBUG off)
    call_command("run", addrport="127.0.0.1:8123")
    assert started["env"]["PASOK_SERVED_URL"] == "http://127.0.0.1:8123"
    assert commands == [("migrate", "http://127.0.0.1:8123"), ("demo", "http://127.0.0.1:8123"),
                        ("runserver", "http://127.0.0.1:8123")]
