"""A letter's text is plain: paragraphs are separated by one or more blank lines.

Shared by the text and PDF rendering (``rendering.py``) and the Word document (``docx_letter.py``).
"""

from __future__ import annotations

import re

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


def paragraphs(text: str) -> list[str]:
    """The letter's paragraphs, each with its line breaks kept."""
    return [part.strip("\n") for part in PARAGRAPH_BREAK.split(text) if part.strip()]
