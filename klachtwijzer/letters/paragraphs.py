"""A letter's text is plain: paragraphs are separated by one or more blank lines.

Shared by the text and PDF rendering (``rendering.py``) and the Word document (``docx_letter.py``).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


def paragraphs(text: str) -> list[str]:
    """The letter's paragraphs, each with its line breaks kept."""
    return [part.strip("\n") for part in PARAGRAPH_BREAK.split(text) if part.strip()]


# A heading is the first line of a paragraph that goes on: short, and not the end of a sentence.
HEADING_MAX_CHARACTERS = 80


def without_closing(text: str) -> str:
    """The letter's text without a closing salutation (and what follows it) at its end.

    The signature block (``signature.py``) closes every letter, with the same words ("Kind regards,"
    from the catalogue); a template that still ends with them is not signed twice.
    """
    words = re.escape(gettext("Kind regards,").rstrip(",").strip())
    closing = re.compile(rf"\n\s*{words},?[ \t]*(\n.*)?\Z", re.IGNORECASE | re.DOTALL)
    return closing.sub("", "\n" + text).lstrip("\n")


def split_heading(part: str) -> tuple[str, str]:
    """A paragraph as (heading, rest): the heading is '' unless the first line reads as one.

    "Wat gebeurt er nu?" above the text that answers it is a heading; a sentence ending in a full stop,
    comma, colon or semicolon, or a paragraph of one line, is not.
    """
    first, _newline, rest = part.partition("\n")
    if (
        not rest.strip()
        or len(first) > HEADING_MAX_CHARACTERS
        or first.rstrip().endswith((".", ",", ":", ";"))
    ):
        return "", part
    return first.strip(), rest
