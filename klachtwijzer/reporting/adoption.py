"""Writing, finalising and adopting the yearly complaints report: the use cases that change a report.

The coordinator writes the texts per section (``save_texts``), then finalises the report
(``finalise_report``): the figures as of the reference date, the texts, the learning entries and the
published PDF are frozen in a new ``ReportVersion``. The college adopts the report (vaststelling) and
the coordinator records the date (``record_adoption``), once per version. Only the complaints
coordinator takes these steps (``accounts.access.can_manage_reports``). A later change to a
complaint changes no version; a new version can be finalised, and every version is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from klachtwijzer.accounts.access import can_manage_reports
from klachtwijzer.accounts.models import Municipality, User

from . import documents, learning_sources
from .contents import MAX_TEXT_LENGTH, TEXT_SECTIONS
from .figures import FiguresError, compute_figures
from .models import ADOPTION_FIELDS, ReportDraft, ReportVersion


class ReportError(ValidationError):
    """A report step that is not allowed; the message tells the coordinator why, in Dutch."""


def _check_coordinator(user: User) -> None:
    if not can_manage_reports(user):
        raise ReportError(
            _("Only the complaints coordinator may change the yearly report."), code="forbidden"
        )


def _check_year(year: int) -> None:
    if not 2000 <= year <= timezone.localdate().year:
        raise ReportError({"year": _("There is no report for the year %(year)s.") % {"year": year}})


def draft_for(year: int) -> ReportDraft:
    """The year's draft, unsaved and empty if the coordinator has not written anything yet."""
    return ReportDraft.objects.filter(year=year).first() or ReportDraft(year=year)


@transaction.atomic
def save_texts(*, year: int, texts: dict[str, str], as_of: dt.date | None, acting_user: User) -> ReportDraft:
    """Store the coordinator's texts per section and the reference date of the figures."""
    _check_coordinator(acting_user)
    _check_year(year)
    unknown = sorted(set(texts) - set(TEXT_SECTIONS))
    if unknown:
        raise ReportError(_("Unknown sections: %(sections)s.") % {"sections": ", ".join(unknown)})
    too_long = [key for key, text in texts.items() if len(text) > MAX_TEXT_LENGTH]
    if too_long:
        raise ReportError(
            {key: _("At most %(count)s characters.") % {"count": MAX_TEXT_LENGTH} for key in too_long}
        )
    if as_of is not None and not dt.date(year, 1, 1) <= as_of <= timezone.localdate():
        raise ReportError(
            {
                "as_of": _("Choose a reference date in %(year)s or later, and not in the future.")
                % {"year": year}
            }
        )
    draft = ReportDraft.objects.select_for_update().filter(year=year).first() or ReportDraft(year=year)
    draft.texts = {key: text.strip() for key, text in texts.items() if text.strip()}
    draft.as_of = as_of
    draft.updated_by = acting_user
    draft.save()
    return draft


Progress = Callable[[int, str], None]


def _no_progress(percent: int, step: str) -> None:
    """Finalising in the request: nobody watches the progress."""


def finalise_report(*, year: int, acting_user: User, progress: Progress = _no_progress) -> ReportVersion:
    """Freeze the year's figures, texts and published PDF as the next version of the report.

    The figures and the PDF (seconds of work) are made outside a transaction, so that ``progress``
    (the background job's, ``jobs.py``) can tell how far it is; only storing the version is one
    transaction, which locks the year's draft so two coordinators finalising at once get two numbers.
    """
    _check_coordinator(acting_user)
    _check_year(year)
    draft = draft_for(year)
    municipality = Municipality.current()
    progress(10, gettext_noop("Computing the figures"))
    try:
        figures = compute_figures(year=year, as_of=draft.as_of, municipality=municipality)
    except FiguresError as error:
        raise ReportError({"as_of": str(error)}) from None
    as_of = dt.date.fromisoformat(figures["as_of"])
    progress(40, gettext_noop("Collecting the learning points and actions"))
    version = ReportVersion(
        year=year,
        number=_next_number(year),
        as_of=as_of,
        figures=figures,
        learning=learning_sources.collect(year, as_of),
        texts=dict(draft.texts),
        suppression_threshold=municipality.suppression_threshold,
        finalised_by=acting_user,
        finalised_at=timezone.now(),
    )
    progress(55, gettext_noop("Making the PDF"))
    version.pdf = _pdf(version, municipality)
    progress(90, gettext_noop("Storing the version"))
    with transaction.atomic():
        ReportDraft.objects.get_or_create(year=year)
        ReportDraft.objects.select_for_update().get(year=year)
        number = _next_number(year)
        if number != version.number:  # another version was stored meanwhile: its number is taken
            version.number = number
            version.pdf = _pdf(version, municipality)
        version.save()
    return version


def _next_number(year: int) -> int:
    return (ReportVersion.objects.filter(year=year).aggregate(last=Max("number"))["last"] or 0) + 1


def _pdf(version: ReportVersion, municipality: Municipality) -> bytes:
    return documents.render_pdf(documents.build_for_version(version, municipality=municipality))


@transaction.atomic
def record_adoption(version: ReportVersion, *, adopted_on: dt.date, acting_user: User) -> ReportVersion:
    """Record the date on which the college adopted this version of the report (once)."""
    _check_coordinator(acting_user)
    if version.adopted_on:
        raise ReportError(
            _("The college already adopted this version on %(date)s.")
            % {"date": version.adopted_on.isoformat()}
        )
    if adopted_on > timezone.localdate():
        raise ReportError({"adopted_on": _("The adoption date lies in the future.")})
    if adopted_on < version.as_of:
        raise ReportError(
            {
                "adopted_on": _("The adoption date lies before the reference date of the figures (%(date)s).")
                % {"date": version.as_of.isoformat()}
            }
        )
    version.adopted_on = adopted_on
    version.adoption_recorded_at = timezone.now()
    version.adoption_recorded_by = acting_user
    # The published PDF says the college adopted it; its figures and texts stay as they were.
    version.pdf = documents.render_pdf(documents.build_for_version(version))
    version.save(update_fields=sorted(ADOPTION_FIELDS))
    return version
