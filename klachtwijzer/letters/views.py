"""Staff pages for letters: a complaint's letters, composing (kind → preview → send or post),
downloads (logged, AVG) and the coordinator's template editor.

Access follows ``complaints/access.py``: 404 for a complaint the user may not see, composing and sending
only for those who may take the step the letter belongs to.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klachtwijzer.accounts.access import user_of
from klachtwijzer.accounts.models import Municipality, User
from klachtwijzer.complaints.access import can_act, can_view
from klachtwijzer.complaints.audit import log_access
from klachtwijzer.complaints.models import Complaint, PersonalDataAccess
from klachtwijzer.complaints.workflow import Step

from . import composing, context, rendering, sending
from .context import LetterError
from .forms import ComposeForm, KindForm, TemplateForm
from .models import Letter, LetterChannel, LetterKind, LetterTemplate
from .standard_texts import standard_text
from .template_editing import save_letter_template

KIND_STEPS = {
    LetterKind.ACKNOWLEDGEMENT: Step.ACKNOWLEDGE,
    LetterKind.NOT_HANDLING: Step.DECLINE,
    LetterKind.COPY: Step.COPY,
    LetterKind.HEARING: Step.HEARING,
    LetterKind.EXTENSION: Step.EXTEND,
    LetterKind.OUTCOME: Step.CLOSE_JUDGED,
    LetterKind.NOT_A_COMPLAINT: Step.TRIAGE,
    LetterKind.HEARING_REPORT: Step.HEARING,
    LetterKind.INFORMAL: Step.RESOLVE_INFORMALLY,
    LetterKind.FORWARDING: Step.FORWARD,
    LetterKind.WITHDRAWAL: Step.WITHDRAW,
    LetterKind.REQUEST_TO_COMPLETE: Step.REQUEST_COMPLETION,
}
FORMATS = {
    "pdf": ("pdf", "application/pdf"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def _complaint(request: HttpRequest, reference: str) -> Complaint:
    complaint = get_object_or_404(
        Complaint.objects.select_related("personal_data", "department", "handler"), reference=reference
    )
    if not can_view(user_of(request), complaint):
        raise Http404
    return complaint


def _kinds_for(user: User, complaint: Complaint) -> list[str]:
    return [kind for kind, step in KIND_STEPS.items() if can_act(user, complaint, step.value)]


def _letter(complaint: Complaint, pk: int) -> Letter:
    letter = get_object_or_404(
        Letter.objects.select_related("created_by", "sent_by"), pk=pk, complaint=complaint
    )
    letter.complaint = complaint
    return letter


@require_http_methods(["GET"])
def complaint_letters(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = _complaint(request, reference)
    user = user_of(request)
    letters = list(Letter.objects.filter(complaint=complaint).select_related("created_by", "sent_by"))
    log_access(user, complaint, PersonalDataAccess.Action.VIEW, "letters")
    kinds = _kinds_for(user, complaint)
    return render(
        request,
        "letters/complaint_letters.html",
        {"complaint": complaint, "letters": letters, "kind_form": KindForm(kinds=kinds) if kinds else None},
    )


def _compose_context(complaint: Complaint, kind: str, municipality: Municipality) -> str:
    """'' when a letter of ``kind`` can be made now, else the reasons why not."""
    try:
        context.check_ready(complaint, kind, municipality)
    except LetterError as error:
        return " ".join(error.messages)
    return ""


@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = _complaint(request, reference)
    user = user_of(request)
    data = request.POST if request.method == "POST" else request.GET
    kind_form = KindForm(data, kinds=_kinds_for(user, complaint))
    if not kind_form.is_valid():
        messages.error(request, _("Choose a kind of letter you may make for this complaint."))
        return redirect("letters:complaint_letters", reference=complaint.reference)
    kind = kind_form.cleaned_data["kind"]
    municipality = Municipality.current()
    page = {"complaint": complaint, "kind": kind, "kind_label": LetterKind(kind).label, "preview": None}
    not_ready = _compose_context(complaint, kind, municipality)
    if not_ready:
        return render(request, "letters/compose.html", {**page, "not_ready": not_ready, "form": None})
    recipients = composing.recipients_for(complaint, kind)
    if not recipients:
        message = _("Record who is complained about first.")
        return render(request, "letters/compose.html", {**page, "not_ready": message, "form": None})
    # The page shows the recipients' names and addresses and, on preview, the letter text.
    step = "letter preview" if request.method == "POST" else "letter compose"
    log_access(user, complaint, PersonalDataAccess.Action.VIEW, detail=f"{step} {kind}")
    reason = complaint.extension_reason if kind == LetterKind.EXTENSION else ""
    if request.method == "GET":
        form = ComposeForm(recipients=recipients, reason=reason)
        return render(request, "letters/compose.html", {**page, "form": form})
    form = ComposeForm(request.POST, recipients=recipients, reason=reason)
    action = request.POST.get("action", "preview")
    if form.is_valid():
        response = _compose_action(request, complaint, kind, form, action, page)
        if response is not None:
            return response
    return render(request, "letters/compose.html", {**page, "form": form}, status=200)


def _compose_action(
    request: HttpRequest,
    complaint: Complaint,
    kind: str,
    form: ComposeForm,
    action: str,
    page: dict[str, Any],
) -> HttpResponse | None:
    user = user_of(request)
    recipient = form.chosen_recipient()
    channel = LetterChannel.EMAIL if action == "email" else LetterChannel.POST
    arguments = {
        "kind": kind,
        "recipient": recipient,
        "extra": form.cleaned_data["extra"],
        "with_reason": bool(form.cleaned_data.get("with_reason")),
        "acting_user": user,
    }
    try:
        if action not in ("email", "post"):
            draft = composing.draft_letter(complaint, channel=LetterChannel.POST, **arguments)
            page["preview"] = {
                "letter": draft,
                "body": rendering.preview_html(draft, Municipality.current()),
                "can_email": bool(recipient.email),
            }
            return render(request, "letters/compose.html", {**page, "form": form})
        letter = sending.issue_letter(complaint, channel=channel, **arguments)
    except LetterError as error:
        for message in error.messages:
            form.add_error(None, message)
        return None
    if channel == LetterChannel.EMAIL:
        messages.success(request, _("The letter has been made and is being sent by e-mail."))
    else:
        messages.success(
            request, _("The letter has been made. Download it, post it and then mark it as posted.")
        )
    return redirect(letter.get_absolute_url())


@require_http_methods(["GET"])
def detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    complaint = _complaint(request, reference)
    letter = _letter(complaint, pk)
    user = user_of(request)
    log_access(user, complaint, PersonalDataAccess.Action.VIEW, f"letter {letter.pk}")
    return render(
        request,
        "letters/detail.html",
        {
            "complaint": complaint,
            "letter": letter,
            "body": rendering.preview_html(letter, Municipality.current()),
            "may_act": can_act(user, complaint, KIND_STEPS[LetterKind(letter.kind)].value),
        },
    )


@require_http_methods(["GET"])
def download(request: HttpRequest, reference: str, pk: int, fmt: str) -> FileResponse:
    complaint = _complaint(request, reference)
    letter = _letter(complaint, pk)
    if fmt not in FORMATS:
        raise Http404
    extension, content_type = FORMATS[fmt]
    field = letter.pdf if fmt == "pdf" else letter.docx
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except OSError as error:
        raise Http404 from error
    log_access(
        user_of(request), complaint, PersonalDataAccess.Action.DOWNLOAD, f"letter {letter.pk} {extension}"
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{letter.file_stem}.{extension}",
        content_type=content_type,
    )


def _actionable_letter(request: HttpRequest, reference: str, pk: int) -> tuple[Letter, User]:
    complaint = _complaint(request, reference)
    letter = _letter(complaint, pk)
    user = user_of(request)
    if not can_act(user, complaint, KIND_STEPS[LetterKind(letter.kind)].value):
        raise PermissionDenied
    return letter, user


@require_POST
def mark_posted(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    letter, user = _actionable_letter(request, reference, pk)
    try:
        composing.mark_posted(letter, acting_user=user)
    except LetterError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The letter is recorded as posted."))
    return redirect(letter.get_absolute_url())


@require_POST
def retry(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    letter, user = _actionable_letter(request, reference, pk)
    if sending.resend_letter(letter, acting_user=user):
        messages.success(request, _("The letter is being sent again."))
    return redirect(letter.get_absolute_url())


def _coordinator(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.is_coordinator:
        raise PermissionDenied
    return user


@require_http_methods(["GET"])
def templates(request: HttpRequest) -> HttpResponse:
    _coordinator(request)
    existing = {template.kind: template for template in LetterTemplate.objects.select_related("updated_by")}
    rows = [(kind, existing.get(kind)) for kind in LetterKind]
    return render(request, "letters/templates.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def edit_template(request: HttpRequest, kind: str) -> HttpResponse:
    user = _coordinator(request)
    if kind not in LetterKind.values:
        raise Http404
    template = LetterTemplate.objects.filter(kind=kind).first()
    if template is None:
        subject, body = standard_text(kind)
        template = LetterTemplate(kind=kind, subject=subject, body=body)
    action = request.POST.get("action", "preview")
    if request.method == "POST" and action == "restore":
        subject, body = standard_text(kind)
        form = TemplateForm(instance=template, initial={"subject": subject, "body": body})
        messages.info(request, _("The standard text is in the form. Save it to use it."))
    elif request.method == "POST":
        form = TemplateForm(request.POST, instance=template)
    else:
        form = TemplateForm(instance=template)
    preview = None
    if request.method == "POST" and action != "restore" and form.is_valid():
        if action == "save":
            save_letter_template(
                kind=kind,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                acting_user=user,
            )
            messages.success(request, _("The template has been saved."))
            return redirect("letters:edit_template", kind=kind)
        preview = _template_preview(form, kind)
    return render(
        request,
        "letters/edit_template.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": LetterKind(kind).label,
            "preview": preview,
            "variables": sorted(context.VARIABLES.items()),
            "required": sorted(context.REQUIRED_VARIABLES[kind]),
        },
    )


def _template_preview(form: TemplateForm, kind: str) -> dict[str, Any] | None:
    values = context.sample_context(Municipality.current())
    try:
        subject = rendering.render_text(form.cleaned_data["subject"], values)
        body = rendering.render_text(form.cleaned_data["body"], values)
    except LetterError as error:
        for message in error.messages:
            form.add_error("body", message)
        return None
    return {"subject": subject, "body": rendering.body_html(body)}


@require_http_methods(["GET"])
def undelivered(request: HttpRequest) -> HttpResponse:
    """The coordinator's queue of e-mailed letters the mail server did not accept, with the reason."""
    _coordinator(request)
    letters = list(
        Letter.objects.filter(channel=LetterChannel.EMAIL, sent_at__isnull=True)
        .exclude(send_error="")
        .select_related("complaint")
        .order_by("created_at", "pk")
    )
    retries = settings.SEND_RETRIES
    return render(request, "letters/undelivered.html", {"letters": letters, "retries": retries})


@require_POST
def retry_undelivered(request: HttpRequest, pk: int) -> HttpResponse:
    user = _coordinator(request)
    letter = get_object_or_404(Letter, pk=pk)
    if sending.resend_letter(letter, acting_user=user):
        messages.success(request, _("The letter is being sent again."))
    return redirect("letters:undelivered")
