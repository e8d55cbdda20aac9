"""``klachtwijzer verify_logs``: check the hash chain of the personal-data access log.

Exit code 0 when the chain is whole, 1 with a report naming the first broken entry otherwise
(see docs/privacy.md for what a break means and what to do).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from klachtwijzer.complaints.access_chain import verify_access_log


class Command(BaseCommand):
    help = "Verify that the personal-data access log is complete and unaltered (hash chain)."

    def handle(self, *args: Any, **options: Any) -> None:
        count, broken = verify_access_log()
        if broken is None:
            self.stdout.write(
                _("Access log: %(count)d entries checked, the chain is intact.") % {"count": count}
            )
            return
        if broken.reason == "prev":
            message = _(
                "Access log broken at entry %(id)s: the entry before it was removed or an entry was inserted."
            )
        elif broken.reason == "altered":
            message = _("Access log broken at entry %(id)s: this entry was altered after it was written.")
        else:
            message = _("Access log broken at its end: the newest entries were removed.")
        raise CommandError(message % {"id": broken.entry_id})
