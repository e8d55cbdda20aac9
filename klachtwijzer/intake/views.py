"""The resident's pages: the public complaint form and the private status page (no login).

The status page is found only through its unguessable link (``Complaint.public_token``, a UUID);
it shows the state, the term, the letters sent to the complainant and, after closing, the outcome
letter. While the complaint is open the resident may add information and files
(``handling.add_information``). Both forms are limited per client address (``ratelimit``).
"""

from __future__ import annotations

import functools
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST

from klachtwijzer.accounts.models import Municipality
from klachtwijzer.complaints import extensions, handling, history
from klachtwijzer.complaints.audit import log_access
from klachtwijzer.complaints.constants import Outcome, Status
from klachtwijzer.complaints.forms import add_use_case_error
from klachtwijzer.complaints.models import Complaint, PersonalDataAccess
from klachtwijzer.letters.models import Letter, LetterKind
from klachtwijzer.letters.rendering import body_html

from . import ratelimit
from .forms import ComplaintForm, InformationForm
from .submissions import submit_complaint

FINAL_KINDS = (
    LetterKind.OUTCOME,
    LetterKind.NOT_HANDLING,
    LetterKind.NOT_A_COMPLAINT,
    LetterKind.INFORMAL,
    LetterKind.FORWARDING,
    LetterKind.WITHDRAWAL,
)


def _too_many() -> str:
    return _("Too many forms have been sent from your internet connection in the past hour. Try again later.")


@login_not_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "intake/form.html", {"form": ComplaintForm()})
    form = ComplaintForm(request.POST, request.FILES)
    if ratelimit.is_limited(request, "submit"):
        form.is_valid()
        form.add_error(None, _too_many())
        return render(request, "intake/form.html", {"form": form}, status=429)
    valid = form.is_valid()
    if valid or form.has_error("__all__", "honeypot"):
        ratelimit.count(request, "submit")
    if valid:
        department, partner = form.department_and_partner()
        try:
            complaint = submit_complaint(
                data=form.cleaned_data,
                department=department,
                partner=partner,
                uploads=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            add_use_case_error(form, error)
        else:
            return redirect("intake:submitted", token=complaint.public_token)
    return render(request, "intake/form.html", {"form": form})


class StatusLinkExpired(Exception):
    """The link was revoked or expired after closing: answered with a page that says so (410)."""


def _complaint(token: uuid.UUID) -> Complaint:
    complaint = get_object_or_404(Complaint.objects.select_related("personal_data"), public_token=token)
    if not complaint.status_link_works(timezone.localdate()):
        raise StatusLinkExpired
    return complaint


def _status_link(view: Any) -> Any:
    """A page behind the status link: a revoked or expired link gets a page that says so (410)."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response: HttpResponse = view(request, *args, **kwargs)
            return response
        except StatusLinkExpired:
            return render(request, "intake/link_expired.html", status=410)

    return checked


@login_not_required
@require_http_methods(["GET"])
@_status_link
def submitted(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    complaint = _complaint(token)
    return render(
        request,
        "intake/submitted.html",
        {"complaint": complaint, "status_url": _status_url(request, complaint)},
    )


def _status_url(request: HttpRequest, complaint: Complaint) -> str:
    from django.urls import reverse

    return request.build_absolute_uri(reverse("intake:status", kwargs={"token": complaint.public_token}))


def _status_page(
    request: HttpRequest, complaint: Complaint, form: InformationForm | None, status: int = 200
) -> HttpResponse:
    letters = list(Letter.objects.filter(complaint=complaint).to_complainant().sent().order_by("date", "pk"))
    final = next((letter for letter in reversed(letters) if letter.kind in FINAL_KINDS), None)
    return render(
        request,
        "intake/status.html",
        {
            "complaint": complaint,
            "letters": letters,
            "final_letter": final,
            "final_body": body_html(final.body) if final else "",
            "additions": list(complaint.messages.order_by("received_at")),
            "files": list(complaint.attachments.filter(from_complainant=True)),
            "form": form if complaint.is_open else None,
            "waiting": complaint.status == Status.WAITING,
            "not_a_complaint": complaint.outcome == Outcome.NOT_A_COMPLAINT,
            "extra_parts": extensions.status_page_parts(complaint),
        },
        status=status,
    )


@login_not_required
@require_http_methods(["GET"])
@_status_link
def status(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    complaint = _complaint(token)
    return _status_page(request, complaint, InformationForm() if complaint.is_open else None)


@login_not_required
@require_POST
@_status_link
def add_information(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    complaint = _complaint(token)
    if not complaint.is_open:
        messages.error(request, _("Your complaint has been closed; you can no longer add information here."))
        return redirect("intake:status", token=complaint.public_token)
    form = InformationForm(request.POST, request.FILES)
    if ratelimit.is_limited(request, "add"):
        form.is_valid()
        form.add_error(None, _too_many())
        return _status_page(request, complaint, form, status=429)
    if form.is_valid():
        ratelimit.count(request, "add")
        try:
            handling.add_information(
                complaint,
                text=form.cleaned_data["text"],
                uploads=form.cleaned_data["attachments"],
                acting_user=None,
                actor_label=history.complainant_via_status_page(),
            )
        except ValidationError as error:
            add_use_case_error(form, error)
        else:
            messages.success(request, _("Thank you. Your information has been added to your complaint."))
            return redirect("intake:status", token=complaint.public_token)
    return _status_page(request, complaint, form)


@login_not_required
@require_http_methods(["GET"])
@_status_link
def letter_pdf(request: HttpRequest, token: uuid.UUID, pk: int) -> FileResponse:
    complaint = _complaint(token)
    letter = get_object_or_404(Letter.objects.to_complainant().sent(), complaint=complaint, pk=pk)
    if not letter.pdf:
        raise Http404
    try:
        handle = letter.pdf.open("rb")
    except OSError as error:
        raise Http404 from error
    log_access(
        None,
        complaint,
        PersonalDataAccess.Action.DOWNLOAD,
        f"letter {letter.pk} pdf",
        actor_label=_("complainant (status link)"),
    )
    letter.complaint = complaint
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{letter.file_stem}.pdf",
        content_type="application/pdf",
    )


@login_not_required
@require_http_methods(["GET"])
@cache_control(public=True, max_age=3600)
def logo(request: HttpRequest) -> FileResponse:
    municipality = Municipality.current()
    if not municipality.logo:
        raise Http404
    try:
        handle = municipality.logo.open("rb")
    except (OSError, ValueError) as error:
        raise Http404 from error
    return FileResponse(handle)
