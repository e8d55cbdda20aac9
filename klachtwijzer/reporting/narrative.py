"""The report's running text: sentences written from the figures, comparing with earlier years.

In the manner of the municipal reports the product learns from (Leiden 2024: "In 2024 zijn er 311
klachten binnengekomen, in 2023 waren het er 296."). Counts are Dutch-formatted and, in published
output, small numbers read "minder dan 5" (see ``disclosure.py``); percentages in running text are
rounded to whole numbers, as reports do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext, ngettext

from . import formatting
from .disclosure import Disclosure
from .figures import top_founded_natures
from .suppression import Cell


def previous(figures: dict[str, Any], back: int) -> dict[str, Any] | None:
    """The figures of the year ``back`` years before, if it has complaints."""
    wanted = figures["year"] - back
    return next((year for year in figures["previous_years"] if year["year"] == wanted), None)


def as_of_date(figures: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(figures["as_of"])


def _plural(disclosure: Disclosure, value: int, cell: Cell | None = None) -> int:
    """The number that picks the plural form: 'minder dan 5' reads as a plural."""
    return 2 if disclosure.mark(value, cell) else value


def _count(disclosure: Disclosure, figures: dict[str, Any], *key: str) -> str:
    """A count of ``figures`` in a sentence, hidden as the report's plan says."""
    value: Any = figures
    for part in key:
        value = value[part]
    return disclosure.count_in_text(value, (figures["year"], *key))


def _count_plural(disclosure: Disclosure, figures: dict[str, Any], *key: str) -> int:
    value: Any = figures
    for part in key:
        value = value[part]
    return _plural(disclosure, value, (figures["year"], *key))


def _pct(disclosure: Disclosure, figures: dict[str, Any], key: str) -> str:
    """A share of the closed complaints in a sentence (``key`` as 'within_term_pct')."""
    numerator = (figures["year"], key.removesuffix("_pct"))
    if disclosure.hides_share(numerator, (figures["year"], "closed"), figures["closed"]):
        return gettext("(not shown: too few complaints)")
    return formatting.percent(figures[key], 0)


def received(figures: dict[str, Any], disclosure: Disclosure) -> str:
    values = {"year": figures["year"], "count": _count(disclosure, figures, "received")}
    last = previous(figures, 1)
    if last is None:
        return (
            ngettext(
                "In %(year)s %(count)s complaint was received.",
                "In %(year)s %(count)s complaints were received.",
                _count_plural(disclosure, figures, "received"),
            )
            % values
        )
    values.update(previous_year=last["year"], previous_count=_count(disclosure, last, "received"))
    return (
        ngettext(
            "In %(year)s %(count)s complaint was received; in %(previous_year)s there were "
            "%(previous_count)s.",
            "In %(year)s %(count)s complaints were received; in %(previous_year)s there were "
            "%(previous_count)s.",
            _count_plural(disclosure, figures, "received"),
        )
        % values
    )


def founded(figures: dict[str, Any], disclosure: Disclosure) -> str:
    values = {
        "year": figures["year"],
        "received": _count(disclosure, figures, "received"),
        "founded": _count(disclosure, figures, "founded"),
    }
    last, earlier = previous(figures, 1), previous(figures, 2)
    if last is None:
        return (
            gettext(
                "Of the %(received)s complaints in %(year)s, %(founded)s were declared wholly or partly "
                "founded."
            )
            % values
        )
    values.update(previous_year=last["year"], previous=_count(disclosure, last, "founded"))
    if earlier is None:
        return (
            gettext(
                "Of the %(received)s complaints in %(year)s, %(founded)s were declared wholly or partly "
                "founded; "
                "in %(previous_year)s there were %(previous)s."
            )
            % values
        )
    values.update(earlier_year=earlier["year"], earlier=_count(disclosure, earlier, "founded"))
    return (
        gettext(
            "Of the %(received)s complaints in %(year)s, %(founded)s were declared wholly or partly founded; "
            "in %(previous_year)s there were %(previous)s and in %(earlier_year)s %(earlier)s."
        )
        % values
    )


def top_natures(figures: dict[str, Any]) -> str:
    names = [name.lower() for name in top_founded_natures(figures)]
    if not names:
        return ""
    return gettext("Most of the wholly or partly founded complaints in %(year)s are about %(natures)s.") % {
        "year": figures["year"],
        "natures": formatting.join_words(names),
    }


