"""The shared look: the municipality's colour made readable, the login page, the error pages."""

import pytest
from django.template.loader import render_to_string

from klachtwijzer.letters.templatetags.theme import contrast, theme_properties


@pytest.mark.parametrize("colour", ["#00689e", "#ffd700", "#e6f2ff", "#c8102e", "#000000", "#ffffff"])
def test_any_colour_gives_readable_links_and_header_text(colour):
    props = theme_properties(colour)

    assert contrast(props["link"], "#ffffff") >= 4.5
    assert contrast(props["primary_text"], props["primary"]) >= 4.5


@pytest.mark.parametrize("value", ["red", "</style>", "#12345", "", None, "#gggggg"])
def test_a_value_that_is_no_colour_falls_back_to_the_default(value):
    assert theme_properties(value)["primary"] == "#00689e"


@pytest.mark.django_db
def test_pages_carry_the_municipality_colour(client, municipality):
    municipality.primary_colour = "#c8102e"
    municipality.save()

    html = client.get("/klacht-indienen/").content.decode()

    assert "--kw-primary: #c8102e;" in html  # in the <style> element that carries the CSP nonce


@pytest.mark.django_db
def test_the_login_page_uses_the_form_components_and_shows_errors(client, municipality):
    page = client.get("/inloggen/").content.decode()
    wrong = {"login_view-current_step": "auth", "auth-username": "niemand", "auth-password": "fout"}
    failed = client.post("/inloggen/", wrong).content.decode()

    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in page
    assert "Inloggen" in page
    assert 'id="error-summary"' in failed
    assert "<title>Fout: Inloggen" in failed


@pytest.mark.django_db
def test_logged_in_pages_load_htmx_and_offer_logging_out(client, municipality, coordinator):
    client.force_login(coordinator)

    html = client.get("/brieven/sjablonen/").content.decode()

    assert "vendor/htmx/htmx.min.js" in html
    assert 'action="/uitloggen/"' in html
    assert "hx-headers" in html


def test_the_500_page_needs_no_database_or_request():
    html = render_to_string("500.html")

    assert "Er ging iets mis" in html and '<html lang="nl"' in html
