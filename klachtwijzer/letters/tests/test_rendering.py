"""Letters as PDF and Word documents, read back as the recipient would read them."""

import io

import docx
import pytest
from pypdf import PdfReader

from klachtwijzer.complaints.tests.factories import received_complaint
from klachtwijzer.letters import composing, rendering
from klachtwijzer.letters.context import LetterError
from klachtwijzer.letters.models import LetterChannel, LetterKind
from klachtwijzer.letters.tests.builders import FINDINGS, MEASURES, REASONING, judged_complaint


def pdf_text(letter) -> str:
    with letter.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def docx_text(letter) -> str:
    with letter.docx.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    return " ".join(" ".join(parts).split())


def make(complaint, kind, user=None):
    recipient = composing.recipients_for(complaint, kind)[0]
    return composing.compose_letter(
        complaint, kind=kind, recipient=recipient, channel=LetterChannel.POST, acting_user=user
    )


@pytest.mark.django_db
def test_the_acknowledgement_names_the_reference_and_the_term_end_in_pdf_and_word(municipality):
    complaint = received_complaint(
        personal={"name": "J. de Vries", "address": "Dorpsstraat 1", "city": "Teststad"}
    )

    letter = make(complaint, LetterKind.ACKNOWLEDGEMENT)

    for text in (pdf_text(letter), docx_text(letter)):
        assert "Gemeente Teststad" in text  # the letterhead
        assert complaint.reference in text
        assert "15 april 2024" in text  # the end of the six-week term
        assert "J. de Vries" in text and "Dorpsstraat 1" in text
        assert "Ontvangstbevestiging van uw klacht" in text


@pytest.mark.django_db
def test_the_outcome_letter_has_findings_judgement_measures_and_the_ombudsman_clause(
    municipality, coordinator, handler, department
):
    complaint = judged_complaint(coordinator=coordinator, handler=handler, department=department)

    letter = make(complaint, LetterKind.OUTCOME, handler)

    assert letter.date == complaint.closed_on
    for text in (pdf_text(letter), docx_text(letter)):
        assert complaint.reference in text
        assert "10 april 2024" in text  # the letter's date is the closing date
        assert " ".join(FINDINGS.split()) in text
        assert REASONING in text and "Oordeel: gegrond" in text
        assert MEASURES in text
        assert "de Nationale ombudsman" in text
        assert "tot en met 10 april 2025" in text  # one year (Awb 9:24)
        assert "artikel 9:24" in text


@pytest.mark.django_db
def test_a_logo_appears_in_both_files(municipality):
    import base64

    from django.core.files.base import ContentFile

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    municipality.logo.save("logo.png", ContentFile(png))
    letter = make(received_complaint(), LetterKind.ACKNOWLEDGEMENT)

    with letter.docx.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    assert document.sections[0].header.part.related_parts  # the picture
    assert rendering.logo_data_uri(municipality).startswith("data:image/png;base64,")


@pytest.mark.parametrize(
    ("subject", "body", "message"),
    [
        ("Klacht {{ reference }}", "{% if %}", "fout in de sjabloontaal"),
        (
            "Klacht {{ reference }}",
            "{{ reference }} {{ term_ends_on }} {{ geheim }}",
            "Onbekende variabele: {{ geheim }}",
        ),
        ("Klacht", "Alleen {{ reference }}.", "moet {{ term_ends_on }} bevatten"),
        ("Klacht", "{{ reference }} {{ term_ends_on }} {% debug %}", "{% debug %}"),
        ("Klacht", "{% include 'base.html' %}{{ reference }} {{ term_ends_on }}", "{% include %}"),
        # Unbounded output: a loop in a loop, padding filters, tags that repeat text.
        (
            "Klacht",
            "{{ reference }} {{ term_ends_on }}{% for a in elements %}{% for b in elements %}x{% endfor %}"
            "{% endfor %}",
            "lus binnen een andere lus",
        ),
        ("Klacht", '{{ reference|rjust:"999999999" }} {{ term_ends_on }}', "filter |rjust"),
        (
            "Klacht",
            '{% if reference|center:"99999999" %}{% endif %}{{ reference }} {{ term_ends_on }}',
            "|center",
        ),
        ("Klacht", "{{ reference }} {{ term_ends_on }} {% lorem 999999 w %}", "{% lorem %}"),
        (
            "Klacht",
            '{{ reference }} {{ term_ends_on }} {% for c in "abc"|make_list %}{% endfor %}',
            "zonder filters",
        ),
    ],
)
def test_template_checks(subject, body, message):
    with pytest.raises(LetterError) as error:
        rendering.validate_template(LetterKind.ACKNOWLEDGEMENT, subject, body)
    assert any(message in text for text in error.value.messages)


def test_loop_variables_are_known():
    rendering.validate_template(
        LetterKind.OUTCOME,
        "Uitkomst {{ reference }}",
        "{{ reference }} {{ findings }}"
        " {% for e in elements %}{{ e.reasoning }} {{ forloop.counter }}{% endfor %}"
        " {{ measures }} {{ ombudsman_clause }}",
    )


def test_text_is_escaped_in_html():
    html = rendering.body_html("Eerste <b>alinea</b>.\nregel twee\n\n\n\nTweede & laatste")

    assert html == "<p>Eerste &lt;b&gt;alinea&lt;/b&gt;.<br>regel twee</p><p>Tweede &amp; laatste</p>"


def test_the_419_character_template_of_nested_loops_is_refused_on_save_and_when_filled_in():
    loops = "".join("{% for x" + str(n) + " in elements %}" for n in range(15))
    body = "{{ reference }} {{ term_ends_on }}" + loops + "Klacht! " + "{% endfor %}" * 15
    assert len(body) < 600

    with pytest.raises(LetterError, match="lus binnen een andere lus"):
        rendering.validate_template(LetterKind.ACKNOWLEDGEMENT, "Klacht {{ reference }}", body)
    with pytest.raises(LetterError, match="lus binnen een andere lus"):
        rendering.render_text(body, {"reference": "X", "term_ends_on": "Y", "elements": list(range(10))})


def test_a_filled_in_letter_longer_than_the_limit_is_refused():
    body = "{% for name in attachments %}{{ name }}{% endfor %}"

    with pytest.raises(LetterError, match=r"langer dan 100\.000 tekens"):
        rendering.render_text(body, {"attachments": ["x" * 1000] * 101})
    assert rendering.render_text(body, {"attachments": ["x" * 1000] * 99}).startswith("xxx")
