"""``klachtwijzer send-reminders [--today DATE]``: one reminder pass, as the worker runs it daily."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from klachtwijzer.notifications.reminders import run_pass


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from error


class Command(BaseCommand):
    help = "Make the reminders, escalations and digests due today (each once); e-mail them from the worker."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--today", type=iso_date, default=None, help="The day to run for (YYYY-MM-DD).")

    def handle(self, *args: Any, today: dt.date | None = None, **options: Any) -> None:
        made = run_pass(today=today or timezone.localdate())
        total = sum(made.values())
        details = ", ".join(f"{kind} {count}" for kind, count in sorted(made.items()) if count)
        self.stdout.write(f"{total} notification(s) made" + (f": {details}" if details else "") + ".")
