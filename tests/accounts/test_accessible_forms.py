"""The accounts pages' forms for everyone (WCAG 2.1 AA, issue 16): a form shown again with its
errors has the error summary (announced, focusable, linked to the fields), no field takes the
focus from it, what was typed stays text, and the fields a person fills in about themselves
say what they are (autocomplete)."""

import re

import pytest
from django.urls import reverse

from pasok.suppliers.forms import OrganisationForm
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(r'<div class="error-summary" role="alert" tabindex="-1"[^>]*>(.*?)</div>',
                     re.S)


def _summary(page: str) -> str:
    found = SUMMARY.search(page)
    assert found, "no error summary"
    return found[1]


def _sign_in(client, role):
    client.login(email=f"{role}@example.id", password=PASSWORD)


# (who is signed in, the page, what is sent, the field the summary links to)
FAILED_SUBMITS = [
    (None, "accounts:login", {"username": "bukan-alamat", "password": "x"}, "id_username"),
    (None, "accounts:signup", {"email": "bukan-alamat"}, "id_email"),
    (None, "accounts:password-reset", {"email": "bukan-alamat"}, "id_email"),
    (None, "accounts:resend-confirmation", {"email": ""}, "id_email"),
    ("supplier_a", "accounts:people", {"full_name": "", "email": "x@logam.id",
                                       "org_role": "staff"}, "id_full_name"),
    ("supplier_a", "accounts:tokens", {"name": ""}, "id_name"),
    ("supplier_a", "accounts:password-change", {"old_password": "salah"}, "id_old_password"),
]


@pytest.mark.parametrize(("role", "name", "data", "field"), FAILED_SUBMITS)
def test_a_failed_submit_shows_the_summary_linked_to_the_field(client, cluster, role, name,
                                                                data, field):
    if role:
        _sign_in(client, role)
    page = client.post(reverse(name), data).content.decode()
    assert f'href="#{field}"' in _summary(page)
    assert 'class="message error"' not in page  # the old, unannounced box is gone
    assert "autofocus" not in page  # the summary takes the focus (site.js), not a field
    assert 'aria-invalid="true"' in re.search(rf'<[^>]+id="{field}"[^>]*>', page)[0]


def test_verifying_and_a_new_nib_document_show_the_summary(client, cluster):
    _sign_in(client, "ministry")
    page = client.post(reverse("accounts:verify", args=[cluster.supplier_b.pk]), {})
    assert 'href="#id_confirm"' in _summary(page.content.decode())
    _sign_in(client, "supplier_a")
    page = client.post(reverse("accounts:nib-document-upload", args=[cluster.supplier_a.pk]),
                       {"nib_document": ""})  # a browser's post is never empty
    assert 'href="#id_nib_document"' in _summary(page.content.decode())


def test_the_sign_in_page_focuses_the_address_only_until_something_went_wrong(client):
    page = client.get(reverse("accounts:login")).content.decode()
    field = re.search(r'<input[^>]+name="username"[^>]*>', page)[0]
    assert "autofocus" in field and 'autocomplete="username"' in field
    assert 'autocomplete="current-password"' in page


def test_what_was_typed_stays_text_in_the_summary(client):
    page = client.post(reverse("accounts:signup"), {
        "business_capital": "<b>1.500,5,5</b>"}).content.decode()
    summary = _summary(page)
    assert "&lt;b&gt;1.500,5,5&lt;/b&gt;" in summary and "<b>" not in summary


def test_the_unconfirmed_sign_in_keeps_its_link_in_the_summary(client):
    from tests.accounts.test_signup import _signup_data

    client.post(reverse("accounts:signup"), _signup_data())
    page = client.post(reverse("accounts:login"), {
        "username": "sri@logam-rahayu.id", "password": "besi-cor-ceper-2026"}).content.decode()
    assert f'<a href="{reverse("accounts:resend-confirmation")}">' in _summary(page)


def _autocomplete(page: str) -> dict[str, str]:
    """name → autocomplete of the fields in the page's main form."""
    form = page[page.index("<main"):]
    found = {}
    for tag in re.findall(r"<(?:input|select|textarea)[^>]*>", form):
        token = re.search(r'autocomplete="([^"]+)"', tag)
        if token:
            found[re.search(r'name="([^"]+)"', tag)[1]] = token[1]
    return found


def test_sign_up_fields_say_what_they_are(client):
    tokens = _autocomplete(client.get(reverse("accounts:signup")).content.decode())
    assert tokens == {
        "full_name": "name", "email": "email", "password1": "new-password",
        "password2": "new-password", "name": "organization", "address": "street-address",
        "district": "address-level3", "regency": "address-level2",
        "province": "address-level1", "phone": "tel",
        "business_capital": "off", "annual_sales": "off"}  # rupiah: nothing to fill in


def test_the_organisation_form_says_what_its_fields_are(cluster):
    widgets = {name: field.widget.attrs.get("autocomplete")
               for name, field in OrganisationForm(instance=cluster.supplier_a).fields.items()}
    assert {name: widgets[name] for name in ("name", "address", "email", "phone")} == {
        "name": "organization", "address": "street-address", "email": "email", "phone": "tel"}


def test_a_colleague_is_not_filled_in_with_the_admins_own_details(client, cluster):
    _sign_in(client, "supplier_a")
    tokens = _autocomplete(client.get(reverse("accounts:people")).content.decode())
    assert tokens["full_name"] == tokens["email"] == "off"
