"""The register file's ``ombudsman_op``: an imported complaint referred to the ombudsman gets a case.

The complaints app reads ``ombudsman_op`` into the complaint's ``ombudsman_referred_on`` (so the
retention fact is set without this app); this app adds one ombudsman case per such complaint, its
outcome still open (``Action.OPEN``), for the configured ombudsman. Two queries per batch whatever its
size; the import itself is the history entry of these complaints. No columns of its own to export.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.extensions import RegisterColumns, StoreBatch

from .handling import configured_ombudsman
from .models import OmbudsmanCase

if TYPE_CHECKING:
    from klachtwijzer.complaints.models import Complaint
    from klachtwijzer.complaints.register_rows import RegisterRow


def _start_import(acting_user: User | None) -> StoreBatch:
    name, kind = configured_ombudsman()

    def store(batch: Sequence[tuple[Complaint, RegisterRow]]) -> None:
        referred = [complaint for complaint, _row in batch if complaint.ombudsman_referred_on is not None]
        if not referred:
            return
        existing = set(
            OmbudsmanCase.objects.filter(complaint__in=[c.pk for c in referred]).values_list(
                "complaint_id", flat=True
            )
        )
        OmbudsmanCase.objects.bulk_create(
            OmbudsmanCase(
                complaint=complaint,
                ombudsman_name=name,
                ombudsman_kind=kind,
                petition_on=complaint.ombudsman_referred_on,
                case_number=complaint.ombudsman_reference,
            )
            for complaint in referred
            if complaint.pk not in existing and complaint.ombudsman_referred_on is not None
        )

    return store


def _export(complaint_ids: list[int]) -> Mapping[int, Sequence[str]]:
    return {}


COLUMNS = RegisterColumns(columns=(), start_import=_start_import, export=_export)
