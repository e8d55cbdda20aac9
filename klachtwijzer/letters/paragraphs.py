"""A letter's text is plain: paragraphs are separated by one or more blank lines.

Shared by the text and PDF rendering (``rendering.py``) and the Word document (``docx_letter.py``).
"""

from __future__ import annotations

import re

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


def paragraphs(text: str) -> list[str]:
    """The letter's paragraphs, each with its line breaks kept."""
    return [part.strip("\n") for part in PARAGRAPH_BREAK.split(text) if part.strip()]


# A closing salutation a template may still end with; the signature block (``signature.py``) now closes
# every letter, so the body stops where the salutation starts and the letter is never signed twice.
CLOSING = re.compile(r"\n\s*met vriendelijke groet,?\s*(\n.*)?\Z", re.IGNORECASE | re.DOTALL)
# A heading is the first line of a paragraph that goes on: short, and not the end of a sentence.
HEADING_MAX_CHARACTERS = 80


def without_closing(text: str) -> str:
    """The letter's text without a closing salutation (and what follows it) at its end."""
    return CLOSING.sub("", "\n" + text).lstrip("\n")


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
