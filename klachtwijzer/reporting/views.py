"""The report pages in the back office (/rapportage/): the dashboard, the year's report and its versions.

Everyone who may see figures (``can_see_figures``: coordinator, managers, handlers, board members)
reads the dashboard and the reports and downloads them; only the coordinator
(``can_manage_reports``) writes texts, finalises and records adoption. The pages show departments
and totals, never persons, and read no personal data. Each page runs a fixed number of queries.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from klachtwijzer.accounts.access import can_manage_reports, can_see_dashboard, can_see_figures, user_of
from klachtwijzer.accounts.models import Municipality

from . import documents, formatting, publication
from .adoption import ReportError, draft_for, record_adoption, save_texts
from .figures import compute_figures
from .forms import AdoptionForm, ReportTextsForm
from .jobs import start_report_job
from .models import ReportJob, ReportVersion
from .proposal import write_proposal

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LIGHT_FIELDS = ("pdf", "figures", "learning", "texts")


def _check_viewer(request: HttpRequest) -> None:
    if not can_see_figures(user_of(request)):
        raise PermissionDenied


def _check_coordinator(request: HttpRequest) -> None:
    if not can_manage_reports(user_of(request)):
        raise PermissionDenied


def _check_year(year: int) -> None:
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The dashboard: this year's figures so far, earlier years, and the finalised reports."""
    _check_viewer(request)
    today = timezone.localdate()
    figures = compute_figures(year=today.year, as_of=today, municipality=Municipality.current())
    versions = ReportVersion.objects.defer(*LIGHT_FIELDS)
    return render(
        request,
        "reporting/index.html",
        {
            "figures": figures,
            "as_of_text": formatting.long_date(today),
            "years": [figures, *figures["previous_years"]],
            "versions": list(versions),
            "can_see_dashboard": can_see_dashboard(request.user),  # type: ignore[arg-type]
        },
    )


def _report_page(
    request: HttpRequest, year: int, form: ReportTextsForm | None = None, status: int = 200
) -> HttpResponse:
    draft = draft_for(year)
    published = request.GET.get("publicatie") == "1"
    document = documents.attach_charts(documents.build_for_draft(draft, published=published))
    manage = can_manage_reports(user_of(request))
    if manage and form is None:
        form = ReportTextsForm(initial={**draft.texts, "as_of": draft.as_of})
    context = {
        "document": document,
        "year": year,
        "published": published,
        "draft": draft,
        "versions": list(ReportVersion.objects.filter(year=year).defer(*LIGHT_FIELDS)),
        "form": form,
        "can_manage": manage,
    }
    return render(request, "reporting/report.html", context, status=status)


@require_GET
def report(request: HttpRequest, year: int) -> HttpResponse:
    """The year's report as it stands: live figures with the coordinator's texts."""
    _check_viewer(request)
    _check_year(year)
    return _report_page(request, year)


@require_POST
def report_texts(request: HttpRequest, year: int) -> HttpResponse:
    _check_coordinator(request)
    _check_year(year)
    form = ReportTextsForm(request.POST)
    if form.is_valid():
        try:
            save_texts(
                year=year,
                texts=form.texts(),
                as_of=form.cleaned_data["as_of"],
                acting_user=user_of(request),
            )
        except ReportError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The texts of the report have been saved."))
            return redirect("reporting:report", year=year)
    return _report_page(request, year, form=form, status=400)


@require_POST
def report_finalise(request: HttpRequest, year: int) -> HttpResponse:
    """Finalise in the background (``jobs.py``); the job's page shows the progress and then the version."""
    _check_coordinator(request)
    _check_year(year)
    job = start_report_job(kind=ReportJob.Kind.FINALISE, year=year, acting_user=user_of(request))
    return redirect(job)


