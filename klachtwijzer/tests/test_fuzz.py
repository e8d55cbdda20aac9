"""Every endpoint fuzzed with hostile input as every role: no 500, no reflected payload, nothing half-stored.

The URL patterns are enumerated from the resolver: an endpoint that is neither in ``FUZZED`` nor in
``EXCLUDED`` (with the reason) fails ``test_every_endpoint_is_fuzzed_or_excluded``, so a new page cannot be
forgotten. The demo data is loaded once for the module (rolled back after it); every example runs in a
savepoint that is rolled back, so one example's changes never reach the next.

Per example hypothesis picks a role (anonymous or one of the demo users), GET or POST, path parameters
(a valid one, one from the other department, one that does not exist, a hostile string) and form data
(huge strings, control characters, NUL, RTL overrides, emoji, SQL and HTML payloads, formula prefixes,
broken dates, huge numbers, lists for duplicated keys, unknown choices, missing keys). Asserted:

- the status is below 500;
- the HTML payload marker never comes back unescaped;
- a response that is not a redirect (a refusal, a form with messages, a page) leaves every table
  unchanged except the access log, the sessions and the OTP devices that logging in touches.

``HYPOTHESIS_PROFILE=fuzz`` runs many more examples than the CI default (``KW_FUZZ_EXAMPLES`` sets
the number per endpoint in that profile); ``KW_FUZZ_COUNTS=path`` writes the number of cases tried per
endpoint group to a JSON file, for the table in docs/security.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 14, 15, tzinfo=dt.UTC)

settings.register_profile(
    "fuzz-ci",
    max_examples=int(os.environ.get("KW_FUZZ_CI_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("KW_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
PROFILE = settings.get_profile("fuzz" if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else "fuzz-ci")

MARKER = "<script>kwfuzz()</script>"
PAYLOADS = [
    MARKER,
    f'"><img src=x onerror=alert(1)>{MARKER}',
    "' OR 1=1 --",
    "'; DROP TABLE complaints_complaint; --",
    '=HYPERLINK("http://evil")',
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\x1b[31m\x07\x08",
    "😀👩‍👩‍👧‍👦",
    "0000-00-00",
    "2026-02-30",
    "99999-01-01",
    "31-12-2024",
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "true",
    "on",
    "unknown-choice",
    "../../etc/passwd",
    "%00",
    "",
    " ",
    "x" * 100_000,
]
VALUES = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=dt.date(1, 1, 1)).map(lambda d: d.isoformat()),
)
FIELD_VALUES = st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3))
ROLES = [
    None,
    "coordinator",
    "behandelaar",
    "behandelaar2",
    "manager",
    "partner",
    "beheerder",
    "bestuurder",
    "archief",
    "privacy",
]
HOSTILE_PARAMS = ["999999", "0", "-1", "x" * 300, "a%00b", "<script>", "VBD-0000-9999"]

# Tables a response may touch without storing anything the user asked for.
# django-two-factor-auth's page of recovery codes makes the (empty) static device on a GET.
NOT_SNAPSHOTTED = {
    "complaints.personaldataaccess",
    "sessions.session",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
}

EXCLUDED = {
    "admin:*": "Django's admin, for the administrator only; its forms are Django's own and tested there",
    "two_factor:qr": "an image of the secret being set up, only inside the setup wizard's session",
    "django.contrib.admin.sites.AdminSite.catch_all_view": "the admin's 404 for unknown admin pages",
    "oidc_authentication_callback": "404 while single sign-on is not configured (test_single_sign_on)",
    "oidc_authentication_init": "404 while single sign-on is not configured (test_single_sign_on)",
}


def _names(resolver: URLResolver, prefix: str = "") -> list[str]:
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            found += _names(pattern, namespace)
        elif isinstance(pattern, URLPattern):
            found.append(f"{prefix}{pattern.name}" if pattern.name else pattern.lookup_str)
    return found


def all_endpoints() -> list[str]:
    return sorted(set(_names(get_resolver())))


def _is_excluded(name: str) -> bool:
    return name in EXCLUDED or any(key.endswith(":*") and name.startswith(key[:-1]) for key in EXCLUDED)


def _pick(model: str, field: str = "pk") -> list[str]:
    model_class = apps.get_model(model)
    values = model_class.objects.values_list(field, flat=True)
    # The oldest and the newest: a closed complaint's status link has expired, a recent one's works.
    return [str(value) for value in [*values.order_by("pk")[:1], *values.order_by("-pk")[:1]]]


def candidate_kwargs(name: str) -> list[dict[str, str]]:
    """Path parameters for an endpoint: valid ones from the demo data, then hostile ones."""
    from klachtwijzer.complaints.models import Complaint
    from klachtwijzer.complaints.views import STEPS_BY_SLUG
    from klachtwijzer.learning.forms import ACTION_STEPS
    from klachtwijzer.letters.models import LetterKind

    if name in UNNAMED:
        return [{}]
    pattern = _pattern(name)
    params = list(pattern.pattern.converters)
    if not params:
        return [{}]
    references = _pick("complaints.Complaint", "reference")
    other_department = list(
        Complaint.objects.exclude(department__name="Burgerzaken").values_list("reference", flat=True)[:1]
    )
    letters = list(apps.get_model("letters.Letter").objects.values_list("complaint__reference", "pk")[:2])
    attachments = list(
        apps.get_model("complaints.Attachment").objects.values_list("complaint__reference", "pk")[:2]
    )
    tokens = _pick("complaints.Complaint", "public_token")
    valid: dict[str, list[str]] = {
        "reference": references + other_department,
        "slug": sorted(STEPS_BY_SLUG) if name.startswith("complaints:") else sorted(ACTION_STEPS),
        "fmt": ["csv", "xlsx", "pdf", "docx", "json", "html"],
        "year": ["2024", "2025", "1900", "9999"],
        "kind": list(LetterKind.values),
        "token": tokens,
        "number": ["1", "2"],
        "name": ["jaarverslag.pdf", "jaarverslag.docx"],
    }
    if name.startswith("learning:"):
        model = {"point": "LearningPoint", "change_point": "LearningPoint", "theme": "Theme"}.get(
            name.split(":")[1], "ImprovementAction"
        )
        valid["pk"] = _pick(f"learning.{model}")
    elif name.startswith("reporting:"):
        valid["pk"] = _pick("reporting.ReportJob")
    elif name == "complaints:retention_lift":
        valid["pk"] = _pick("complaints.LegalHold")
    elif name.startswith("complaints:retention"):
        valid["pk"] = _pick("complaints.DestructionList")
    else:
        valid["pk"] = [str(pk) for _ref, pk in letters]
    valid["attachment_id"] = [str(pk) for _ref, pk in attachments]
    combos: list[dict[str, str]] = []
    # The other path parameters (a letter's format, say) keep their first valid value.
    base = {param: (valid.get(param) or ["1"])[0] for param in params}
    if "reference" in params and "pk" in params and letters:
        combos += [{**base, "reference": ref, "pk": str(pk)} for ref, pk in letters]
    if "attachment_id" in params and attachments:
        combos += [{**base, "reference": ref, "attachment_id": str(pk)} for ref, pk in attachments]
    width = max([len(valid.get(param, [])) for param in params] + [1])
    for index in range(width):
        combo = {}
        for param in params:
            values = valid.get(param) or ["1"]
            combo[param] = values[index % len(values)]
        combos.append(combo)
    for hostile in HOSTILE_PARAMS:
        combos.append(dict.fromkeys(params, hostile))
    return combos


def _pattern(name: str) -> URLPattern:
    resolver = get_resolver()
    *namespaces, leaf = name.split(":")
    for namespace in namespaces:
        resolver = next(
            p for p in resolver.url_patterns if isinstance(p, URLResolver) and p.namespace == namespace
        )

    def find(res: URLResolver) -> URLPattern | None:
        for pattern in res.url_patterns:
            if isinstance(pattern, URLPattern) and pattern.name == leaf:
                return pattern
            if isinstance(pattern, URLResolver) and not pattern.namespace:
                found = find(pattern)
                if found:
                    return found
        return None

    found = find(resolver)
    assert found, name
    return found


# Patterns without a name, by their view.
UNNAMED = {"django.views.generic.base.RedirectView": "/beheer/login/"}


def url_for(name: str, kwargs: dict[str, str]) -> str:
    if name in UNNAMED:
        return UNNAMED[name]
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        # A hostile value the converter refuses: the resolver answers 404 without the view.
        return reverse(name, kwargs=candidate_kwargs(name)[0]) + "?" + "p=" + "x" * 10


FUZZED = [name for name in all_endpoints() if not _is_excluded(name)]


def group_of(name: str) -> str:
    return name.split(":")[0] if ":" in name else "accounts"


COUNTS: Counter[str] = Counter()
STATUSES: Counter[tuple[str, int]] = Counter()


def _snapshot() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in NOT_SNAPSHOTTED or not model._meta.managed:
            continue
        counts[label] = model._base_manager.count()
    return counts


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from klachtwijzer.complaints.demo import load_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with time_machine.travel(NOW, tick=False):
                load_demo(per_year=10)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_every_endpoint_is_fuzzed_or_excluded(demo):
    endpoints = all_endpoints()
    assert set(FUZZED) | {name for name in endpoints if _is_excluded(name)} == set(endpoints)
    assert len(FUZZED) > 40, FUZZED
    # Every endpoint that is not excluded gets a URL the fuzz can call, with its path parameters.
    assert all(url_for(name, candidate_kwargs(name)[0]).startswith("/") for name in FUZZED)
    stale = [key for key in EXCLUDED if not key.endswith(":*") and key not in endpoints]
    assert not stale, f"excluded endpoints that no longer exist: {stale}"


def _form_data(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


FIELD_NAMES = st.sampled_from(
    [
        "q",
        "status",
        "department",
        "page",
        "year",
        "search",
        "name",
        "email",
        "description",
        "wish",
        "received_on",
        "date",
        "judgement",
        "reasoning",
        "nature",
        "subject",
        "body",
        "text",
        "state",
        "title",
        "theme",
        "department_id",
        "from",
        "to",
        "period",
        "sort",
        "format",
        "csrfmiddlewaretoken",
        "login_view-current_step",
        "auth-username",
        "auth-password",
        "token-otp_token",
    ]
)


@pytest.mark.parametrize("name", FUZZED)
def test_endpoint_survives_hostile_input(demo, name):
    from klachtwijzer.accounts.models import User

    users = {user.username: user for user in User.objects.all()}
    combos = candidate_kwargs(name)
    form_fields = _field_names(name)

    @PROFILE
    @given(
        role=st.sampled_from(ROLES),
        method=st.sampled_from(["get", "post"]),
        combo=st.sampled_from(combos),
        data=st.dictionaries(
            st.one_of(st.sampled_from(form_fields or ["q"]), FIELD_NAMES), FIELD_VALUES, max_size=8
        ),
    )
    def fuzz(role, method, combo, data):
        _request_once(name, users, role, method, combo, data)

    fuzz()


def _request_once(name, users, role, method, combo, data) -> int:
    COUNTS[group_of(name)] += 1
    with transaction.atomic():
        client = Client(raise_request_exception=False)
        if role:
            client.force_login(users[role])
        before = _snapshot()
        url = url_for(name, combo)
        response = getattr(client, method)(url, _form_data(data))
        STATUSES[group_of(name), response.status_code] += 1
        assert response.status_code < 500, (role, method, url, data)
        body = b"" if response.streaming else response.content
        assert MARKER.encode() not in body, (role, method, url)
        if response.status_code not in (301, 302, 303):
            assert _snapshot() == before, (role, method, url, data, response.status_code)
        transaction.set_rollback(True)
    return response.status_code


# The forms and filters a role uses every day, fuzzed as that role with valid path parameters, so the
# hostile values reach the form validation rather than the access check.
FOCUSED = [
    ("letters:edit_template", "coordinator", "post"),
    ("letters:compose", "behandelaar", "post"),
    ("complaints:register", "coordinator", "post"),
    ("complaints:step", "coordinator", "post"),
    ("complaints:list", "coordinator", "get"),
    ("complaints:list", "partner", "get"),
    ("complaints:list_export", "coordinator", "get"),
    ("dashboard:index", "bestuurder", "get"),
    ("dashboard:index", "coordinator", "get"),
    ("dashboard:export", "coordinator", "get"),
    ("reporting:report", "coordinator", "get"),
    ("reporting:texts", "coordinator", "post"),
    ("learning:new_action", "manager", "post"),
    ("learning:record_point", "behandelaar", "post"),
    ("learning:points", "coordinator", "get"),
    ("learning:actions", "manager", "get"),
    ("learning:action_step", "manager", "post"),
    ("intake:add_information", None, "post"),
    ("complaints:retention_hold", "archief", "post"),
    ("complaints:retention", "archief", "get"),
    ("complaints:access_log", "privacy", "get"),
]


@pytest.mark.parametrize(("name", "role", "method"), FOCUSED)
def test_allowed_role_gets_through_to_the_form(demo, name, role, method):
    from klachtwijzer.accounts.models import User

    users = {user.username: user for user in User.objects.all()}
    valid = [combo for combo in candidate_kwargs(name) if not set(combo.values()) & set(HOSTILE_PARAMS)]
    form_fields = _field_names(name)
    seen = Counter()

    @PROFILE
    @given(
        combo=st.sampled_from(valid),
        data=st.dictionaries(
            st.one_of(st.sampled_from(form_fields or ["q"]), FIELD_NAMES), FIELD_VALUES, max_size=8
        ),
    )
    def fuzz(combo, data):
        seen[_request_once(name, users, role, method, combo, data)] += 1

    fuzz()
    assert seen[403] < sum(seen.values()), f"{role} never got past the access check: {seen}"


def _field_names(name: str) -> list[str]:
    """The real field names of the forms an endpoint renders, so the fuzz reaches the validation."""
    from klachtwijzer.complaints.views import STEPS_BY_SLUG

    if name == "complaints:step":
        return [f"{slug}-{field}" for slug, form in STEPS_BY_SLUG.items() for field in form.base_fields]
    module = {
        "complaints": "klachtwijzer.complaints.forms",
        "intake": "klachtwijzer.intake.forms",
        "letters": "klachtwijzer.letters.forms",
        "learning": "klachtwijzer.learning.forms",
        "reporting": "klachtwijzer.reporting.forms",
    }.get(group_of(name))
    if not module:
        return []
    import importlib

    from django import forms

    try:
        forms_module = importlib.import_module(module)
    except ImportError:
        return []
    fields: set[str] = set()
    for value in vars(forms_module).values():
        if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module:
            fields |= set(value.base_fields)
            prefix = getattr(value, "prefix", None) or getattr(value, "slug", None)
            if prefix:
                fields |= {f"{prefix}-{field}" for field in value.base_fields}
    return sorted(fields)


def teardown_module():
    path = os.environ.get("KW_FUZZ_COUNTS")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            statuses = {f"{group} {status}": n for (group, status), n in sorted(STATUSES.items())}
            json.dump({"cases": dict(sorted(COUNTS.items())), "statuses": statuses}, out, indent=1)


# The register import (complaints/register.py) and the public form with attachments, with the payloads
# above in every cell and field: the existing property tests keep to printable text.

CELL = st.one_of(st.sampled_from(PAYLOADS), VALUES)
HOSTILE_FILE_NAMES = [
    "../../../etc/passwd",
    "foto.png\x00.exe",
    "\u202egnp.exe",
    "=cmd|' /C calc'!A0.pdf",
    "<script>kwfuzz()</script>.pdf",
    "😀.pdf",
    "a" * 300 + ".pdf",
    "",
    ".pdf",
    "CON.pdf",
]
VALID_SUBMISSION = {
    "name": "Jan de Vries",
    "address": "Dorpsstraat 1",
    "postcode": "1234ab",
    "city": "Teststad",
    "email": "jan@example.nl",
    "description": "Ik werd aan de balie onvriendelijk te woord gestaan.",
    "conduct_on": "12-02-2025",
    "desired_outcome": "Excuses.",
}
WRONG_MAGIC = [b"MZ\x90\x00", b"%PDF", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"<html><script>", b""]


def _register_bytes(rows: list[list[str]], fmt: str) -> bytes:
    import csv
    import io

    from klachtwijzer.complaints.register_file import COLUMNS

    header = list(COLUMNS)
    if fmt == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode("utf-8", "surrogatepass")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        # openpyxl refuses control characters in cells; a spreadsheet cannot hold them either.
        sheet.append([value.translate(dict.fromkeys(range(32))) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_register_import_survives_hostile_cells(demo):
    import io

    from klachtwijzer.complaints.register import ImportSummary, RegisterError, import_register
    from klachtwijzer.complaints.register_file import COLUMNS

    @PROFILE
    @given(
        fmt=st.sampled_from(["csv", "xlsx"]),
        rows=st.lists(st.lists(CELL, min_size=len(COLUMNS), max_size=len(COLUMNS)), min_size=1, max_size=3),
    )
    def fuzz(fmt, rows):
        COUNTS["register import"] += 1
        with transaction.atomic():
            before = _snapshot()
            try:
                data = _register_bytes(rows, fmt)
            except UnicodeEncodeError:
                data = b"\xff\xfe garbage"
            try:
                result = import_register(io.BytesIO(data), filename=f"register.{fmt}")
            except RegisterError as error:
                assert error.errors and all(problem.message for problem in error.errors)
                assert _snapshot() == before
            else:
                assert isinstance(result, ImportSummary)
            transaction.set_rollback(True)

    fuzz()


def test_public_form_survives_hostile_fields_and_files(demo, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from klachtwijzer.intake.forms import ComplaintForm

    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1_000_000
    names = list(ComplaintForm.base_fields)

    @PROFILE
    @given(
        base=st.booleans(),
        data=st.dictionaries(st.sampled_from(names), FIELD_VALUES, max_size=len(names)),
        files=st.lists(
            st.tuples(
                st.sampled_from(HOSTILE_FILE_NAMES),
                st.sampled_from(WRONG_MAGIC),
                st.binary(max_size=64),
            ),
            max_size=3,
        ),
    )
    def fuzz(base, data, files):
        COUNTS["public form with attachments"] += 1
        data = {**(VALID_SUBMISSION if base else {}), **data}
        with transaction.atomic():
            before = _snapshot()
            uploads = [SimpleUploadedFile(name or "x", magic + rest) for name, magic, rest in files]
            payload = {**_form_data(data), "attachments": uploads} if uploads else _form_data(data)
            response = Client(raise_request_exception=False).post(reverse("intake:submit"), payload)
            assert response.status_code < 500
            assert MARKER.encode() not in response.content
            if response.status_code != 302:
                assert _snapshot() == before
            transaction.set_rollback(True)

    fuzz()
