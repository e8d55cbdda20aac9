"""Every page carries a strict Content Security Policy and is never stored by a browser or proxy."""

import re

import pytest

from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, Organisation

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


@pytest.fixture
def org(db, settings, municipality):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


def assert_strict(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not INLINE_HANDLER.search(html)
    assert not STYLE_ATTRIBUTE.search(html)
    nonce = re.search(r"'nonce-([^']+)'", directives["style-src"]).group(1)
    assert f'<style nonce="{nonce}">' in html


def assert_not_stored(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/inloggen/", "/klacht-indienen/"])
def test_public_pages_have_a_strict_policy(client, municipality, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_strict(response)


def test_the_complaint_page_and_the_list_are_strict_and_not_stored(client, org):
    complaint = org.own_complaint()
    client.force_login(org.coordinator)

    letters = f"/klachten/{complaint.reference}/brieven/"
    for url in [complaint.get_absolute_url(), "/klachten/", "/", letters, "/brieven/sjablonen/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert_strict(response)
        assert_not_stored(response)


def test_a_new_nonce_on_every_page(client, municipality):
    first = client.get("/inloggen/")["Content-Security-Policy"]
    second = client.get("/inloggen/")["Content-Security-Policy"]

    assert first != second