@require_POST
def report_make(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """Make the draft as PDF or DOCX in the background; the job's page offers it when it is ready."""
    _check_viewer(request)
    _check_year(year)
    kinds = {"pdf": ReportJob.Kind.DRAFT_PDF, "docx": ReportJob.Kind.DRAFT_DOCX}
    if fmt not in kinds:
        raise Http404
    return redirect(start_report_job(kind=kinds[fmt], year=year, acting_user=user_of(request)))


def _job(request: HttpRequest, year: int, pk: int) -> ReportJob:
    job = get_object_or_404(ReportJob.objects.select_related("version"), year=year, pk=pk)
    if job.kind == ReportJob.Kind.FINALISE:
        _check_coordinator(request)
    else:
        _check_viewer(request)
    return job


@require_GET
def job(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    """A report job's progress; the page asks again every few seconds until it is ready or failed."""
    found = _job(request, year, pk)
    template = "reporting/_job.html" if request.headers.get("HX-Request") else "reporting/job.html"
    return render(request, template, {"job": found, "year": year})


@require_GET
def job_download(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    """The document a finished draft job made."""
    found = _job(request, year, pk)
    if found.state != ReportJob.State.DONE or found.result is None:
        raise Http404
    name = f"jaarverslag-klachten-{year}-concept"
    if found.kind == ReportJob.Kind.DRAFT_PDF:
        return _download(bytes(found.result), f"{name}.pdf", "application/pdf")
    return _download(bytes(found.result), f"{name}.docx", DOCX)


@require_GET
def report_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """The draft as JSON (all figures), or as PDF or DOCX as it would be published."""
    _check_viewer(request)
    _check_year(year)
    draft = draft_for(year)
    if fmt == "json":
        figures = compute_figures(year=year, as_of=draft.as_of)
        return JsonResponse(figures, json_dumps_params={"ensure_ascii": False, "indent": 2})
    document = documents.build_for_draft(draft, published=True)
    name = f"jaarverslag-klachten-{year}-concept"
    if fmt == "pdf":
        return _download(documents.render_pdf(document), f"{name}.pdf", "application/pdf")
    if fmt == "docx":
        return _download(documents.render_docx(document), f"{name}.docx", DOCX)
    raise Http404


def _version(year: int, number: int) -> ReportVersion:
    return get_object_or_404(ReportVersion, year=year, number=number)


@require_GET
def version(request: HttpRequest, year: int, number: int) -> HttpResponse:
    """A finalised version, from its frozen figures and texts."""
    _check_viewer(request)
    frozen = _version(year, number)
    published = request.GET.get("publicatie") == "1"
    document = documents.attach_charts(documents.build_for_version(frozen, published=published))
    manage = can_manage_reports(user_of(request))
    context = {
        "document": document,
        "version": frozen,
        "year": year,
        "published": published,
        "can_manage": manage,
        "adoption_form": AdoptionForm() if manage and not frozen.adopted_on else None,
    }
    return render(request, "reporting/version.html", context)


@require_POST
def version_adopt(request: HttpRequest, year: int, number: int) -> HttpResponse:
    _check_coordinator(request)
    frozen = _version(year, number)
    form = AdoptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fill in the date on which the college adopted the report."))
        return redirect(frozen)
    try:
        record_adoption(frozen, adopted_on=form.cleaned_data["adopted_on"], acting_user=user_of(request))
    except ReportError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The adoption by the college has been recorded."))
    return redirect(frozen)


@require_GET
def version_download(request: HttpRequest, year: int, number: int, name: str) -> HttpResponse:
    """A version's documents: the frozen PDF, the DOCX, the figures, the college proposal and open data."""
    _check_viewer(request)
    frozen = _version(year, number)
    stem = publication.file_stem(frozen)
    if name == "jaarverslag.pdf":
        return _download(bytes(frozen.pdf), f"jaarverslag-{stem}.pdf", "application/pdf")
    if name == "jaarverslag.docx":
        document = documents.build_for_version(frozen, published=True)
        return _download(documents.render_docx(document), f"jaarverslag-{stem}.docx", DOCX)
    if name == "cijfers.json":
        return JsonResponse(frozen.figures, json_dumps_params={"ensure_ascii": False, "indent": 2})
    if name == "collegevoorstel.docx":
        _check_coordinator(request)
        document = documents.build_for_version(frozen, published=True)
        return _download(write_proposal(document, frozen.figures), f"collegevoorstel-{stem}.docx", DOCX)
    if name == "register.csv":
        return _download(publication.to_csv(frozen), f"register-{stem}.csv", "text/csv; charset=utf-8")
    if name == "register.json":
        return _download(publication.to_json(frozen), f"register-{stem}.json", "application/json")
    if name == "publicatie.zip":
        if not frozen.adopted_on:
            messages.error(request, _("Only a report adopted by the college is published."))
            return redirect(frozen)
        return _download(publication.package(frozen), f"publicatie-{stem}.zip", "application/zip")
    raise Http404
