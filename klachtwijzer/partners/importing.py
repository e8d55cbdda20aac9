"""Importing a partner figures file: all or nothing (``docs/partner-figures-format.md``).

``import_partner_figures`` reads and checks the whole file, then the partners it names (each must exist,
and the uploader may report for it: ``access.may_report_for``) and the periods: a period may not overlap
another row of the file, nor figures reported earlier for the same partner, unless ``replace`` says the
upload corrects them. A correction keeps the earlier figures, marked replaced (when, by whom, by which new
figures). Every problem is listed with its row, column and a Dutch message (``RegisterError``), and nothing
is stored when there is any.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klachtwijzer.accounts.models import Partner, User
from klachtwijzer.complaints.register_file import RegisterError, RowError

from .access import may_report_for
from .figures_file import FiguresChecker, FiguresRow
from .models import PartnerFigures

__all__ = ["FiguresImport", "RegisterError", "RowError", "import_partner_figures"]


@dataclass(frozen=True)
class FiguresImport:
    stored: int
    replaced: int
    partners: list[str]

    def __str__(self) -> str:
        if self.replaced:
            return ngettext(
                "Figures stored for %(partners)s (periods: %(count)s); %(replaced)s earlier period was "
                "replaced and stays in the history.",
                "Figures stored for %(partners)s (periods: %(count)s); %(replaced)s earlier periods were "
                "replaced and stay in the history.",
                self.replaced,
            ) % {"count": self.stored, "partners": ", ".join(self.partners), "replaced": self.replaced}
        return ngettext(
            "%(count)s period of figures stored for %(partners)s.",
            "%(count)s periods of figures stored for %(partners)s.",
            self.stored,
        ) % {"count": self.stored, "partners": ", ".join(self.partners)}


def import_partner_figures(
    *,
    data: bytes,
    filename: str | None,
    acting_user: User | None,
    actor_label: str = "",
    replace: bool = False,
    today: dt.date | None = None,
) -> FiguresImport:
    """Store every period of the file, or raise ``RegisterError`` listing every problem.

    ``acting_user`` None is the command line without ``--as`` (the server's operator, any partner);
    ``actor_label`` is then shown as who reported.
    """
    checker = FiguresChecker(today=today or timezone.localdate())
    rows = checker.check(data, filename)
    errors = list(checker.errors)
    with transaction.atomic():
        partners = _partners(rows)
        errors += _partner_errors(rows, partners, acting_user)
        errors += _overlaps_in_file(rows)
        earlier = _earlier(rows, partners)
        if not replace:
            errors += _overlaps_with_earlier(rows, partners, earlier)
        if errors:
            raise RegisterError(errors)
        return _store(rows, partners, earlier, acting_user, actor_label, filename or "")


def _partners(rows: list[FiguresRow]) -> dict[str, Partner]:
    """The partners the file names, whatever the case it writes them in, locked: one query."""
    names = {row.partner.lower() for row in rows}
    if not names:
        return {}
    found = (
        Partner.objects.select_for_update().annotate(lower_name=Lower("name")).filter(lower_name__in=names)
    )
    return {partner.name.lower(): partner for partner in found}


def _partner_errors(
    rows: list[FiguresRow], partners: dict[str, Partner], user: User | None
) -> list[RowError]:
    errors = []
    for row in rows:
        partner = partners.get(row.partner.lower())
        if partner is None:
            errors.append(RowError(row.row, "partner", _("no partner of the municipality has this name")))
        elif user is not None and not may_report_for(user, partner):
            errors.append(
                RowError(
                    row.row,
                    "partner",
                    _("you may only report figures for your own partner")
                    if user.partner_id
                    else _("you may only report figures for partners you are accounthouder of"),
                )
            )
    return errors


def _overlaps(a_from: dt.date, a_to: dt.date, b_from: dt.date, b_to: dt.date) -> bool:
    return a_from <= b_to and b_from <= a_to


def _overlaps_in_file(rows: list[FiguresRow]) -> list[RowError]:
    errors = []
    for index, row in enumerate(rows):
        for other in rows[:index]:
            if other.partner.lower() == row.partner.lower() and _overlaps(
                row.period_from, row.period_to, other.period_from, other.period_to
            ):
                errors.append(
                    RowError(
                        row.row,
                        "periode_van",
                        _("the period overlaps the period of row %(row)s for the same partner")
                        % {"row": other.row},
                    )
                )
                break
    return errors


def _earlier(rows: list[FiguresRow], partners: dict[str, Partner]) -> list[PartnerFigures]:
    """The standing figures of the file's partners: one query."""
    ids = {partners[row.partner.lower()].pk for row in rows if row.partner.lower() in partners}
    return list(PartnerFigures.objects.current().filter(partner_id__in=ids).order_by("period_from"))


def _overlapping(row: FiguresRow, partner: Partner, earlier: list[PartnerFigures]) -> list[PartnerFigures]:
    return [
        figures
        for figures in earlier
        if figures.partner_id == partner.pk
        and _overlaps(row.period_from, row.period_to, figures.period_from, figures.period_to)
    ]


def _overlaps_with_earlier(
    rows: list[FiguresRow], partners: dict[str, Partner], earlier: list[PartnerFigures]
) -> list[RowError]:
    errors = []
    for row in rows:
        partner = partners.get(row.partner.lower())
        if partner is None:
            continue
        for figures in _overlapping(row, partner, earlier)[:1]:
            errors.append(
                RowError(
                    row.row,
                    "periode_van",
                    _(
                        "figures were already reported for %(from)s to %(to)s; to correct them, "
                        "upload again and choose to replace the earlier figures"
                    )
                    % {"from": figures.period_from.isoformat(), "to": figures.period_to.isoformat()},
                )
            )
    return errors


def _store(
    rows: list[FiguresRow],
    partners: dict[str, Partner],
    earlier: list[PartnerFigures],
    user: User | None,
    actor_label: str,
    filename: str,
) -> FiguresImport:
    now = timezone.now()
    label = str(user) if user is not None else actor_label
    replaced = 0
    for row in rows:
        partner = partners[row.partner.lower()]
        figures = PartnerFigures.objects.create(
            partner=partner,
            period_from=row.period_from,
            period_to=row.period_to,
            received=row.received,
            closed=row.closed,
            within_term=row.within_term,
            explanation=row.explanation,
            reported_at=now,
            reported_by=user,
            reported_by_label=label[:200],
            file_name=filename[:255],
            **row.outcomes,
        )
        old = [f for f in _overlapping(row, partner, earlier) if f.replaced_at is None]
        if old:
            PartnerFigures.objects.filter(pk__in=[f.pk for f in old]).update(
                replaced_at=now, replaced_by=user, replaced_by_label=label[:200], replacement=figures
            )
            for f in old:
                f.replaced_at = now
            replaced += len(old)
    names = sorted({partners[row.partner.lower()].name for row in rows})
    return FiguresImport(stored=len(rows), replaced=replaced, partners=names)
