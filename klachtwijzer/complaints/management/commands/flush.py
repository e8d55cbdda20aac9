"""Django's ``flush``, with the history's flush gate open (see migration 0010 and ``history_gate``)."""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as DjangoFlush

from klachtwijzer.complaints.history_gate import flush_gate


class Command(DjangoFlush):
    def handle(self, **options: Any) -> None:
        with flush_gate(options["database"]):
            super().handle(**options)
