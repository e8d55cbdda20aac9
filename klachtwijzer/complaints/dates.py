"""Dates as Dutch users read them: '15 april 2024', in messages, letters and reports alike."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import formats, translation


def long_date(day: dt.date | None, *, missing: str = "") -> str:
    """15 April 2024 → '15 april 2024'; ``missing`` when there is no date."""
    if day is None:
        return missing
    with translation.override(settings.LANGUAGE_CODE):
        return formats.date_format(day, "j F Y")
