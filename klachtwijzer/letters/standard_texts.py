"""The standard Dutch texts of the letters (``defaults/<kind>.txt``: subject, a line ``---``, body).

Loaded by the data migration and by "restore the standard text" in the template editor.
"""

from __future__ import annotations

from pathlib import Path

DEFAULTS_DIR = Path(__file__).resolve().parent / "defaults"


def standard_text(kind: str) -> tuple[str, str]:
    text = (DEFAULTS_DIR / f"{kind}.txt").read_text(encoding="utf-8")
    subject, body = text.split("\n---\n", 1)
    return subject.strip(), body.strip() + "\n"
