"""The audit trail of personal data (AVG): every view and export of a complaint's personal data.

Call ``log_access`` wherever a complaint's personal data, attachment or letter is shown or handed
out; the log is kept apart from the complaint's history and survives its destruction.
"""

from __future__ import annotations

from klachtwijzer.accounts.models import User

from .models import Complaint, PersonalDataAccess


def log_access(
    user: User | None, complaint: Complaint, action: str, detail: str = "", *, actor_label: str = ""
) -> PersonalDataAccess:
    """One look at a complaint's personal data. Without a user (the resident through the status link)
    ``actor_label`` says who it was."""
    return PersonalDataAccess.objects.create(
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
    return PersonalDataAccess.objects.create(
        user=user, actor_label=actor_label, action=PersonalDataAccess.Action.EXPORT, detail=detail[:300]
    )
