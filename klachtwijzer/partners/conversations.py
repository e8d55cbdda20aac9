"""Recording the periodic conversation between an accounthouder and a partner about complaint handling."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Partner, User

from .access import may_record_conversation
from .models import PartnerConversation


def record_conversation(
    *, partner: Partner, held_on: dt.date, participants: str, agreements: str, acting_user: User
) -> PartnerConversation:
    """Store the conversation; only the partner's accounthouders record one."""
    if not may_record_conversation(acting_user, partner):
        raise PermissionDenied(_("Only the partner's accounthouders record conversations with it."))
    with transaction.atomic():
        return PartnerConversation.objects.create(
            partner=partner,
            held_on=held_on,
            participants=participants.strip(),
            agreements=agreements.strip(),
            recorded_at=timezone.now(),
            recorded_by=acting_user,
        )


def conversations_in(start: dt.date, end: dt.date) -> list[PartnerConversation]:
    """The conversations held from ``start`` to ``end``, by partner and date: one query."""
    return list(
        PartnerConversation.objects.filter(held_on__gte=start, held_on__lte=end)
        .select_related("partner")
        .order_by("partner__name", "held_on", "pk")
    )
