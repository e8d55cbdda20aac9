"""The ombudsman pages: the coordinator's queue of open cases, a case, and its changes (thin views)."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klachtwijzer.accounts.access import user_of
from klachtwijzer.accounts.models import User
from klachtwijzer.complaints import access as case_access
from klachtwijzer.complaints import audit
from klachtwijzer.complaints.extensions import Panel
from klachtwijzer.complaints.models import Complaint, PersonalDataAccess

from . import access, forms, handling
from .handling import configured_ombudsman
from .models import Action, CaseDocument, OmbudsmanCase, Recommendation, Response, ResponseDeadline


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Your role gives no access to this page."))


@require_http_methods(["GET"])
def queue(request: HttpRequest) -> HttpResponse:
    """The open cases with their first open response deadline, overdue first, then by that deadline."""
    user = user_of(request)
    _require(access.sees_cases(user))
    today = timezone.localdate()
    cases = list(
        access.visible_cases(user)
        .filter(action=Action.OPEN)
        .select_related("complaint", "complaint__department")
        .annotate(
            next_due=Min("deadlines__due_on", filter=Q(deadlines__done_on__isnull=True)),
            open_deadlines=Count("deadlines", filter=Q(deadlines__done_on__isnull=True)),
        )
    )
    far = today.replace(year=today.year + 100)
    cases.sort(key=lambda case: (case.next_due is None, case.next_due or far, case.petition_on, case.pk))
    return render(request, "ombudsman/queue.html", {"cases": cases, "today": today})


def _case_for(user: User, pk: int) -> OmbudsmanCase:
    case = get_object_or_404(
        access.visible_cases(user).select_related("complaint", "complaint__department"), pk=pk
    )
    return case


@require_http_methods(["GET"])
def case(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    _require(access.sees_cases(user))
    found = _case_for(user, pk)
    context: dict[str, Any] = {
        "case": found,
        "judgements": found.judgements.select_related("norm", "element"),
        "recommendations": found.recommendations.all(),
        "deadlines": found.deadlines.all(),
        "documents": found.documents.all(),
        "today": timezone.localdate(),
        "can_change": access.changes_cases(user),
        "response_choices": Response.choices,
    }
    if context["can_change"]:
        context |= {
            "outcome_form": forms.OutcomeForm(prefix="outcome", initial={"action": found.action}),
            "judgement_form": forms.JudgementForm(prefix="judgement", complaint=found.complaint),
            "recommendation_form": forms.RecommendationForm(prefix="recommendation"),
            "deadline_form": forms.DeadlineForm(prefix="deadline"),
        }
    return render(request, "ombudsman/case.html", context)


def _apply(request: HttpRequest, form: django_forms.Form, run: Any, back: str) -> HttpResponse | None:
    """Run a use case from a valid form; errors (the form's or the use case's) come back in Dutch."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            for field, messages_of_field in error.message_dict.items():
                for message in messages_of_field:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    return None


@require_http_methods(["GET", "POST"])
def open_case(request: HttpRequest, reference: str) -> HttpResponse:
    user = user_of(request)
    _require(access.changes_cases(user))
    complaint = get_object_or_404(case_access.visible_complaints(user), reference=reference)
    name, kind = configured_ombudsman()
    form = forms.OpenCaseForm(request.POST or None, initial={"ombudsman_name": name, "ombudsman_kind": kind})
    if request.method == "POST":
        created: list[OmbudsmanCase] = []

        def run(data: dict[str, Any]) -> None:
            created.append(handling.open_case(complaint=complaint, acting_user=user, **data))

        if form.is_valid():
            response = _apply(request, form, run, complaint.get_absolute_url())
            if response is not None:
                return redirect("ombudsman:case", pk=created[0].pk)
    status = 400 if form.errors else 200
    return render(request, "ombudsman/open.html", {"form": form, "complaint": complaint}, status=status)


