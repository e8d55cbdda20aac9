"""The number of unread notifications beside the menu: one query, only when a page shows it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from klachtwijzer.accounts.access import logged_in_user

from .models import Notification


def _count(request: HttpRequest) -> int | None:
    user = logged_in_user(request)
    if user is None:
        return None
    return Notification.objects.unread().filter(recipient=user).count()


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    return {"unread_notifications": SimpleLazyObject(lambda: _count(request))}
