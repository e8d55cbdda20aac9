"""Print the yearly figures, or write the yearly report as HTML, PDF or DOCX (spec/report-figures.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.reporting.figures import FiguresError, as_json, compute_figures

FORMATS = ("json", "html", "pdf", "docx")


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("The reference date %(value)s is not a date; write it as YYYY-MM-DD.") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = "The figures of a year's complaints report as JSON, or the report itself as HTML, PDF or DOCX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="The year the report is about.")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--as-of", dest="as_of", help="Reference date YYYY-MM-DD (default: today).")
        parser.add_argument("--output", help="File to write (required for pdf and docx; default: stdout).")
        parser.add_argument(
            "--internal",
            action="store_true",
            help="Show small numbers too (the documents suppress them by default, as published).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        if not 1900 <= year <= timezone.localdate().year:
            raise CommandError(_("The year %(year)s is not a year with complaints.") % {"year": year})
        as_of = parse_date(options["as_of"]) if options["as_of"] else None
        try:
            figures = compute_figures(year=year, as_of=as_of)
        except FiguresError as error:
            raise CommandError(str(error)) from None
        fmt = options["format"]
        if fmt == "json":
            self._write(options["output"], json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
            return
        from klachtwijzer.reporting import documents

        document = documents.build_for_figures(as_json(figures), published=not options["internal"])
        if fmt == "html":
            self._write(options["output"], documents.render_html(document))
        elif not options["output"]:
            raise CommandError(_("Give --output with the file to write the %(format)s to.") % {"format": fmt})
        else:
            data = documents.render_pdf(document) if fmt == "pdf" else documents.render_docx(document)
            Path(options["output"]).write_bytes(data)

    def _write(self, output: str | None, text: str) -> None:
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
