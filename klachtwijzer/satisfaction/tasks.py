"""Background tasks (django-tasks): run by ``klachtwijzer db_worker``."""

from __future__ import annotations

from django_tasks import task

from .mailing import send_invitation as _send_invitation


@task()
def send_invitation(invitation_id: int) -> None:
    """Make the survey link and e-mail it to the complainant."""
    _send_invitation(invitation_id)
