"""The retention pages (docs/retention.md): what is due, destruction lists and legal holds.

For the coordinator and the records manager (``accounts.access.can_manage_retention``). The pages show
references, departments, dates and Selectielijst results, never a complainant's personal data, so the
records manager needs no access to complaint files. The rules are the use cases in ``destruction.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klachtwijzer.accounts.access import can_manage_retention, user_of
from klachtwijzer.accounts.models import User

from . import destruction
from .models import Complaint, DestructionList, LegalHold
from .retention_forms import AsOfForm, HoldForm, LiftForm

# At most this many due complaints and past lists are shown (the page's queries stay fixed).
SHOWN = 200


def _user(request: HttpRequest) -> User:
    user = user_of(request)
    if not can_manage_retention(user):
        raise PermissionDenied(_("Your role gives no access to this page."))
    return user


def _as_of(request: HttpRequest) -> tuple[AsOfForm, dt.date]:
    today = timezone.localdate()
    if "as_of" not in request.GET:
        return AsOfForm(initial={"as_of": today}), today
    form = AsOfForm(request.GET)
    return form, (form.cleaned_data["as_of"] if form.is_valid() else today)


def _overview(request: HttpRequest, *, hold_form: HoldForm | None = None, status: int = 200) -> HttpResponse:
    form, as_of = _as_of(request)
    due = destruction.due(as_of).select_related("department")
    holds = LegalHold.objects.filter(lifted_at__isnull=True).select_related("complaint", "placed_by")
    context: dict[str, Any] = {
        "form": form,
        "as_of": as_of,
        "due": list(due[:SHOWN]),
        "due_count": due.count(),
        "shown": SHOWN,
        "holds": list(holds[:SHOWN]),
        "hold_form": hold_form or HoldForm(),
        "lift_form": LiftForm(),
        "lists": list(DestructionList.objects.select_related("proposed_by", "approved_by")[:SHOWN]),
    }
    return render(request, "complaints/retention/overview.html", context, status=status)


@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    _user(request)
    return _overview(
        request, status=400 if "as_of" in request.GET and not _as_of(request)[0].is_valid() else 200
    )


def _errors(
    request: HttpRequest, form: django_forms.Form | None, error: ValidationError | None
) -> HttpResponse:
    found: list[str] = []
    if form is not None:
        found += [str(message) for message in form.non_field_errors()]
        for field in form:
            found += [f"{field.label}: {message}" for message in field.errors]
    if error is not None:
        found += [str(message) for message in error.messages]
    return render(request, "complaints/retention/errors.html", {"errors": found}, status=400)


def _run(request: HttpRequest, form: django_forms.Form, run: Callable[[dict[str, Any]], str]) -> HttpResponse:
    """Run a use case from a valid form and go where it says; errors come back in Dutch, nothing stored."""
    if not form.is_valid():
        return _errors(request, form, None)
    try:
        back = run(form.cleaned_data)
    except ValidationError as error:
        return _errors(request, None, error)
    messages.success(request, _("Saved."))
    return redirect(back)


@require_http_methods(["POST"])
def propose(request: HttpRequest) -> HttpResponse:
    user = _user(request)

    def run(data: dict[str, Any]) -> str:
        proposed = destruction.propose(as_of=data["as_of"], acting_user=user)
        return reverse("complaints:retention_list", args=[proposed.pk])

    return _run(request, AsOfForm(request.POST), run)


@require_http_methods(["GET"])
def destruction_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = get_object_or_404(DestructionList.objects.select_related("proposed_by", "approved_by"), pk=pk)
    complaints = list(
        Complaint.objects.filter(reference__in=found.references)
        .select_related("department")
        .order_by("destroy_on", "reference")[:SHOWN]
    )
    context = {
        "list": found,
        "complaints": complaints,
        "shown": SHOWN,
        "may_approve": found.state == DestructionList.State.PROPOSED and found.proposed_by_id != user.pk,
        "proposed_by_me": found.proposed_by_id == user.pk,
        "counts": sorted((found.counts or {}).items()),
    }
    return render(request, "complaints/retention/list.html", context)


@require_http_methods(["POST"])
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = get_object_or_404(DestructionList, pk=pk)

    def run(data: dict[str, Any]) -> str:
        destruction.approve(found, acting_user=user)
        return reverse("complaints:retention_list", args=[found.pk])

    return _run(request, django_forms.Form(request.POST), run)


@require_http_methods(["POST"])
def carry_out(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = get_object_or_404(DestructionList, pk=pk)

    def run(data: dict[str, Any]) -> str:
        destruction.carry_out(found, acting_user=user)
        return reverse("complaints:retention_list", args=[found.pk])

    return _run(request, django_forms.Form(request.POST), run)


@require_http_methods(["POST"])
def place_hold(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = HoldForm(request.POST)
    if form.is_valid() and not Complaint.objects.filter(reference=form.cleaned_data["reference"]).exists():
        form.add_error("reference", _("There is no complaint with this reference."))

    def run(data: dict[str, Any]) -> str:
        complaint = Complaint.objects.get(reference=data["reference"])
        destruction.place_hold(complaint, reason=data["reason"], acting_user=user)
        return reverse("complaints:retention")

    return _run(request, form, run)


@require_http_methods(["POST"])
def lift_hold(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    hold = get_object_or_404(LegalHold.objects.select_related("complaint"), pk=pk)

    def run(data: dict[str, Any]) -> str:
        destruction.lift_hold(hold, reason=data["reason"], acting_user=user)
        return reverse("complaints:retention")

    return _run(request, LiftForm(request.POST), run)
