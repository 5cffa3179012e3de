"""/api/v1/docs works offline and under a strict Content-Security-Policy: Swagger UI comes
from the site's own static files (django-ninja ships them), no script is inline and no
address outside the site is referenced (the validator badge is off)."""

import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.references, self.inline_scripts, self.in_script = [], 0, False
        self.style_attributes = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.references += [attrs[a] for a in ("src", "href") if attrs.get(a)]
        self.style_attributes += "style" in attrs or any(a.startswith("on") for a in attrs)
        if tag == "script":
            self.in_script = True
            self.inline_scripts += "src" not in attrs

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False


def test_the_docs_page_uses_only_local_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = _Page()
    page.feed(response.content.decode())
    assert page.references, "the page loads Swagger UI from somewhere"
    assert all(ref.startswith("/") and not ref.startswith("//") for ref in page.references), \
        page.references
    assert page.inline_scripts == 0 and page.style_attributes == 0
    assert not re.search(rb"https?://", response.content), "an address outside the site"
    for ref in page.references:
        asset = client.get(ref)
        assert asset.status_code == 200, ref
        body = b"".join(asset.streaming_content) if asset.streaming else asset.content
        assert len(body) > 100, ref


def test_the_swagger_settings_point_at_the_local_schema(client):
    body = client.get("/api/v1/docs").content.decode()
    assert "/api/v1/openapi.json" in body
    assert "&quot;validatorUrl&quot;: null" in body  # no badge fetched from swagger.io
    # A deep link inside each operation's button would nest a link in a button (axe).
    assert "&quot;deepLinking&quot;: false" in body
    assert client.get("/api/v1/openapi.json").status_code == 200
