"""The audit trail of personal data (AVG): every view and export of a complaint's personal data.

Call ``log_access`` wherever a complaint's personal data, attachment or letter is shown or handed
out; the log is kept apart from the complaint's history and survives its destruction.
"""

from __future__ import annotations

from klachtwijzer.accounts.models import User

from . import access_chain
from .models import Complaint, PersonalDataAccess


def log_access(
    user: User | None, complaint: Complaint, action: str, detail: str = "", *, actor_label: str = ""
) -> PersonalDataAccess:
    """One look at a complaint's personal data. Without a user (the resident through the status link)
    ``actor_label`` says who it was."""
    return access_chain.append(
        user=user,
        actor_label=actor_label,
        complaint=complaint,
        reference=complaint.reference,
        action=action,
        detail=detail[:300],
    )


def log_export(user: User | None, detail: str, *, actor_label: str = "") -> PersonalDataAccess:
    """An export of personal data of many complaints (e.g. the full register file).

    From the command line there is no user: ``actor_label`` then names the operating-system account.
    """
    return access_chain.append(
        user=user, actor_label=actor_label, action=PersonalDataAccess.Action.EXPORT, detail=detail[:300]
    )


def search_shape(terms: str) -> str:
    """What a search looked like without its words: how many words and characters, and of what kind."""
    words = terms.split()
    kinds = sorted(
        {"e-mail" if "@" in word else "digits" if word.strip("+-").isdigit() else "text" for word in words}
    )
    return f"{len(words)} words, {len(terms.strip())} characters ({', '.join(kinds)})"


def log_search(user: User | None, terms: str, *, persons: bool) -> PersonalDataAccess:
    """One search in residents' own words (or names) from the complaint list: one entry per search."""
    scope = "names and own words" if persons else "own words"
    return access_chain.append(
        user=user,
        action=PersonalDataAccess.Action.SEARCH,
        detail=f"list search in {scope}: {search_shape(terms)}",
    )
