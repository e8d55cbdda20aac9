"""Background tasks (django-tasks): run by ``klachtwijzer db_worker`` with the database backend."""

from __future__ import annotations

from django_tasks import task

from .delivery import deliver_by_email, make_and_send_acknowledgement


@task()
def send_letter(letter_id: int) -> None:
    """E-mail a letter that was made for e-mail."""
    deliver_by_email(letter_id)


@task()
def send_acknowledgement(complaint_id: int, user_id: int | None = None) -> None:
    """Make and send the acknowledgement of receipt of a complaint (Awb 9:6)."""
    make_and_send_acknowledgement(complaint_id, user_id)
