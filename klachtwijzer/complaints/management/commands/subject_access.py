"""``klachtwijzer subject_access --email X | --name X | --staff USERNAME [--output FILE]``.

An AVG access request from the command line: a ZIP with everything held about one person
(``complaints/subject_access.py``, docs/privacy.md). Logged in the access log under the
operating-system account that ran it. Without ``--output`` the file is written to the current
directory as ``inzageverzoek-YYYY-MM-DD.zip``.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from klachtwijzer.complaints import subject_access
from klachtwijzer.complaints.management import os_user


class Command(BaseCommand):
    help = "Export everything held about one person (AVG access request) as a ZIP file."

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--email", help="the complainant's e-mail address")
        who.add_argument("--name", help="the exact name of the complainant or of a person complained about")
        who.add_argument("--staff", metavar="USERNAME", help="a member of staff complained about")
        parser.add_argument("--output", help="the ZIP file to write (default: inzageverzoek-DATE.zip)")

    def handle(self, *args: Any, output: str | None = None, **options: Any) -> None:
        kind = next(
            k for k in (subject_access.EMAIL, subject_access.NAME, subject_access.STAFF) if options[k]
        )
        try:
            subject = subject_access.subject_for(kind, options[kind])
        except subject_access.SubjectError as error:
            raise CommandError(error.message) from error
        path = output or subject_access.file_name()
        try:
            # Opened first: a path that cannot be written exports (and logs) nothing.
            with open(path, "wb") as stream:
                content, count = subject_access.export(subject, user=None, actor_label=os_user())
                stream.write(content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from error
        if count:
            self.stdout.write(_("%(count)d complaints written to %(path)s.") % {"count": count, "path": path})
        else:
            self.stdout.write(
                _("Nothing is held about this person: no complaint was found. The file %(path)s says so.")
                % {"path": path}
            )
