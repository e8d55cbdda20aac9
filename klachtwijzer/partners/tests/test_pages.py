"""The partners' pages: a partner user sees only its own complaints and figures and uploads its figures;
an accounthouder sees whose report is overdue and records the conversation; fixed query counts."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klachtwijzer.accounts.tests.factories import PartnerFactory
from klachtwijzer.partners.models import PartnerConversation, PartnerFigures
from klachtwijzer.reporting.tests.builders import complaint

from .conftest import figures_file
from .test_import import upload

OVERVIEW = reverse("partners:overview")
UPLOAD = reverse("partners:upload")


def _file(data: bytes, name: str = "cijfers.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_a_partner_user_sees_only_the_complaints_about_its_own_service(client, partners, department):
    own = complaint(
        received_on=dt.date(2025, 5, 1),
        department=department,
        staff=partners.coordinator,
        partner=partners.care,
    )
    other = complaint(
        received_on=dt.date(2025, 5, 2),
        department=department,
        staff=partners.coordinator,
        partner=partners.taxes,
    )
    none = complaint(received_on=dt.date(2025, 5, 3), department=department, staff=partners.coordinator)
    client.force_login(partners.care_user)

    page = client.get(reverse("complaints:list")).content.decode()

    assert own.reference in page
    assert other.reference not in page and none.reference not in page
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(none.get_absolute_url()).status_code == 404


def test_a_partner_user_uploads_its_figures_on_the_page_and_sees_them(client, partners):
    client.force_login(partners.care_user)
    assert "Sociaal Wijkteam" in client.get(UPLOAD).content.decode()

    data = figures_file("Sociaal Wijkteam;2024-01-01;2024-12-31;30;28;4;5;10;20")
    response = client.post(UPLOAD, {"file": _file(data)}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("partners:partner", kwargs={"pk": partners.care.pk})
    page = response.content.decode()
    assert "Cijfers over 1 periode opgeslagen voor Sociaal Wijkteam." in page
    assert "1 januari 2024 \u2013 31 december 2024" in page
    assert PartnerFigures.objects.get().reported_by == partners.care_user
    # Another partner's page does not exist for it, the overview leads to its own page.
    assert client.get(reverse("partners:partner", kwargs={"pk": partners.taxes.pk})).status_code == 404
    assert client.get(OVERVIEW).url == reverse("partners:partner", kwargs={"pk": partners.care.pk})


def test_a_bad_file_on_the_page_lists_every_error_and_stores_nothing(client, partners):
    client.force_login(partners.taxes_user)
    data = figures_file(
        "Sociaal Wijkteam;2025-01-01;2025-03-31;4;4;0;0;0;0",
        "Belastingsamenwerking West;2025-01-01;2025-03-31;4;9;0;0;0;0",
    )
    response = client.post(UPLOAD, {"file": _file(data)})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Het bestand is niet opgeslagen" in page
    assert "Verbeter deze 2 fouten in het bestand" in page
    assert "rij 2, kolom partner: u mag alleen cijfers aanleveren voor uw eigen partner" in page
    assert "rij 3, kolom afgehandeld: meer dan ontvangen (4)" in page
    assert not PartnerFigures.objects.exists()


def test_a_correction_on_the_page_keeps_the_earlier_figures_in_view(client, partners):
    upload(
        figures_file("Belastingsamenwerking West;2025-01-01;2025-03-31;40;38;5;3;20;30"), partners.taxes_user
    )
    client.force_login(partners.accounthouder)
    corrected = figures_file("Belastingsamenwerking West;2025-01-01;2025-03-31;44;40;6;3;20;31")

    refused = client.post(UPLOAD, {"file": _file(corrected)})
    assert "kies ervoor de eerdere cijfers te vervangen" in refused.content.decode()
    client.post(UPLOAD, {"file": _file(corrected), "replace": "on"})

    page = client.get(reverse("partners:partner", kwargs={"pk": partners.taxes.pk})).content.decode()
    assert page.count('data-replaced="yes"') == 1 and page.count('data-replaced="no"') == 1
    assert "vervangen op 20 mei 2025 door" in page


def test_the_accounthouder_sees_the_overdue_report_and_records_a_conversation(client, partners):
    upload(figures_file("Belastingsamenwerking West;2024-10-01;2024-12-31;4;4;0;0;0;0"), partners.taxes_user)
    client.force_login(partners.accounthouder)

    page = client.get(OVERVIEW).content.decode()

    row = page[page.index('data-partner="Belastingsamenwerking West"') :]
    row = row[: row.index("</tr>")]
    assert 'data-state="overdue"' in row
    assert "rapportage te laat: 1 januari 2025 tot en met 31 maart 2025, uiterlijk 12 mei 2025" in row
    assert "Sociaal Wijkteam" not in page  # not theirs

    url = reverse("partners:conversation", kwargs={"pk": partners.taxes.pk})
    response = client.post(
        url,
        {
            "held_on": "2025-05-15",
            "participants": "accounthouder, teamleider",
            "agreements": "Elk kwartaal cijfers.",
        },
        follow=True,
    )
    assert "Het gesprek is vastgelegd." in response.content.decode()
    assert "Elk kwartaal cijfers." in response.content.decode()
    assert PartnerConversation.objects.get().recorded_by == partners.accounthouder


def test_a_partner_user_cannot_record_a_conversation_or_see_them(client, partners):
    client.force_login(partners.taxes_user)
    url = reverse("partners:conversation", kwargs={"pk": partners.taxes.pk})
    response = client.post(url, {"held_on": "2025-05-15", "participants": "x", "agreements": "y"})
    assert response.status_code == 403
    assert not PartnerConversation.objects.exists()


def test_a_conversation_without_agreements_is_refused_next_to_the_field(client, partners):
    client.force_login(partners.accounthouder)
    url = reverse("partners:conversation", kwargs={"pk": partners.taxes.pk})
    response = client.post(url, {"held_on": "2025-05-15", "participants": "x", "agreements": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["overview", "partner"])
def test_pages_take_the_same_queries_for_few_or_many(client, partners, page):
    client.force_login(partners.coordinator)
    url = OVERVIEW if page == "overview" else reverse("partners:partner", kwargs={"pk": partners.taxes.pk})
    upload(figures_file("Belastingsamenwerking West;2024-10-01;2024-12-31;4;4;0;0;0;0"), partners.taxes_user)
    few = _queries(client, url)

    for number in range(8):
        extra = PartnerFactory(name=f"Extra partner {number}", reporting_way="figures")
        extra.accounthouders.add(partners.coordinator, partners.accounthouder)
    rows = [f"Belastingsamenwerking West;{y}-01-01;{y}-12-31;4;4;0;0;0;0" for y in range(2015, 2024)]
    upload(figures_file(*rows), partners.taxes_user)
    for day in range(1, 6):
        PartnerConversation.objects.create(
            partner=partners.taxes,
            held_on=dt.date(2025, 1, day),
            participants="x",
            agreements="y",
            recorded_at=dt.datetime(2025, 1, day, tzinfo=dt.UTC),
            recorded_by=partners.coordinator,
        )
    assert _queries(client, url) == few