def judgements(figures: dict[str, Any], disclosure: Disclosure) -> list[str]:
    year = figures["year"]

    def count(*key: str) -> str:
        return _count(disclosure, figures, *key)

    return [
        ngettext(
            "In %(year)s %(count)s complaint was declared unfounded.",
            "In %(year)s %(count)s complaints were declared unfounded.",
            _count_plural(disclosure, figures, "outcomes", "ongegrond"),
        )
        % {"year": year, "count": count("outcomes", "ongegrond")},
        ngettext(
            "For %(count)s complaint the judgement was 'geen oordeel': it could not be established whether "
            "the complaint was founded or not.",
            "For %(count)s complaints the judgement was 'geen oordeel': it could not be established whether "
            "the complaint was founded or not.",
            _count_plural(disclosure, figures, "outcomes", "geen oordeel"),
        )
        % {"count": count("outcomes", "geen oordeel")},
        gettext(
            "Of the %(founded)s wholly or partly founded complaints, %(wholly)s were founded and %(partly)s "
            "partly founded."
        )
        % {
            "founded": count("founded"),
            "wholly": count("outcomes", "gegrond"),
            "partly": count("outcomes", "deels gegrond"),
        },
    ]


def still_open(figures: dict[str, Any], disclosure: Disclosure) -> str:
    return ngettext(
        "On %(date)s %(count)s complaint of %(year)s had not been dealt with yet.",
        "On %(date)s %(count)s complaints of %(year)s had not been dealt with yet.",
        _count_plural(disclosure, figures, "open"),
    ) % {
        "date": formatting.long_date(as_of_date(figures)),
        "count": _count(disclosure, figures, "open"),
        "year": figures["year"],
    }


def timeliness(figures: dict[str, Any], disclosure: Disclosure) -> list[str]:
    year, last = figures["year"], previous(figures, 1)
    values = {
        "year": year,
        "pct": _pct(disclosure, figures, "within_term_pct"),
        "ten_pct": _pct(disclosure, figures, "within_extended_term_pct"),
    }
    if last is None:
        sentences = [
            gettext("In %(year)s %(pct)s of the complaints dealt with were dealt with within six weeks.")
            % values,
            gettext("Within ten weeks, the longest term after an extension, %(ten_pct)s were dealt with.")
            % values,
        ]
    else:
        values.update(
            previous_year=last["year"],
            previous_pct=_pct(disclosure, last, "within_term_pct"),
            previous_ten_pct=_pct(disclosure, last, "within_extended_term_pct"),
        )
        sentences = [
            gettext(
                "In %(year)s %(pct)s of the complaints dealt with were dealt with within six weeks "
                "(%(previous_year)s: %(previous_pct)s)."
            )
            % values,
            gettext(
                "Within ten weeks, the longest term after an extension, %(ten_pct)s were dealt with "
                "(%(previous_ten_pct)s in %(previous_year)s)."
            )
            % values,
        ]
    return [*sentences, *_timeliness_details(figures, disclosure)]


def _timeliness_details(figures: dict[str, Any], disclosure: Disclosure) -> list[str]:
    sentences = [
        gettext(
            "Counting the extensions that were sent in time, %(pct)s were dealt with within the legal term "
            "that applied."
        )
        % {"pct": _pct(disclosure, figures, "within_legal_term_pct")},
        gettext("The municipality aims to deal with a complaint within %(days)s days; it did so for %(pct)s.")
        % {
            "days": figures["internal_target_days"],
            "pct": _pct(disclosure, figures, "within_internal_target_pct"),
        },
        ngettext(
            "The term was extended for %(count)s complaint.",
            "The term was extended for %(count)s complaints.",
            _count_plural(disclosure, figures, "extended"),
        )
        % {"count": _count(disclosure, figures, "extended")},
    ]
    if figures["median_days_to_close"] is not None and not disclosure.hides(figures["closed"]):
        sentences.append(
            gettext("Half of the complaints were dealt with within %(days)s days (the median).")
            % {"days": formatting.days(figures["median_days_to_close"])}
        )
    return sentences


def summary(figures: dict[str, Any], disclosure: Disclosure) -> list[str]:
    """The summary's paragraphs: the key figures against earlier years, as sentences."""
    first = " ".join(
        filter(None, [received(figures, disclosure), founded(figures, disclosure), top_natures(figures)])
    )
    second = " ".join([*judgements(figures, disclosure)[:2], still_open(figures, disclosure)])
    third = " ".join(timeliness(figures, disclosure)[:2])
    return [first, second, third]
