"""Who may see and do what with partners' figures and conversations.

- An accounthouder (``Partner.accounthouders``): the partners they are responsible for: their figures over
  time, whether a report is due, the conversations; uploads figures and records conversations for them.
- A partner's own user (role partner): uploads the figures of its own partner and sees them; nothing of
  other partners. (Its complaints follow ``complaints/access.py``: only those about its own service.)
- The complaints coordinator: every partner's page, read only, for the yearly report.
- The command line without ``--as``: the server's operator, any partner.
"""

from __future__ import annotations

from django.db.models import QuerySet

from klachtwijzer.accounts.models import Partner, Role, User

PAGE_ROLES = (Role.COORDINATOR, Role.HANDLER, Role.MANAGER, Role.PARTNER)


def visible_partners(user: User) -> QuerySet[Partner]:
    """The partners whose page ``user`` may open."""
    if not user.is_authenticated or not user.is_active:
        return Partner.objects.none()
    if user.role == Role.COORDINATOR:
        return Partner.objects.all()
    if user.role == Role.PARTNER:
        return Partner.objects.filter(pk=user.partner_id or 0)
    return Partner.objects.filter(accounthouders=user)


def is_accounthouder(user: User, partner: Partner) -> bool:
    return bool(user.is_authenticated and partner.accounthouders.filter(pk=user.pk).exists())


def may_report_for(user: User, partner: Partner) -> bool:
    """Whether ``user`` may upload figures for ``partner``: its own user or its accounthouder."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.PARTNER:
        return user.partner_id == partner.pk
    return is_accounthouder(user, partner)


def may_record_conversation(user: User, partner: Partner) -> bool:
    return user.role != Role.PARTNER and is_accounthouder(user, partner)


def sees_partner_pages(user: User) -> bool:
    """Whether the partners' pages are open to ``user`` (by role alone, so the menu needs no query): the
    coordinator, partner users, and staff who may be accounthouders (they see the partners they are
    accounthouder of, possibly none)."""
    return bool(user.is_authenticated and user.role in PAGE_ROLES)
