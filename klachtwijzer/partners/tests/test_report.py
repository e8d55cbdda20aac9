"""The report JSON, ``klachtwijzer figures``, the yearly report's partner chapter and the dashboard combine
registered complaints and reported figures per partner; small numbers are hidden when published."""

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from klachtwijzer.accounts.tests.factories import PartnerFactory
from klachtwijzer.partners.importing import import_partner_figures
from klachtwijzer.reporting.documents import build_for_figures
from klachtwijzer.reporting.figures import compute_figures
from klachtwijzer.reporting.tests.builders import complaint

from .conftest import figures_file
from .test_import import upload


@pytest.fixture
def reported(partners, department):
    """2024: the tax office reported four quarters; the care team registered 6 complaints and reported
    a year; a correction of the tax office's last quarter replaced the first report of it."""
    with time_machine.travel(dt.datetime(2024, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        for day in range(1, 7):
            complaint(
                received_on=dt.date(2024, 3, day),
                department=department,
                staff=partners.coordinator,
                partner=partners.care,
                oordeel="gegrond" if day <= 2 else "ongegrond",
                closed_on=dt.date(2024, 3, 20),
            )
    quarters = [("01-01", "03-31"), ("04-01", "06-30"), ("07-01", "09-30"), ("10-01", "12-31")]
    rows = [f"Belastingsamenwerking West;2024-{a};2024-{b};10;10;2;1;5;8" for a, b in quarters]
    upload(figures_file(*rows), partners.taxes_user)
    correction = figures_file("Belastingsamenwerking West;2024-10-01;2024-12-31;20;20;2;1;5;18")
    upload(correction, partners.taxes_user, replace=True)
    upload(
        figures_file("Belastingsamenwerking West;2023-10-01;2023-12-31;99;99;0;0;0;99"), partners.taxes_user
    )
    upload(figures_file("Sociaal Wijkteam;2024-01-01;2024-12-31;30;28;4;5;10;20"), partners.care_user)
    return partners


def test_the_report_json_combines_registered_and_reported_per_partner(reported):
    figures = compute_figures(year=2024, as_of=dt.date(2025, 5, 20))

    assert figures["partners"] == {
        "Belastingsamenwerking West": {
            "source": "reported",
            "received": 50,  # the corrected last quarter counts, the replaced one not, 2023 not
            "closed": 50,
            "founded": 12,
            "within_term_pct": 84.0,
        },
        "Sociaal Wijkteam": {
            "source": "both",
            "received": 36,
            "closed": 34,
            "founded": 11,  # 2 registered + 4 gegrond and 5 deels gegrond reported
            "within_term_pct": 76.5,  # (6 registered + 20 reported) of 34
        },
    }


def test_a_reference_date_before_the_correction_gives_the_figures_of_then(reported):
    with time_machine.travel(dt.datetime(2025, 5, 21, 10, tzinfo=dt.UTC), tick=False):
        upload(
            figures_file("Belastingsamenwerking West;2024-01-01;2024-03-31;11;11;2;1;5;8"),
            reported.taxes_user,
            replace=True,
        )
    then = compute_figures(year=2024, as_of=dt.date(2025, 5, 20))["partners"]["Belastingsamenwerking West"]
    now = compute_figures(year=2024, as_of=dt.date(2025, 5, 21))["partners"]["Belastingsamenwerking West"]
    assert (then["received"], now["received"]) == (50, 51)


def test_the_report_and_figures_commands_carry_the_partners_key(reported):
    out = io.StringIO()
    call_command("report", "--year", "2024", "--format", "json", "--as-of", "2025-05-20", stdout=out)
    assert json.loads(out.getvalue())["partners"]["Sociaal Wijkteam"]["source"] == "both"

    out = io.StringIO()
    call_command("figures", "--from", "2024-01-01", "--to", "2024-12-31", "--as-of", "2025-05-20", stdout=out)
    assert json.loads(out.getvalue())["partners"]["Belastingsamenwerking West"]["received"] == 50

    out = io.StringIO()
    call_command(
        "figures", "--from", "2024-01-01", "--to", "2024-12-31", "--as-of", "2025-05-20",
        "--partner", "Sociaal Wijkteam", stdout=out,
    )  # fmt: skip
    assert list(json.loads(out.getvalue())["partners"]) == ["Sociaal Wijkteam"]


def _chapter(document):
    return next(section for section in document.sections if section.key == "partners")


def test_the_partner_chapter_counts_reported_figures_and_hides_small_numbers(reported):
    figures = compute_figures(year=2024, as_of=dt.date(2025, 5, 20))

    draft = _chapter(build_for_figures(dict(figures), published=False))
    table = draft.tables[-1]
    assert table.headers[:3] == ["Samenwerkingspartner", "Bron", "Ontvangen"]
    rows = {row[0]: row for row in table.rows}
    assert rows["Belastingsamenwerking West"][1:5] == ["aangeleverd door de partner", "50", "50", "12"]
    assert rows["Sociaal Wijkteam"][1:5] == ["geregistreerd en aangeleverd", "36", "34", "11"]

    PartnerFactory(name="Kleine Partner", reporting_way="figures")
    import_partner_figures(
        data=figures_file("Kleine Partner;2024-01-01;2024-12-31;3;3;1;0;2;3"),
        filename="k.csv",
        acting_user=None,
    )
    figures = compute_figures(year=2024, as_of=dt.date(2025, 5, 20))
    published = _chapter(build_for_figures(dict(figures), published=True))
    rows = {row[0]: row for row in published.tables[-1].rows}
    assert rows["Kleine Partner"][2:6] == ["< 5", "< 5", "< 5", "×"]
    assert rows["Belastingsamenwerking West"][2:5] == ["50", "50", "12"]


def test_the_chapter_summarises_the_conversations_of_the_year(reported):
    from klachtwijzer.partners.conversations import record_conversation

    record_conversation(
        partner=reported.care,
        held_on=dt.date(2024, 11, 5),
        participants="x",
        agreements="geheime afspraak",
        acting_user=reported.coordinator,
    )
    figures = compute_figures(year=2024, as_of=dt.date(2025, 5, 20))
    text = " ".join(_chapter(build_for_figures(dict(figures), published=True)).paragraphs)
    assert "1 gesprek over klachtbehandeling met partners (Sociaal Wijkteam, 2024-11-05)" in text
    assert "geheime afspraak" not in text


def test_the_dashboard_shows_the_partner_panel(client, reported):
    client.force_login(reported.coordinator)
    response = client.get(reverse("dashboard:index"), {"start": "2024-01-01", "end": "2024-12-31"})
    page = response.content.decode()
    assert 'id="panel-partners"' in page
    panel = page[page.index('id="panel-partners"') :]
    panel = panel[: panel.index("</section>")]
    assert "Belastingsamenwerking West" in panel and "aangeleverd door de partner" in panel
