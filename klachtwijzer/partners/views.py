"""The partners' pages: the overview for accounthouders, a partner's figures and conversations, the upload.

Thin views: who may see what is in ``access.py`` (a partner one may not see answers 404), changes go
through ``importing.py`` and ``conversations.py``. Every page runs a fixed number of queries whatever the
number of partners, periods or conversations.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klachtwijzer.accounts.access import user_of
from klachtwijzer.accounts.models import Partner, Role, User

from . import access
from .conversations import record_conversation
from .due import partner_reports
from .forms import ConversationForm, FiguresUploadForm
from .importing import RegisterError, import_partner_figures
from .models import PartnerConversation, PartnerFigures


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Your role has no access to the partners' pages."))


@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    """The partners one is accounthouder of (the coordinator: all), with whose report is due."""
    user = user_of(request)
    _require(access.sees_partner_pages(user))
    if user.role == Role.PARTNER:
        return redirect("partners:partner", pk=user.partner_id)
    visible = access.visible_partners(user)
    partners = list(
        visible.prefetch_related(Prefetch("accounthouders", queryset=User.objects.order_by("pk"))).order_by(
            "name"
        )
    )
    reports = {
        report.partner.pk: report for report in partner_reports(partners=Q(pk__in=visible.values("pk")))
    }
    rows = [(partner, reports.get(partner.pk)) for partner in partners]
    return render(request, "partners/overview.html", {"rows": rows, "mine": user.partners_managed.exists()})


def _visible(user: User, pk: int) -> Partner:
    partner = access.visible_partners(user).filter(pk=pk).first()
    if partner is None:
        raise Http404(_("No such partner."))
    return partner


def _partner_page(
    request: HttpRequest, partner: Partner, form: ConversationForm | None = None
) -> HttpResponse:
    user = user_of(request)
    figures = list(
        PartnerFigures.objects.filter(partner=partner)
        .select_related("replacement")
        .order_by("-period_from", "-reported_at")
    )
    conversations = list(PartnerConversation.objects.filter(partner=partner).select_related("recorded_by"))
    reports = partner_reports(partners=Q(pk=partner.pk))
    may_record = access.may_record_conversation(user, partner)
    context = {
        "partner": partner,
        "accounthouders": list(partner.accounthouders.order_by("pk")),
        "figures": figures,
        "conversations": conversations,
        "report": reports[0] if reports else None,
        "may_upload": access.may_report_for(user, partner),
        "may_record": may_record,
        "form": form or (ConversationForm() if may_record else None),
    }
    return render(request, "partners/partner.html", context, status=400 if form and form.errors else 200)


@require_http_methods(["GET"])
def partner(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    _require(access.sees_partner_pages(user))
    return _partner_page(request, _visible(user, pk))


@require_POST
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    _require(access.sees_partner_pages(user))
    partner = _visible(user, pk)
    if not access.may_record_conversation(user, partner):
        raise PermissionDenied(_("Only the partner's accounthouders record conversations with it."))
    form = ConversationForm(request.POST)
    if not form.is_valid():
        return _partner_page(request, partner, form)
    record_conversation(partner=partner, **form.cleaned_data, acting_user=user)
    messages.success(request, _("The conversation is recorded."))
    return redirect("partners:partner", pk=partner.pk)


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """A partner's own user or an accounthouder uploads a figures file: all or nothing."""
    user = user_of(request)
    reportable = (
        Partner.objects.filter(pk=user.partner_id or 0)
        if user.role == Role.PARTNER
        else Partner.objects.filter(accounthouders=user)
    )
    names = list(reportable.order_by("name").values_list("name", flat=True))
    _require(bool(names))
    errors: list[str] = []
    form = FiguresUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            summary = import_partner_figures(
                data=upload_file.read(),
                filename=upload_file.name,
                acting_user=user,
                replace=form.cleaned_data["replace"],
            )
        except RegisterError as error:
            errors = [str(problem) for problem in error.errors]
        else:
            messages.success(request, str(summary))
            if user.role == Role.PARTNER:
                return redirect("partners:partner", pk=user.partner_id)
            return redirect("partners:overview")
    status = 400 if errors or form.errors else 200
    return render(
        request, "partners/upload.html", {"form": form, "errors": errors, "names": names}, status=status
    )
