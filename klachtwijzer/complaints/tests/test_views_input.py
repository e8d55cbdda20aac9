"""No input makes a back-office page answer 500: filters, every step's form, the intake form.

Property-based: hypothesis sends each field strings, numbers, broken and extreme dates, NUL bytes and
lists; the page answers with the form and its Dutch messages (200), a redirect after a step it took
(302) or, for a step its state does not allow, the form with the reason.
"""

import datetime as dt
import os

import pytest
import time_machine
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klachtwijzer.complaints.forms import ComplaintFilterForm, RegisterComplaintForm
from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, TODAY, Organisation, step_url
from klachtwijzer.complaints.views import STEPS_BY_SLUG

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "99999999999999999999999",
    "1.5",
    "2024-02-30",
    "2024-06-03",
    "2024-05-06",
    "0001-01-01",
    "9999-12-31",
    "31-12-2024",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "open",
    "overdue",
    "awb",
    "formeel",
    "gegrond",
    "1b",
    "waived",
    "on",
    "x" * 5000,
]
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=dt.date(1, 1, 1)).map(lambda d: d.isoformat()),
)
FIELD_VALUES = st.one_of(VALUES, st.lists(VALUES, max_size=3))
SETTINGS = settings(
    max_examples=int(os.environ.get("KW_HYPOTHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


def _data(names, values):
    return dict(zip(names, values, strict=True))


FILTER_FIELDS = [*ComplaintFilterForm.base_fields, "na", "voor"]


def test_any_filter_input_answers_200(client, org):
    org.own_complaint()
    client.force_login(org.coordinator)

    @SETTINGS
    @given(values=st.lists(FIELD_VALUES, min_size=len(FILTER_FIELDS), max_size=len(FILTER_FIELDS)))
    def get(values):
        assert client.get(reverse("complaints:list"), _data(FILTER_FIELDS, values)).status_code == 200

    get()


@pytest.mark.parametrize("slug", sorted(STEPS_BY_SLUG))
def test_any_step_input_answers_without_error(client, org, slug):
    complaint = org.own_complaint()
    form_class = STEPS_BY_SLUG[slug]
    names = [f"{slug}-{name}" for name in form_class.base_fields]
    client.force_login(org.coordinator)

    @SETTINGS
    @given(values=st.lists(FIELD_VALUES, min_size=len(names), max_size=len(names)))
    def post(values):
        response = client.post(step_url(complaint, slug), _data(names, values))
        assert response.status_code in (200, 302)

    post()


def test_any_judgement_input_answers_without_error(client, org):
    complaint = org.own_complaint()
    element = complaint.elements.create(position=1, summary="Onderdeel")
    url = reverse("complaints:judge_element", args=[complaint.reference, element.pk])
    names = [f"beoordelen-{element.pk}-{name}" for name in ("judgement", "reasoning", "nature")]
    client.force_login(org.coordinator)

    @SETTINGS
    @given(values=st.lists(FIELD_VALUES, min_size=3, max_size=3))
    def post(values):
        assert client.post(url, _data(names, values)).status_code in (200, 302)

    post()


REGISTER_FIELDS = [name for name in RegisterComplaintForm.base_fields if name != "attachments"]


def test_any_intake_input_answers_without_error(client, org):
    client.force_login(org.handler)

    @SETTINGS
    @given(values=st.lists(FIELD_VALUES, min_size=len(REGISTER_FIELDS), max_size=len(REGISTER_FIELDS)))
    def post(values):
        response = client.post(reverse("complaints:register"), _data(REGISTER_FIELDS, values))
        assert response.status_code in (200, 302)

    post()
