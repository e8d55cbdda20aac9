"""The survey pages (no login): by the private link from the e-mail, or from the status page."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klachtwijzer.accounts.models import Municipality, Role
from klachtwijzer.complaints.forms import add_use_case_error
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.intake import ratelimit

from .answering import AlreadyAnswered, answer_survey, find_invitation, is_answered, works
from .forms import SurveyForm
from .invitations import gets_survey
from .models import Answer, Invitation


def _survey(request: HttpRequest, invitation: Invitation | None, action: str) -> HttpResponse:
    if invitation is None:
        return render(request, "satisfaction/link_expired.html", status=410)
    if is_answered(invitation):
        return render(request, "satisfaction/thanks.html", {"already": True})
    if request.method != "POST":
        return render(request, "satisfaction/survey.html", {"form": SurveyForm(), "action": action})
    form = SurveyForm(request.POST)
    if ratelimit.is_limited(request, "survey"):
        form.is_valid()
        form.add_error(None, _("Too many answers were sent from your internet connection. Try again later."))
        return render(request, "satisfaction/survey.html", {"form": form, "action": action}, status=429)
    if form.is_valid():
        ratelimit.count(request, "survey")
        try:
            answer_survey(invitation, **form.cleaned_data)
        except AlreadyAnswered:
            return render(request, "satisfaction/thanks.html", {"already": True})
        except ValidationError as error:
            add_use_case_error(form, error)
        else:
            return redirect("satisfaction:thanks")
    return render(request, "satisfaction/survey.html", {"form": form, "action": action})


@login_not_required
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    invitation = find_invitation(token, today=timezone.localdate())
    return _survey(request, invitation, request.path)


@login_not_required
@require_http_methods(["GET", "POST"])
def survey_from_status(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """The survey reached through the status link (also for complainants without e-mail)."""
    complaint = get_object_or_404(Complaint, public_token=token)
    today = timezone.localdate()
    invitation = Invitation.objects.filter(complaint=complaint).first()
    usable = (
        invitation is not None
        and complaint.status_link_works(today)
        and gets_survey(complaint)
        and works(invitation, today=today)
    )
    return _survey(request, invitation if usable else None, request.path)


@login_not_required
@require_http_methods(["GET"])
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "satisfaction/thanks.html", {"already": False})


@require_http_methods(["GET"])
def comments(request: HttpRequest) -> HttpResponse:
    """The coordinator's page of comments: no reference, per year and department, small groups hidden.

    Only the coordinator sees it; a group with fewer comments than the suppression threshold shows
    only that it is too small. Two queries whatever the number of answers.
    """
    user = request.user
    if getattr(user, "role", None) != Role.COORDINATOR:
        raise PermissionDenied(_("Only the complaints coordinator sees the comments."))
    threshold = Municipality.current().suppression_threshold
    rows = (
        Answer.objects.exclude(comment="")
        .order_by("-closing_year", "department", "comment")
        .values_list("closing_year", "department", "comment")
    )
    groups: dict[tuple[int, str], list[str]] = {}
    for year, department, comment in rows:
        groups.setdefault((year, department), []).append(comment)
    shown = [
        {
            "year": year,
            "department": department,
            "count": len(texts),
            "comments": texts if len(texts) >= threshold else [],
        }
        for (year, department), texts in groups.items()
    ]
    return render(request, "satisfaction/comments.html", {"groups": shown, "threshold": threshold})
