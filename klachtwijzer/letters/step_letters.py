"""The rule that binds the steps to their letters: a step that stands for a letter has that letter behind it.

Interface for every step whose legally relevant "sent on" date is a letter (Awb 9:6, 9:8, 9:9, 9:10,
9:11, 9:12 and the letters added for issue 9):

- ``register(kind, on_sent)``: ``on_sent(letter, acting_user, day)`` records the step when a letter of
  ``kind`` was sent: e-mail accepted by the mail server, posted (``composing.mark_posted``), or uploaded as
  sent outside Klachtwijzer (``composing.upload_external_letter``). It is called inside the transaction
  that marks the letter sent, so a step that refuses (``ProcedureError``) undoes the whole sending record
  unless the callback itself chooses to ignore it. ``day`` is the date the letter went out (for an upload:
  the date the handler gives). The step's "sent on" date is set ONLY here: no letter, no date.
- ``STEP_LETTERS``: the registry (kind -> callback). ``on_letter_sent(letter, acting_user, day)`` runs the
  registered callback, if any (``composing.record_sent`` calls it).
- ``has_sent_letter(complaint, kind)``: whether a letter of ``kind`` about ``complaint`` was sent
  (by any channel); use cases use it to refuse a step whose letter does not exist.

The page flow "step with its letter" (``letters.step_flow``) builds on these: the step's own data plus the
choice e-mail / post / upload, a preview, then one confirm that stores everything or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.models import Complaint

from .models import Letter

OnSent = Callable[[Letter, User | None, dt.date], None]

STEP_LETTERS: dict[str, OnSent] = {}


def register(kind: str, on_sent: OnSent) -> OnSent:
    """Record the step of letters of ``kind`` with ``on_sent`` once such a letter was sent."""
    STEP_LETTERS[str(kind)] = on_sent
    return on_sent


def on_letter_sent(letter: Letter, acting_user: User | None, day: dt.date) -> None:
    """Run the step registered for ``letter``'s kind (nothing when its kind records no step)."""
    callback = STEP_LETTERS.get(letter.kind)
    if callback is not None:
        callback(letter, acting_user, day)


def has_sent_letter(complaint: Complaint, kind: str) -> bool:
    return Letter.objects.filter(complaint=complaint, kind=kind, sent_at__isnull=False).exists()