@require_http_methods(["POST"])
def change(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """One change of a case: its outcome, a judgement, a recommendation or a response deadline."""
    user = user_of(request)
    _require(access.changes_cases(user))
    found = _case_for(user, pk)
    back = reverse("ombudsman:case", args=[found.pk])
    form: django_forms.Form
    run: Any
    if slug == "uitkomst":
        form = forms.OutcomeForm(request.POST, prefix="outcome")

        def run(data: dict[str, Any]) -> object:
            return handling.record_outcome(
                found, action=data["action"], action_on=data["action_on"], acting_user=user
            )

    elif slug == "oordeel":
        form = forms.JudgementForm(request.POST, prefix="judgement", complaint=found.complaint)

        def run(data: dict[str, Any]) -> object:
            return handling.judge_element(
                found, norm=data["norm"], verdict=data["verdict"], element=data["element"], acting_user=user
            )

    elif slug == "aanbeveling":
        form = forms.RecommendationForm(request.POST, prefix="recommendation")

        def run(data: dict[str, Any]) -> object:
            return handling.add_recommendation(found, text=data["text"], acting_user=user)

    elif slug == "termijn":
        form = forms.DeadlineForm(request.POST, prefix="deadline")

        def run(data: dict[str, Any]) -> object:
            return handling.add_deadline(
                found, description=data["description"], due_on=data["due_on"], acting_user=user
            )

    else:
        raise PermissionDenied
    response = _apply(request, form, run, back)
    if response is not None:
        return response
    return _invalid(request, found, form)


def _invalid(request: HttpRequest, found: OmbudsmanCase, form: django_forms.Form) -> HttpResponse:
    errors = [str(message) for message in form.non_field_errors()]
    for field in form:
        errors += [f"{field.label}: {message}" for message in field.errors]
    return render(request, "ombudsman/errors.html", {"case": found, "errors": errors}, status=400)


@require_http_methods(["POST"])
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    _require(access.changes_cases(user))
    recommendation = get_object_or_404(
        Recommendation.objects.filter(case__in=access.visible_cases(user)).select_related("case__complaint"),
        pk=pk,
    )
    form = forms.ResponseForm(request.POST)

    def run(data: dict[str, Any]) -> object:
        return handling.respond_to_recommendation(
            recommendation, response=data["response"], explanation=data["explanation"], acting_user=user
        )

    response = _apply(request, form, run, reverse("ombudsman:case", args=[recommendation.case_id]))
    return response or _invalid(request, recommendation.case, form)


@require_http_methods(["POST"])
def deadline_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    _require(access.changes_cases(user))
    deadline = get_object_or_404(
        ResponseDeadline.objects.filter(case__in=access.visible_cases(user)).select_related(
            "case__complaint"
        ),
        pk=pk,
    )
    form = forms.DoneForm(request.POST)

    def run(data: dict[str, Any]) -> object:
        return handling.complete_deadline(deadline, done_on=data["done_on"], acting_user=user)

    response = _apply(request, form, run, reverse("ombudsman:case", args=[deadline.case_id]))
    return response or _invalid(request, deadline.case, form)


def complaint_panel(user: User, complaint: Complaint) -> Panel:
    """The ombudsman section of the complaint page: its cases (one query) and, for the coordinator, a link."""
    cases = list(complaint.ombudsman_cases.all()) if access.can_view_complaint_cases(user, complaint) else []
    return Panel(
        template="ombudsman/_complaint_panel.html",
        context={
            "ombudsman_cases": cases,
            "ombudsman_may_open": access.changes_cases(user),
            "ombudsman_complaint": complaint,
        },
        anchor="ombudsman",
        label=_("Ombudsman"),
    )


@require_http_methods(["POST"])
def add_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload documents exchanged with the ombudsman (coordinator only)."""
    user = user_of(request)
    _require(access.changes_cases(user))
    found = _case_for(user, pk)
    try:
        handling.add_documents(
            found,
            uploads=request.FILES.getlist("files"),
            received=request.POST.get("direction", "received") != "sent",
            acting_user=user,
        )
    except ValidationError as error:
        errors = [
            str(message) for messages_of_field in error.message_dict.values() for message in messages_of_field
        ]
        return render(request, "ombudsman/errors.html", {"case": found, "errors": errors}, status=400)
    messages.success(request, _("Saved."))
    return redirect("ombudsman:case", pk=found.pk)


@require_http_methods(["GET"])
def document(request: HttpRequest, pk: int) -> FileResponse:
    """Hand out a document of a case to someone who may read the case, and log it."""
    user = user_of(request)
    _require(access.sees_cases(user))
    item = get_object_or_404(
        CaseDocument.objects.filter(case__in=access.visible_cases(user)).select_related("case__complaint"),
        pk=pk,
    )
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    audit.log_access(user, item.case.complaint, PersonalDataAccess.Action.DOWNLOAD, detail=item.filename)
    return FileResponse(handle, as_attachment=True, filename=item.filename, content_type=item.content_type)
