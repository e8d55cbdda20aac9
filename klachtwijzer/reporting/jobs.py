"""Long report work in the background, with its progress on the page (finalising takes seconds, the
draft's PDF and DOCX too).

A click creates a ``ReportJob`` and queues the task ``run_report_job`` once the transaction commits; the
worker (``klachtwijzer db_worker``) does the work and writes its progress in its own short
transactions, which the job's page shows and refreshes. A second click while a job of the same kind and
year is waiting or busy returns that job: a partial unique constraint in the database makes this hold
when two clicks arrive at once. A job whose worker died stays "busy"; after ``REPORT_JOB_STALE_MINUTES``
without progress the next click marks it failed and starts a new one, so nobody waits forever.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from klachtwijzer.accounts.access import can_manage_reports, can_see_figures
from klachtwijzer.accounts.models import User

from . import documents
from .adoption import ReportError, draft_for, finalise_report
from .models import ReportJob

logger = logging.getLogger(__name__)
Kind, State = ReportJob.Kind, ReportJob.State
UNFINISHED = (State.QUEUED, State.RUNNING)


def _stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.REPORT_JOB_STALE_MINUTES)


def start_report_job(*, kind: str, year: int, acting_user: User) -> ReportJob:
    """Queue ``kind`` for ``year``, or return the job of that kind and year that is already under way."""
    allowed = can_manage_reports(acting_user) if kind == Kind.FINALISE else can_see_figures(acting_user)
    if not allowed:
        raise PermissionDenied(_("Your role gives no access to this page."))
    with transaction.atomic():
        running = ReportJob.objects.select_for_update().filter(kind=kind, year=year, state__in=UNFINISHED)
        for job in running:
            if (job.started_at or job.requested_at) >= _stale_before():
                return job
            job.state, job.finished_at = State.FAILED, timezone.now()
            job.error = _("The work stopped without finishing (the background process stopped). Try again.")
            job.save(update_fields=["state", "finished_at", "error"])
        try:
            with transaction.atomic():
                job = ReportJob.objects.create(kind=kind, year=year, requested_by=acting_user)
        except IntegrityError:  # a click at the same moment made it first
            return ReportJob.objects.get(kind=kind, year=year, state__in=UNFINISHED)
        transaction.on_commit(lambda: run_report_job.enqueue(job.pk))
    return job


def _update(job: ReportJob, **fields: object) -> None:
    """Write the job's progress in its own transaction, so its page sees it at once."""
    for name, value in fields.items():
        setattr(job, name, value)
    ReportJob.objects.filter(pk=job.pk).update(**fields)


def run_job(job_id: int) -> None:
    """Do the job's work (called by the worker's task); a job that is not waiting is left alone."""
    claimed = ReportJob.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING, started_at=timezone.now(), progress=1
    )
    if not claimed:
        return
    job = ReportJob.objects.select_related("requested_by").get(pk=job_id)

    def progress(percent: int, step: str) -> None:
        _update(job, progress=percent, step=step)

    try:
        if job.kind == Kind.FINALISE:
            version = finalise_report(year=job.year, acting_user=job.requested_by, progress=progress)
            _update(job, version=version)
        else:
            progress(10, gettext_noop("Computing the figures"))
            document = documents.build_for_draft(draft_for(job.year), published=True)
            making = (
                gettext_noop("Making the PDF")
                if job.kind == Kind.DRAFT_PDF
                else gettext_noop("Making the Word document")
            )
            progress(50, making)
            content = (
                documents.render_pdf(document)
                if job.kind == Kind.DRAFT_PDF
                else documents.render_docx(document)
            )
            _update(job, result=content)
    except ReportError as error:
        _update(job, state=State.FAILED, error=" ".join(error.messages)[:500], finished_at=timezone.now())
        return
    except Exception:
        logger.exception("report job %s failed", job_id)
        message = _(
            "Something went wrong while making it. Try again; if it fails again, tell the administrator."
        )
        _update(job, state=State.FAILED, error=message, finished_at=timezone.now())
        raise
    _update(job, state=State.DONE, progress=100, step="", finished_at=timezone.now())


@task()
def run_report_job(job_id: int) -> None:
    """The worker's task: finalise the report, or make the draft as PDF or DOCX."""
    run_job(job_id)
