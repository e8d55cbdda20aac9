"""Letter text from a template, and the letter as PDF and as Word document with the letterhead.

Templates use Django's template language on plain values (see ``context.py``) with no loaders and
no tag libraries, so an edited template can neither read files nor call code. The text is plain:
paragraphs are separated by a blank line. The PDF is made by WeasyPrint from
``letters/letter_pdf.html`` (the municipality's name, address, logo and colour); it may fetch no
resource but inline ``data:`` URLs. The Word document is made with python-docx, with the same
letterhead in the page header, so a handler can adapt a letter for post.
"""

from __future__ import annotations

import base64
import io
from typing import Any

import filetype
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import Node, VariableNode
from django.template.defaulttags import DebugNode, ForNode
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Municipality

from . import docx_letter
from .context import REQUIRED_VARIABLES, VARIABLES, LetterError, sender_email
from .paragraphs import PARAGRAPH_BREAK, paragraphs
from .templatetags.theme import theme_properties

ENGINE = Engine(dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, debug=False)
LOGO_TYPES = {"image/png", "image/jpeg", "image/gif"}


def _nodes(template_text: str) -> list[Node]:
    try:
        template = ENGINE.from_string(template_text)
        return list(template.nodelist.get_nodes_by_type(Node))
    except TemplateSyntaxError as error:
        message = str(error)
    except Exception as error:  # e.g. conditions nested too deep: refused, never a 500
        message = type(error).__name__
    raise LetterError(
        _("The text contains an error in the template language: %(error)s") % {"error": message},
        code="syntax",
    )


def used_variables(template_text: str) -> tuple[set[str], set[str]]:
    """The variables a template prints or loops over, and the names its loops introduce."""
    used: set[str] = set()
    loop_names: set[str] = {"forloop"}
    for node in _nodes(template_text):
        if isinstance(node, DebugNode):
            raise LetterError(_("The tag {% debug %} is not allowed in letters."), code="debug")
        expression: Any = None
        if isinstance(node, VariableNode):
            expression = node.filter_expression
        elif isinstance(node, ForNode):
            expression = node.sequence
            loop_names.update(node.loopvars)
        lookups = getattr(getattr(expression, "var", None), "lookups", None)
        if lookups:
            used.add(lookups[0])
    return used, loop_names


def validate_template(kind: str, subject: str, body: str) -> None:
    """Refuse a template with a syntax error, an unknown variable or without a required variable."""
    subject_used, subject_loops = used_variables(subject)
    body_used, body_loops = used_variables(body)
    unknown = sorted((subject_used | body_used) - set(VARIABLES) - subject_loops - body_loops)
    errors = [
        _("Unknown variable: {{ %(name)s }}. Choose one from the list of variables.") % {"name": name}
        for name in unknown
    ]
    missing = sorted(REQUIRED_VARIABLES.get(kind, set()) - body_used - subject_used)
    errors += [_("This kind of letter must contain {{ %(name)s }}.") % {"name": name} for name in missing]
    if errors:
        raise LetterError(errors, code="template")


def render_text(template_text: str, context: dict[str, Any]) -> str:
    """Fill in a template; the result is plain text with tidy paragraphs."""
    try:
        text = ENGINE.from_string(template_text).render(Context(context, autoescape=False))
    except LetterError:
        raise
    except Exception as error:  # a filter used wrongly in an edited template must not become a 500
        raise LetterError(
            _("The template could not be filled in: %(error)s") % {"error": error}, code="render"
        ) from error
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return PARAGRAPH_BREAK.sub("\n\n", "\n".join(lines)).strip()


def body_html(text: str) -> SafeString:
    """Plain letter text as escaped HTML paragraphs, line breaks kept."""
    return mark_safe("".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs(text)))


def logo_data_uri(municipality: Municipality) -> str:
    """The logo inlined as a data: URL (PNG, JPEG or GIF), or '' when there is none or it is unreadable."""
    if not municipality.logo:
        return ""
    try:
        with municipality.logo.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return ""
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in LOGO_TYPES:
        return ""
    return f"data:{kind.mime};base64,{base64.b64encode(data).decode('ascii')}"


def letter_html(letter: Any, municipality: Municipality, *, logo: str | None = None) -> str:
    """The letter as the HTML page the PDF is printed from (also shown as preview)."""
    return render_to_string(
        "letters/letter_pdf.html",
        {
            "letter": letter,
            "municipality": municipality,
            "sender_email": sender_email(municipality),
            "logo": logo_data_uri(municipality) if logo is None else logo,
            "body": body_html(letter.body),
            "colour": theme_properties(municipality.primary_colour)["link"],
        },
    )


def render_pdf(letter: Any, municipality: Municipality) -> bytes:
    import weasyprint

    fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"data"})
    html = weasyprint.HTML(string=letter_html(letter, municipality), url_fetcher=fetcher)
    pdf: bytes = html.write_pdf()
    return pdf


def render_docx(letter: Any, municipality: Municipality) -> bytes:
    return docx_letter.build(letter, municipality, logo=logo_data_uri(municipality))


def as_file(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)
