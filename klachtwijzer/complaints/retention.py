"""How long a closed complaint is kept: its result and destruction date under the Selectielijst
gemeenten en intergemeentelijke organen 2020, process type 13 (complaints).

The rule, applied by ``retention_for`` (a pure function, no database):

==========  =============================================================  ==============================
result      when                                                           kept for (from ``closed_on``)
==========  =============================================================  ==============================
13.1.3      the coordinator chose to keep it permanently, with a reason    permanently (no date)
13.1.2      handled by the Nationale ombudsman (``ombudsman_referred_on``)  10 years
13.2        withdrawn (the complainant ended it)                            1 year
13.1.4      not handled (Awb 9:8), forwarded (Awb 2:3), not a complaint     1 year
13.1        every other closed complaint (judged, resolved informally)      5 years
==========  =============================================================  ==============================

The first row that applies wins. An open complaint has no result and no date. The destruction date
is the closing date plus whole years (29 February falls back to 28 February). The stored fields on
``Complaint`` (``retention_result``, ``destroy_on``) follow this function: the closing use cases set
them, reopening clears them, and ``recompute_all`` brings every complaint in step, e.g. after an
ombudsman case was recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .constants import Outcome

PERMANENT = "13.1.3"
OMBUDSMAN = "13.1.2"
WITHDRAWN = "13.2"
NOT_HANDLED = "13.1.4"
HANDLED = "13.1"

YEARS = {OMBUDSMAN: 10, WITHDRAWN: 1, NOT_HANDLED: 1, HANDLED: 5}
NOT_HANDLED_OUTCOMES = frozenset({Outcome.NOT_HANDLED, Outcome.FORWARDED, Outcome.NOT_A_COMPLAINT})


@dataclass(frozen=True)
class Retention:
    result: str  # a Selectielijst result number, "" while the complaint is open
    destroy_on: dt.date | None  # None: open, or kept permanently


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retention_for(
    *,
    outcome: str,
    closed_on: dt.date | None,
    ombudsman_referred_on: dt.date | None,
    keep_permanently: bool,
) -> Retention:
    """The Selectielijst result and destruction date of a complaint (see the module's table)."""
    if closed_on is None or not outcome:
        return Retention("", None)
    if keep_permanently:
        return Retention(PERMANENT, None)
    if ombudsman_referred_on is not None:
        result = OMBUDSMAN
    elif outcome == Outcome.WITHDRAWN:
        result = WITHDRAWN
    elif outcome in NOT_HANDLED_OUTCOMES:
        result = NOT_HANDLED
    else:
        result = HANDLED
    return Retention(result, add_years(closed_on, YEARS[result]))
