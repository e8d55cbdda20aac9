"""What an upload may cost the server: a zip bomb on the public form, a body larger than any form takes."""

import random
import tracemalloc

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from klachtwijzer.complaints.attachments import MAX_FILES, MAX_SIZE
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.complaints.tests.zips import GIB, odt, odt_bomb

from .test_form import URL, VALID

pytestmark = pytest.mark.django_db
MIB = 1024 * 1024


def post_measured(client, data) -> tuple[object, int]:
    """POST ``data`` to the public form; the response and the most memory Python held meanwhile."""
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        response = client.post(URL, data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, peak - before


def test_an_odt_that_inflates_to_a_gigabyte_costs_no_more_than_an_honest_file_of_its_size(
    client, municipality
):
    bomb = odt_bomb(GIB)
    assert len(bomb) < 1.1 * MIB  # a 1 MB file that unpacks to 1 GiB
    honest = odt(picture=random.Random(7).randbytes(len(bomb)))

    post_measured(client, {**VALID, "attachments": [SimpleUploadedFile("warm-up.pdf", b"not a pdf")]})

    response, peak = post_measured(client, {**VALID, "attachments": [SimpleUploadedFile("brief.odt", bomb)]})
    assert not Complaint.objects.exists()
    _, honest_peak = post_measured(client, {**VALID, "attachments": [SimpleUploadedFile("foto.odt", honest)]})
    assert Complaint.objects.count() == 1

    # What a request costs is the upload and the copies the request machinery makes of it, not the gigabyte.
    assert peak < len(bomb) + 4 * MIB
    assert peak < honest_peak + MIB
    html = response.content.decode()
    assert response.status_code == 200
    assert "brief.odt" in html and "veel groter worden dan het bestand zelf" in html


def test_an_honest_odt_is_still_accepted(client, municipality):
    response = client.post(URL, {**VALID, "attachments": [SimpleUploadedFile("brief.odt", odt())]})

    assert response.status_code == 302
    assert Complaint.objects.get().attachments.get().content_type == "application/vnd.oasis.opendocument.text"


def test_a_body_larger_than_any_form_takes_is_refused_before_it_is_read(client, municipality):
    announced = settings.REQUEST_MAX_SIZE + 1

    # The body announces more than it holds: had the form been parsed, reading would fail, not answer 413.
    response = client.generic(
        "POST",
        URL,
        b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(announced),
    )

    html = response.content.decode()
    assert response.status_code == 413
    assert "Wat u stuurt is te groot" in html and "51,0" in html
    assert not Complaint.objects.exists()


def test_the_limit_leaves_room_for_the_largest_honest_complaint():
    assert settings.REQUEST_MAX_SIZE >= MAX_FILES * MAX_SIZE + MIB
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * MIB
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * MIB
