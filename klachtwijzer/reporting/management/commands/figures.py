"""Print the figures of any period with filters, as JSON or CSV (spec/report-figures.md)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from klachtwijzer.reporting.figures import compute_period_figures
from klachtwijzer.reporting.figures_output import flatten, period_json, to_csv
from klachtwijzer.reporting.periods import FiguresError, Period, filters_by_name


def parse_date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("The date %(value)s of %(option)s is not a date; write it as YYYY-MM-DD.")
            % {"value": value, "option": option}
        ) from None


class Command(BaseCommand):
    help = "The figures of the complaints received in a period, with filters that combine, as JSON or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="First day of receipt, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last day of receipt, YYYY-MM-DD.")
        parser.add_argument("--as-of", dest="as_of", help="Reference date YYYY-MM-DD (default: today).")
        parser.add_argument("--department", default="", help="A department's name.")
        parser.add_argument("--channel", default="", help="A channel, e.g. webformulier or telefoon.")
        parser.add_argument("--partner", default="", help="A partner's name.")
        parser.add_argument("--nature", default="", help="A norm's name, or a group of norms.")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        period = Period(parse_date(options["start"], "--from"), parse_date(options["end"], "--to"))
        as_of = parse_date(options["as_of"], "--as-of") if options["as_of"] else None
        try:
            filters = filters_by_name(
                department=options["department"],
                channel=options["channel"],
                partner=options["partner"],
                nature=options["nature"],
            )
            figures = compute_period_figures(period=period, as_of=as_of, filters=filters)
        except FiguresError as error:
            raise CommandError(str(error)) from None
        data = period_json(figures)
        if options["format"] == "csv":
            self.stdout.write(to_csv(list(flatten(data))), ending="")
        else:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n", ending="")
