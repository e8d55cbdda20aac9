"""Every letter kind is signed on behalf of the governing body and names the handler as contact person
(Awb 9:12), in the PDF and in the Word document, in a layout a municipality signs."""

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from klachtwijzer.complaints.tests.factories import complaint_in_handling
from klachtwijzer.letters import rendering
from klachtwijzer.letters.context import sample_context
from klachtwijzer.letters.models import Letter, LetterChannel, LetterKind, RecipientRole
from klachtwijzer.letters.standard_texts import standard_text


def pdf_pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def docx_document(data: bytes):
    return docx.Document(io.BytesIO(data))


def docx_text(data: bytes) -> str:
    return " ".join(" ".join(p.text for p in docx_document(data).paragraphs).split())


@pytest.fixture
def signed_municipality(municipality):
    municipality.signatory_name = "mr. A. Jansen"
    municipality.signatory_function = "gemeentesecretaris"
    municipality.phone = "14 071"
    municipality.save()
    return municipality


@pytest.fixture
def complaint(signed_municipality, coordinator, handler, department):
    handler.first_name, handler.last_name = "Petra", "Smit"
    handler.email = "p.smit@teststad.nl"
    handler.phone = "071 516 0000"
    handler.save()
    return complaint_in_handling(coordinator=coordinator, handler=handler, department=department)


def letter_of(kind: str, complaint, municipality, body: str | None = None) -> Letter:
    subject, template = standard_text(kind)
    values = sample_context(municipality)
    return Letter(
        complaint=complaint,
        kind=kind,
        date=dt.date(2025, 3, 3),
        recipient_role=RecipientRole.COMPLAINANT,
        recipient_name="J. de Vries",
        subject=rendering.render_text(subject, values),
        body=rendering.render_text(template, values) if body is None else body,
        channel=LetterChannel.POST,
    )


SIGNED = [
    "Met vriendelijke groet,",
    "namens het college van burgemeester en wethouders",
    "Gemeente Teststad",
    "mr. A. Jansen",
    "gemeentesecretaris",
]
CONTACT = ["Petra Smit", "071 516 0000", "p.smit@teststad.nl"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_letter_kind_has_the_signature_block_and_the_contact_person_in_pdf_and_word(
    kind, complaint, signed_municipality
):
    letter = letter_of(kind, complaint, signed_municipality)

    pdf = " ".join(pdf_pages(rendering.render_pdf(letter, signed_municipality)))
    word = docx_text(rendering.render_docx(letter, signed_municipality))

    for text in (pdf, word):
        for line in SIGNED + CONTACT:
            assert line in text, (kind, line)
        # signed once: the template's own closing gives way to the signature block
        assert text.count("Met vriendelijke groet") == 1, kind


@pytest.mark.django_db
def test_without_a_handler_the_municipality_is_the_contact(signed_municipality, coordinator):
    from klachtwijzer.complaints.tests.factories import received_complaint

    letter = letter_of(LetterKind.ACKNOWLEDGEMENT, received_complaint(), signed_municipality)

    text = docx_text(rendering.render_docx(letter, signed_municipality))

    assert "Neem bij vragen over deze brief contact op met: Gemeente Teststad" in text
    assert "14 071" in text


@pytest.mark.django_db
def test_headings_are_bold_and_the_word_document_uses_one_font_family(complaint, signed_municipality):
    letter = letter_of(LetterKind.ACKNOWLEDGEMENT, complaint, signed_municipality)

    html = rendering.letter_html(letter, signed_municipality)
    document = docx_document(rendering.render_docx(letter, signed_municipality))

    assert '<strong class="heading">Wat gebeurt er nu?</strong>' in html
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "Wat gebeurt er nu?" in bold
    assert "Ik lees" not in bold
    fonts = {
        value
        for element in document.element.iter()
        for name, value in element.attrib.items()
        if name.endswith("}ascii") or name.endswith("}hAnsi")
    }
    fonts |= {
        value
        for element in document.styles.element.iter()
        for name, value in element.attrib.items()
        if name.endswith("}ascii") or name.endswith("}hAnsi")
    }
    assert fonts == {rendering.LETTER_FONT}
    theme_fonts = [
        name
        for element in document.styles.element.iter()
        for name in element.attrib
        if name.endswith("Theme")
    ]
    assert theme_fonts == []


@pytest.mark.django_db
def test_the_pdf_embeds_one_font_family(complaint, signed_municipality):
    letter = letter_of(LetterKind.OUTCOME, complaint, signed_municipality)

    reader = PdfReader(io.BytesIO(rendering.render_pdf(letter, signed_municipality)))

    families = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            families.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    # regular and bold faces of the one family, nothing else
    assert families and all(
        name.startswith("DejaVu-Sans") or name.startswith("DejaVuSans") for name in families
    ), families


@pytest.mark.django_db
def test_the_signature_never_stands_alone_on_a_near_empty_last_page(complaint, signed_municipality):
    paragraph = "Dit is een alinea van de brief die precies een regel beslaat op het papier."
    count = 20
    while True:  # add paragraphs until the letter just overflows its first page
        body = "\n\n".join(f"{paragraph} ({number})" for number in range(1, count + 1))
        letter = letter_of(LetterKind.OUTCOME, complaint, signed_municipality, body=body)
        pages = pdf_pages(rendering.render_pdf(letter, signed_municipality))
        if len(pages) > 1:
            break
        count += 1
        assert count < 80

    assert len(pages) == 2
    assert f"({count})" in pages[-1]  # the last paragraph went along with the signature
    assert "mr. A. Jansen" in pages[-1] and "Petra Smit" in pages[-1]
