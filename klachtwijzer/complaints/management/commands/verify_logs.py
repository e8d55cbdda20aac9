"""``klachtwijzer verify_logs``: check the hash chains of the access log and of the complaint history.

Exit code 0 when both chains are whole, 1 with a report naming the first broken entry or event
otherwise (see docs/privacy.md for what a break means and what to do). Both chains are always checked.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from klachtwijzer.complaints.access_chain import Break, verify_access_log
from klachtwijzer.complaints.history_verify import HistoryBreak, verify_history


def _access_log_message(broken: Break) -> str:
    if broken.reason == "prev":
        message = _(
            "Access log broken at entry %(id)s: the entry before it was removed or an entry was inserted."
        )
    elif broken.reason == "altered":
        message = _("Access log broken at entry %(id)s: this entry was altered after it was written.")
    else:
        message = _("Access log broken at its end: the newest entries were removed.")
    return message % {"id": broken.entry_id}


def _history_message(broken: HistoryBreak) -> str:
    if broken.reason == "prev":
        message = _(
            "Complaint history broken at event %(id)s (complaint %(reference)s): the event before it was "
            "removed or this event was inserted."
        )
    elif broken.reason == "altered":
        message = _(
            "Complaint history broken at event %(id)s (complaint %(reference)s): this event was altered "
            "after it was written."
        )
    elif broken.reason == "blanked":
        message = _(
            "Complaint history broken at event %(id)s (complaint %(reference)s): its text was removed, but "
            "the complaint's personal data were never destroyed."
        )
    else:
        message = _("Complaint history broken at its end: the newest events were removed.")
    return message % {"id": broken.event_id, "reference": broken.reference or "-"}


class Command(BaseCommand):
    help = "Verify that the access log and the complaint history are complete and unaltered (hash chains)."

    def handle(self, *args: Any, **options: Any) -> None:
        failures = []
        count, access_break = verify_access_log()
        if access_break is None:
            self.stdout.write(
                _("Access log: %(count)d entries checked, the chain is intact.") % {"count": count}
            )
        else:
            failures.append(_access_log_message(access_break))
        count, history_break = verify_history()
        if history_break is None:
            self.stdout.write(
                _("Complaint history: %(count)d events checked, the chain is intact.") % {"count": count}
            )
        else:
            failures.append(_history_message(history_break))
        if failures:
            raise CommandError("\n".join(failures))
