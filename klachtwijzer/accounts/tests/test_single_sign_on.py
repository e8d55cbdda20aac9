"""Single sign-on against a real OpenID provider started by the test (django-oidc-provider, own process).

Discovery, the authorization code flow with PKCE, the token and userinfo calls and the id_token's
signature (RS256, the provider's JWKS) all go over HTTP, as with Keycloak or Entra ID.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from klachtwijzer.accounts import oidc
from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]
CALLBACK = "http://testserver/sso/terug/"
PASSWORD = "op-wachtwoord-123"

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    database = tmp_path_factory.mktemp("op") / "op.sqlite3"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "klachtwijzer.accounts.tests.oidc_provider_site",
            str(database),
            "a.jansen",
            "A.Jansen@Gemeente.example",
            PASSWORD,
            "klachtwijzer",
            "client-secret-for-tests",
            CALLBACK,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = ""
    while process.stdout and not line.startswith("READY"):
        line = process.stdout.readline()
        if not line:
            break
    if not line.startswith("READY"):
        process.kill()
        pytest.fail(f"the OpenID provider did not start: {line!r}")
    yield f"http://127.0.0.1:{line.split()[1]}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sso(settings, provider):
    settings.OIDC_RP_CLIENT_ID = "klachtwijzer"
    settings.OIDC_RP_CLIENT_SECRET = "client-secret-for-tests"
    settings.OIDC_OP_DISCOVERY_ENDPOINT = f"{provider}/.well-known/openid-configuration"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, oidc.BACKEND]
    oidc._discovery.clear()
    return provider


def through_the_provider(client, username="a.jansen"):
    """Start at Klachtwijzer, log in at the provider, and bring its answer back to Klachtwijzer."""
    start = client.get("/sso/inloggen/")
    assert start.status_code == 302
    browser = requests.Session()
    login_page = browser.get(start["Location"], timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text).group(1)
    next_url = re.search(r'name="next" value="([^"]*)"', login_page.text).group(1).replace("&amp;", "&")
    logged_in = browser.post(
        login_page.url,
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD, "next": next_url},
        allow_redirects=False,
        timeout=10,
    )
    authorized = browser.get(
        requests.compat.urljoin(login_page.url, logged_in.headers["Location"]),
        allow_redirects=False,
        timeout=10,
    )
    back = urlsplit(authorized.headers["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    return client.get(f"{back.path}?{back.query}")


def test_the_provider_logs_in_the_user_with_that_email_and_no_second_factor_is_asked(client, sso):
    handler = UserFactory(username="anna", email="a.jansen@gemeente.example", role=Role.HANDLER)

    response = through_the_provider(client)
    home = client.get("/klachten/")

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == handler.pk
    assert home.status_code == 200  # no TOTP set-up: the provider did the second factor
    assert handler.role == Role.HANDLER


def test_a_person_without_a_klachtwijzer_account_is_refused_and_none_is_made(client, sso):
    from klachtwijzer.accounts.models import User

    before = User.objects.count()

    response = through_the_provider(client)
    page = client.get(response["Location"])

    assert "_auth_user_id" not in client.session
    assert User.objects.count() == before
    assert "geen Klachtwijzer-account" in page.content.decode()


def test_the_login_page_offers_single_sign_on_only_when_it_is_configured(client, municipality, settings):
    assert "/sso/inloggen/" not in client.get("/inloggen/").content.decode()
    assert client.get("/sso/inloggen/").status_code == 404

    settings.OIDC_RP_CLIENT_ID = "klachtwijzer"
    settings.OIDC_PROVIDER_NAME = "Gemeente-account"

    assert "Inloggen met Gemeente-account" in client.get("/inloggen/").content.decode()
