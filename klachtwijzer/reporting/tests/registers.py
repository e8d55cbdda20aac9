"""Registers of many varied complaints, imported through the real register import (complaints/register.py).

``synthetic_register(count, first=...)`` writes a register file whose rows cycle through years, departments,
partners, channels, natures, outcomes and extensions, so that every breakdown of the figures has rows.
"""

import datetime as dt
import io

from klachtwijzer.complaints.register import import_register

HEADER = (
    "kenmerk,ontvangen_op,kanaal,soort,afdeling,partner,aard,afhandeling,verlengd_op,afgehandeld_op,oordeel,"
    "omschrijving"
)
CHANNELS = ["webformulier", "e-mail", "telefoon", "brief", "balie"]
NATURES = [
    "Fatsoenlijke bejegening",
    "Voortvarendheid",
    "Goede organisatie;Professionaliteit",
    "Transparant",
    "",
]
LAST_CLOSURE = dt.date(2025, 1, 10)
OORDELEN = [
    "gegrond",
    "deels gegrond",
    "ongegrond",
    "geen oordeel",
    "informeel opgelost",
    "ingetrokken",
    "niet in behandeling",
    "doorgestuurd",
    "",
]


def synthetic_rows(count: int, *, first: int = 1, years: range = range(2020, 2025)) -> list[str]:
    rows = []
    for number in range(first, first + count):
        year = years[number % len(years)]
        received = dt.date(year, 1, 1) + dt.timedelta(days=(number * 37) % 330)
        oordeel = OORDELEN[number % len(OORDELEN)]
        closed = received + dt.timedelta(days=(number * 11) % 90 + 1) if oordeel else None
        if closed and closed > LAST_CLOSURE:
            closed, oordeel = None, ""  # still open: the tests stand in early 2025
        extended = (
            received + dt.timedelta(days=30)
            if closed and number % 4 == 0 and closed > received + dt.timedelta(days=30)
            else None
        )
        rows.append(
            ",".join(
                [
                    f"SYN-{year}-{number:05d}",
                    received.isoformat(),
                    CHANNELS[number % len(CHANNELS)],
                    "andersoortig" if number % 13 == 0 else "awb",
                    f"Afdeling {number % 6}",
                    f"Partner {number % 3}" if number % 5 == 0 else "",
                    NATURES[number % len(NATURES)],
                    "informeel" if oordeel == "informeel opgelost" else "formeel",
                    extended.isoformat() if extended else "",
                    closed.isoformat() if closed else "",
                    oordeel,
                    "Vrije tekst van de klager met Kastanjelaan 13.",
                ]
            )
        )
    return rows


def import_synthetic(count: int, *, first: int = 1, years: range = range(2020, 2025)) -> None:
    data = "\n".join([HEADER, *synthetic_rows(count, first=first, years=years)]) + "\n"
    import_register(io.BytesIO(data.encode()), filename="synthetic.csv")
