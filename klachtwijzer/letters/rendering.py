"""Letter text from a template, and the letter as PDF and as Word document with the letterhead.

Templates use Django's template language on plain values (see ``context.py``) with no loaders and
no tag libraries, so an edited template can neither read files nor call code. Their output is
bounded: only the tags ``if``, ``for``, ``with``, ``now`` and ``comment`` and the filters in
``ALLOWED_FILTERS`` (none that pads or repeats text), no loop inside a loop, a loop only over a list
the letter offers, and a filled-in letter of at most ``MAX_LETTER_CHARACTERS``. Without these bounds a
419-character template of nested loops would write 10^15 bytes on every acknowledgement. The text is plain:
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
from django.template.base import Node, TextNode, VariableNode
from django.template.defaulttags import (
    CommentNode,
    DebugNode,
    ForNode,
    IfNode,
    NowNode,
    WithNode,
)
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Municipality

from . import docx_letter
from .context import REQUIRED_VARIABLES, VARIABLES, LetterError, sender_email
from .paragraphs import PARAGRAPH_BREAK, paragraphs, split_heading, without_closing
from .signature import signature
from .templatetags.theme import theme_properties

# One font family for the whole letter, in the PDF and in the Word document alike. DejaVu Sans is free and
# the font WeasyPrint embeds on the servers; Word substitutes a similar sans-serif where it is missing.
LETTER_FONT = "DejaVu Sans"
ENGINE = Engine(dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, debug=False)
LOGO_TYPES = {"image/png", "image/jpeg", "image/gif"}
ALLOWED_NODES = (TextNode, VariableNode, IfNode, ForNode, WithNode, NowNode, CommentNode)
ALLOWED_FILTERS = frozenset(
    {"default", "default_if_none", "upper", "lower", "capfirst", "title", "date", "yesno", "length"}
    | {"first", "last", "join", "pluralize", "linebreaksbr", "striptags"}
)
# A long outcome letter is some 10,000 characters; ten times that is not a letter any more.
MAX_LETTER_CHARACTERS = 100_000


def _expressions(node: Node) -> list[Any]:
    """The filter expressions a node evaluates: printed, looped over, compared or named."""
    if isinstance(node, VariableNode):
        return [node.filter_expression]
    if isinstance(node, ForNode):
        return [node.sequence]
    if isinstance(node, WithNode):
        return list(node.extra_context.values())
    if isinstance(node, IfNode):
        found: list[Any] = []
        pending = [condition for condition, _nodelist in node.conditions_nodelists if condition is not None]
        while pending:
            condition = pending.pop()
            for part in (getattr(condition, "first", None), getattr(condition, "second", None)):
                if part is not None:
                    pending.append(part)
            value = getattr(condition, "value", None)
            if value is not None and hasattr(value, "filters"):
                found.append(value)
        return found
    return []


def _tag_name(node: Node) -> str:
    token = getattr(node, "token", None)
    contents = getattr(token, "contents", "") or ""
    return contents.split()[0] if contents.split() else type(node).__name__


def _check_bounds(nodes: list[Node]) -> None:
    """Refuse what could make unbounded output: other tags, padding filters, loops in loops."""
    for node in nodes:
        if isinstance(node, DebugNode):
            raise LetterError(_("The tag {% debug %} is not allowed in letters."), code="debug")
        if not isinstance(node, ALLOWED_NODES):
            raise LetterError(
                _(
                    "The tag {%% %(tag)s %%} is not allowed in letters. "
                    "Use only if, for, with, now and comment."
                )
                % {"tag": _tag_name(node)},
                code="tag",
            )
        if isinstance(node, ForNode):
            loop: Any = node
            if loop.nodelist_loop.get_nodes_by_type(ForNode) or loop.nodelist_empty.get_nodes_by_type(
                ForNode
            ):
                raise LetterError(_("A loop inside another loop is not allowed in letters."), code="nested")
            if loop.sequence.filters:
                raise LetterError(
                    _("A loop in a letter goes over a list from the list of variables, without filters."),
                    code="loop",
                )
        for expression in _expressions(node):
            for function, _arguments in expression.filters:
                name = getattr(function, "_filter_name", None) or function.__name__
                if name not in ALLOWED_FILTERS:
                    raise LetterError(
                        _("The filter |%(filter)s is not allowed in letters. Allowed are: %(allowed)s.")
                        % {"filter": name, "allowed": ", ".join(sorted(ALLOWED_FILTERS))},
                        code="filter",
                    )


def _nodes(template_text: str) -> list[Node]:
    try:
        template = ENGINE.from_string(template_text)
        nodes = list(template.nodelist.get_nodes_by_type(Node))
    except TemplateSyntaxError as error:
        message = str(error)
    except Exception as error:  # e.g. conditions nested too deep: refused, never a 500
        message = type(error).__name__
    else:
        _check_bounds(nodes)
        return nodes
    raise LetterError(
        _("The text contains an error in the template language: %(error)s") % {"error": message},
        code="syntax",
    )


def used_variables(template_text: str) -> tuple[set[str], set[str]]:
    """The variables a template prints or loops over, and the names its loops introduce."""
    used: set[str] = set()
    loop_names: set[str] = {"forloop"}
    for node in _nodes(template_text):
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
    """Fill in a template; the result is plain text with tidy paragraphs, at most ``MAX_LETTER_CHARACTERS``.

    The bounds are checked again here, so a template stored before they existed is refused too.
    """
    _nodes(template_text)
    try:
        text = ENGINE.from_string(template_text).render(Context(context, autoescape=False))
    except LetterError:
        raise
    except Exception as error:  # a filter used wrongly in an edited template must not become a 500
        raise LetterError(
            _("The template could not be filled in: %(error)s") % {"error": error}, code="render"
        ) from error
    if len(text) > MAX_LETTER_CHARACTERS:
        raise LetterError(
            _("The filled-in letter is longer than %(limit)s characters; shorten the template.")
            % {"limit": f"{MAX_LETTER_CHARACTERS:,}".replace(",", ".")},
            code="too_long",
        )
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return PARAGRAPH_BREAK.sub("\n\n", "\n".join(lines)).strip()


def _paragraph_html(part: str) -> str:
    heading, rest = split_heading(part)
    text = escape(rest).replace(chr(10), "<br>")
    if heading:
        return f'<p><strong class="heading">{escape(heading)}</strong><br>{text}</p>'
    return f"<p>{text}</p>"


def body_html(text: str) -> SafeString:
    """Plain letter text as escaped HTML paragraphs, headings bold, line breaks kept."""
    return mark_safe("".join(_paragraph_html(part) for part in paragraphs(text)))


def letter_body_html(text: str) -> tuple[SafeString, SafeString]:
    """The letter's text without a closing salutation, as (all paragraphs but the last, the last one).

    The last paragraph is printed together with the signature block, so the block never stands alone
    on a near-empty last page.
    """
    parts = paragraphs(without_closing(text))
    return body_html("\n\n".join(parts[:-1])), body_html("\n\n".join(parts[-1:]))


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
    body, last_paragraph = letter_body_html(letter.body)
    return render_to_string(
        "letters/letter_pdf.html",
        {
            "letter": letter,
            "municipality": municipality,
            "sender_email": sender_email(municipality),
            "logo": logo_data_uri(municipality) if logo is None else logo,
            "body": body,
            "last_paragraph": last_paragraph,
            "signature": signature(letter, municipality),
            "font": LETTER_FONT,
            "colour": theme_properties(municipality.primary_colour)["link"],
        },
    )


def preview_html(letter: Any, municipality: Municipality) -> SafeString:
    """The letter's text as the back office shows it: without the template's greeting, with the signature."""
    body, last_paragraph = letter_body_html(letter.body)
    block = render_to_string("letters/_signature.html", {"signature": signature(letter, municipality)})
    return mark_safe(body + last_paragraph + block)


def render_pdf(letter: Any, municipality: Municipality) -> bytes:
    import weasyprint

    fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"data"})
    html = weasyprint.HTML(string=letter_html(letter, municipality), url_fetcher=fetcher)
    pdf: bytes = html.write_pdf()
    return pdf


def render_docx(letter: Any, municipality: Municipality) -> bytes:
    return docx_letter.build(
        letter,
        municipality,
        logo=logo_data_uri(municipality),
        signed=signature(letter, municipality),
        font=LETTER_FONT,
    )


def as_file(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)
