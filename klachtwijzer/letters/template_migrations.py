"""What the data migrations that add a kind of letter share: loading its standard text as its template.

Each such migration (``0008`` onwards) names its kinds; ``standard_templates(*kinds)`` gives the forward and
backward functions for ``RunPython``. They read the text files in ``defaults/`` as they are when the migration
runs, like the first load (``0002``), and leave a template a municipality already has alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .standard_texts import standard_text

MigrationFunction = Callable[[Any, Any], None]


def standard_templates(*kinds: str) -> tuple[MigrationFunction, MigrationFunction]:
    def load(apps: Any, schema_editor: Any) -> None:
        templates = apps.get_model("letters", "LetterTemplate").objects
        for kind in kinds:
            subject, body = standard_text(kind)
            templates.get_or_create(kind=kind, defaults={"subject": subject, "body": body})

    def unload(apps: Any, schema_editor: Any) -> None:
        apps.get_model("letters", "LetterTemplate").objects.filter(kind__in=kinds).delete()

    return load, unload
