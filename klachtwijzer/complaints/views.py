"""The back office: my work, the queues and the list, the complaint page, its steps, intake, downloads.

Thin views. Access goes through ``complaints/access.py``: a complaint the user may not see answers 404
(a guessed URL reveals nothing), a role that sees no complaints at all gets 403 on the lists, and a
step the user may not take gets 403. Input goes through forms, changes through the use cases, and
every view or download of personal data is logged (``audit.log_access``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klachtwijzer.accounts.access import (
    can_export_personal_data,
    can_register,
    can_search_text,
    can_see_figures,
    sees_complaints,
    user_of,
)
from klachtwijzer.accounts.context_processors import municipality as municipality_context
from klachtwijzer.accounts.models import Municipality, Role, User

from . import access, audit, completeness, extensions, handling, list_export, paging
from .closing_forms import (
    CloseWithJudgementForm,
    DeclineForm,
    ForwardForm,
    ReopenForm,
    ResolveInformallyForm,
    RevokeStatusLinkForm,
    WithdrawForm,
)
from .committee_forms import CommitteeAdviceForm
from .constants import REGISTER_OORDEEL
from .data_forms import AddInformationForm, EditFactsForm, EditPersonalDataForm
from .forms import DEFAULT_SORT, SORTS, ComplaintFilterForm, RegisterComplaintForm
from .models import (
    Attachment,
    ComplainantMessage,
    Complaint,
    ComplaintElement,
    ComplaintQuerySet,
    ComplaintT,
    HistoryEvent,
    PersonalDataAccess,
)
from .queues import QUEUE_LABELS, TERM_LABELS, Queue, in_queue, in_term_state, queues_for
from .search import matching_ids
from .step_forms import (
    AcknowledgeForm,
    AddElementForm,
    AssignForm,
    ContactForm,
    CopyForm,
    DelayConsentForm,
    ExtendForm,
    JudgeElementForm,
    NoCopyForm,
    PlanHearingForm,
    PutInWritingForm,
    RecordHearingForm,
    RequestCompletionForm,
    ResumeForm,
    StepForm,
    TriageForm,
    WaitForm,
    WaiveHearingForm,
)
from .timeline import timeline
from .workflow import allowed_steps

if TYPE_CHECKING:
    from .models import ComplaintWithTermEnd

PAGE_SIZE = 25
HOME_ROWS = 10

# The steps of the procedure in the order the complaint page offers them.
STEP_FORMS: list[type[StepForm]] = [
    TriageForm,
    AcknowledgeForm,
    RequestCompletionForm,
    PutInWritingForm,
    AssignForm,
    ContactForm,
    AddInformationForm,
    WaitForm,
    ResumeForm,
    CopyForm,
    NoCopyForm,
    ExtendForm,
    DelayConsentForm,
    PlanHearingForm,
    RecordHearingForm,
    WaiveHearingForm,
    CommitteeAdviceForm,
    AddElementForm,
    CloseWithJudgementForm,
    ResolveInformallyForm,
    DeclineForm,
    ForwardForm,
    WithdrawForm,
    ReopenForm,
    RevokeStatusLinkForm,
    EditFactsForm,
    EditPersonalDataForm,
]
STEPS_BY_SLUG = {form_class.slug: form_class for form_class in STEP_FORMS}
# Steps whose form shows personal data: opening them is a view of personal data.
PERSONAL_DATA_STEPS = {EditPersonalDataForm}


def _municipality(request: HttpRequest) -> Municipality:
    return municipality_context(request)["municipality"]  # type: ignore[return-value]


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    """Render a back-office page with what its navigation needs."""
    user = user_of(request)
    context.setdefault("nav_queues", [(q.value, QUEUE_LABELS[q]) for q in queues_for(user)])
    context.setdefault("can_register", can_register(user))
    context.setdefault("sees_complaints", sees_complaints(user))
    context.setdefault("sees_figures", can_see_figures(user))
    return render(request, template, context, status=status)


def _require_case_role(user: User) -> None:
    if not sees_complaints(user):
        raise PermissionDenied(_("Your role gives no access to complaints."))


def _visible_complaint(
    user: User, reference: str, queryset: ComplaintQuerySet[Complaint] | None = None
) -> Complaint:
    """The complaint, or 404 when it does not exist or ``user`` may not see it."""
    return get_object_or_404(access.visible_complaints(user, queryset), reference=reference)


def _list_queryset(user: User) -> ComplaintQuerySet[ComplaintWithTermEnd]:
    return (
        access.visible_complaints(user)
        .with_applicable_term_end()
        .select_related("department", "partner", "handler")
        .prefetch_related("natures")
    )


def _rows(complaints: Any, request: HttpRequest) -> list[tuple[Complaint, str, Any]]:
    """Each complaint with its term state and that state's label (empty for a closed complaint)."""
    today = timezone.localdate()
    days = _municipality(request).due_soon_days
    rows = []
    for complaint in complaints:
        state = complaint.term_status(today, days)
        rows.append((complaint, state or "", TERM_LABELS[state] if state else ""))
    return rows


def _main_queue(user: User) -> str:
    """The queue 'my work' lists: a manager's department, a partner's open complaints, else one's own."""
    if user.role == Role.MANAGER:
        return Queue.DEPARTMENT
    if user.role == Role.PARTNER:
        return ""
    return Queue.MINE


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    """My work: the user's queues with their counts and the complaints waiting for them."""
    user = user_of(request)
    if not sees_complaints(user):
        return _page(request, "complaints/home_no_complaints.html", {"reporting_url": _reporting_url()})
    today = timezone.localdate()
    visible = access.visible_complaints(user)
    queues = [
        (queue.value, QUEUE_LABELS[queue], in_queue(visible, queue, user=user, today=today).count())
        for queue in queues_for(user)
    ]
    main_queue = _main_queue(user)
    mine = in_queue(_list_queryset(user), main_queue, user=user, today=today).open()
    rows = _rows(mine.order_by("applicable_term_end", "reference")[:HOME_ROWS], request)
    return _page(
        request,
        "complaints/home.html",
        {"queues": queues, "rows": rows, "main_queue": main_queue},
    )


def _filtered(
    complaints: ComplaintQuerySet[ComplaintT], data: dict[str, Any], request: HttpRequest
) -> ComplaintQuerySet[ComplaintT]:
    user, today = user_of(request), timezone.localdate()
    if data.get("q"):
        complaints = complaints.filter(pk__in=matching_ids(data["q"], persons=can_search_text(user)))
    if data.get("queue"):
        complaints = in_queue(complaints, data["queue"], user=user, today=today)
    if data.get("status") == "open":
        complaints = complaints.open()
    elif data.get("status"):
        complaints = complaints.filter(status=data["status"])
    if data.get("term"):
        days = _municipality(request).due_soon_days
        complaints = in_term_state(complaints, data["term"], today=today, due_soon_days=days)
    for name in ("department", "partner", "handler", "channel"):
        if data.get(name):
            complaints = complaints.filter(**{name: data[name]})
    if data.get("nature"):
        complaints = complaints.filter(natures=data["nature"])
    if data.get("received_from"):
        complaints = complaints.filter(received_on__gte=data["received_from"])
    if data.get("received_to"):
        complaints = complaints.filter(received_on__lte=data["received_to"])
    return _filtered_facts(complaints, data)


def _filtered_facts(
    complaints: ComplaintQuerySet[ComplaintT], data: dict[str, Any]
) -> ComplaintQuerySet[ComplaintT]:
    """The filters the dashboard drills down with: kind, group of natures, how it ended, closing dates."""
    if data.get("kind"):
        complaints = complaints.filter(kind=data["kind"])
    if data.get("complaint_form"):
        complaints = complaints.filter(form=data["complaint_form"])
    if data.get("nature_group"):
        in_group = Complaint.natures.through.objects.filter(
            complaint_id=OuterRef("pk"), nature__group=data["nature_group"]
        )
        complaints = complaints.filter(Exists(in_group))
    if data.get("oordeel") in REGISTER_OORDEEL:
        outcome, judgement = REGISTER_OORDEEL[data["oordeel"]]
        complaints = complaints.filter(outcome=outcome, judgement=judgement or "")
    if data.get("closed_from"):
        complaints = complaints.filter(closed_on__gte=data["closed_from"])
    if data.get("closed_to"):
        complaints = complaints.filter(closed_on__lte=data["closed_to"])
    return complaints


@require_http_methods(["GET"])
def complaint_list(request: HttpRequest) -> HttpResponse:
    """All complaints the user may see, filtered, searched, sorted and paged; queues are presets."""
    user = user_of(request)
    _require_case_role(user)
    form = ComplaintFilterForm(request.GET, user=user)
    form.is_valid()  # an invalid filter is reported next to its field and left out
    data = getattr(form, "cleaned_data", {})
    complaints = _filtered(_list_queryset(user), data, request)
    if data.get("q"):
        audit.log_search(user, data["q"], persons=can_search_text(user))
    sort = data.get("sort") or DEFAULT_SORT
    after, before = request.GET.get("na", ""), request.GET.get("voor", "")
    try:
        page = paging.seek_page(complaints, sort, after=after, before=before, size=PAGE_SIZE)
    except paging.BadCursor:
        messages.error(request, _("That page of the list no longer exists. This is the first page."))
        page = paging.seek_page(complaints, sort, size=PAGE_SIZE)
    queue = data.get("queue")
    title = QUEUE_LABELS[Queue(queue)] if queue else _("Complaints")
    context = {"form": form, "page": page, "rows": _rows(page, request), "title": title}
    return _page(request, "complaints/list.html", context)


@require_http_methods(["GET"])
def complaint_list_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """The list with its filters as CSV or XLSX, streamed; logged in the access log."""
    user = user_of(request)
    _require_case_role(user)
    if fmt not in list_export.FORMATS:
        raise Http404
    form = ComplaintFilterForm(request.GET, user=user)
    form.is_valid()  # as on the page: an invalid filter is left out
    data = getattr(form, "cleaned_data", {})
    complaints = _filtered(_list_queryset(user), data, request)
    order = SORTS[data.get("sort") or DEFAULT_SORT][1]
    personal = can_export_personal_data(user)
    filters = {key: str(value) for key, value in data.items() if value not in (None, "")}
    audit.log_export(user, list_export.describe(fmt, filters, personal=personal))
    return list_export.response(complaints.order_by(*order), fmt, personal=personal)


def _detail_queryset() -> ComplaintQuerySet[Complaint]:
    return Complaint.objects.select_related(
        "department", "partner", "handler", "created_by", "personal_data"
    ).prefetch_related(
        "natures",
        "staff_complained_about",
        "attachments",
        Prefetch("messages", queryset=ComplainantMessage.objects.select_related("added_by")),
        Prefetch("elements", queryset=ComplaintElement.objects.select_related("nature")),
        Prefetch("history", queryset=HistoryEvent.objects.select_related("actor")),
    )


def offered_steps(user: User, complaint: Complaint) -> list[type[StepForm]]:
    """The step forms for this complaint's state and this user's rights."""
    allowed = set(allowed_steps(complaint.status))
    return [
        form_class
        for form_class in STEP_FORMS
        if form_class.step in allowed
        and access.can_act(user, complaint, form_class.step)
        and form_class.is_available(complaint)
    ]


def _letters_url(complaint: Complaint) -> str | None:
    try:
        return reverse("letters:complaint_letters", kwargs={"reference": complaint.reference})
    except NoReverseMatch:
        return None


def _reporting_url() -> str | None:
    try:
        return reverse("reporting:index")
    except NoReverseMatch:
        return None


@require_http_methods(["GET"])
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    """The complaint page: facts, personal data, terms, elements, files, history and the next steps."""
    user = user_of(request)
    complaint = _visible_complaint(user, reference, _detail_queryset())
    audit.log_access(user, complaint, PersonalDataAccess.Action.VIEW)
    steps = [form_class(complaint=complaint, user=user) for form_class in offered_steps(user, complaint)]
    state = complaint.term_status(timezone.localdate(), _municipality(request).due_soon_days)
    panels = extensions.complaint_panels(user, complaint)
    missing = completeness.missing_parts(complaint)
    context: dict[str, Any] = {
        "missing_parts": [completeness.PART_LABELS[part] for part in missing],
        "missing_keys": [part.value for part in missing],
        "completion_lapsed": completeness.reply_date_passed(complaint, timezone.localdate()),
        "complaint": complaint,
        "personal": getattr(complaint, "personal_data", None),
        "term_state": state or "",
        "term_label": TERM_LABELS[state] if state else "",
        "timeline": timeline(complaint.history.all()),
        "steps": steps,
        "can_judge": _can_judge(user, complaint),
        "letters_url": _letters_url(complaint),
        "panels": panels,
    }
    for panel in panels:  # the panels' templates are included in the page, with their context
        context.update(panel.context)
    return _page(request, "complaints/detail.html", context)


def _can_judge(user: User, complaint: Complaint) -> bool:
    step = JudgeElementForm.step
    return (
        step in allowed_steps(complaint.status)
        and access.can_act(user, complaint, step)
        and JudgeElementForm.is_available(complaint)
    )


# The confirmation's anchor: after a step the page opens at the message, which takes the focus.
MESSAGE_ANCHOR = "#melding"


def _after_step(request: HttpRequest, complaint: Complaint, message: str) -> HttpResponse:
    messages.success(request, message)
    if access.can_view(user_of(request), complaint):
        return redirect(complaint.get_absolute_url() + MESSAGE_ANCHOR)
    return redirect("complaints:home")


@require_http_methods(["GET", "POST"])
def take_step(request: HttpRequest, reference: str, slug: str) -> HttpResponse:
    """One step of the procedure: GET shows its form on a page of its own, POST takes the step."""
    form_class = STEPS_BY_SLUG.get(slug)
    if form_class is None:
        raise Http404
    user = user_of(request)
    complaint = _visible_complaint(user, reference, Complaint.objects.select_related("personal_data"))
    if not access.can_act(user, complaint, form_class.step):
        raise PermissionDenied(_("You may not take this step on this complaint."))
    if form_class.letter_kind:
        flow = extensions.step_letter_flow()
        if flow is None:
            raise Http404
        return flow(request, complaint, form_class)
    posted = request.method == "POST"
    form = form_class(
        request.POST if posted else None, request.FILES if posted else None, complaint=complaint, user=user
    )
    if posted and form.save():
        if form.warning():
            messages.warning(request, form.warning())
        if form_class in PERSONAL_DATA_STEPS:
            # Rectification: which fields changed, never their old or new contents.
            changed = ", ".join(form.changed_data)
            detail = f"{form_class.slug}: {changed}" if changed else form_class.slug
            audit.log_access(user, complaint, PersonalDataAccess.Action.EDIT, detail=detail)
        next_url = form.next_url()
        if next_url:
            messages.success(
                request,
                _("Saved: %(step)s. Now send the complainant the letter that explains this.")
                % {"step": form_class.title},
            )
            return redirect(next_url)
        return _after_step(request, complaint, _("Saved: %(step)s.") % {"step": form_class.title})
    if form_class in PERSONAL_DATA_STEPS:
        audit.log_access(user, complaint, PersonalDataAccess.Action.VIEW, detail=form_class.slug)
    return _page(request, "complaints/step.html", {"complaint": complaint, "form": form})


@require_http_methods(["GET", "POST"])
def judge_element(request: HttpRequest, reference: str, element_id: int) -> HttpResponse:
    """Judge one complaint element: judgement, reasoning and nature."""
    user = user_of(request)
    complaint = _visible_complaint(user, reference)
    element = get_object_or_404(
        ComplaintElement.objects.select_related("nature"), complaint=complaint, pk=element_id
    )
    if not access.can_act(user, complaint, JudgeElementForm.step):
        raise PermissionDenied(_("You may not take this step on this complaint."))
    element.complaint = complaint
    posted = request.method == "POST"
    form = JudgeElementForm(request.POST if posted else None, complaint=complaint, user=user, element=element)
    if posted and form.save():
        message = _("Saved: the judgement of element %(n)s.") % {"n": element.position}
        return _after_step(request, complaint, message)
    return _page(request, "complaints/step.html", {"complaint": complaint, "form": form, "element": element})


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Staff (and partners, for their own services) register a complaint received by phone, letter,
    desk or e-mail."""
    user = user_of(request)
    if not can_register(user):
        raise PermissionDenied(_("Your role cannot register complaints."))
    posted = request.method == "POST"
    form = RegisterComplaintForm(
        request.POST if posted else None, request.FILES if posted else None, user=user
    )
    if posted and form.is_valid():
        try:
            complaint = handling.register_complaint(**form.registration(), acting_user=user)
        except ValidationError as error:
            form.add_use_case_error(error)
        else:
            messages.success(
                request, _("Complaint %(reference)s is registered.") % {"reference": complaint.reference}
            )
            if access.can_view(user, complaint):
                return redirect(complaint)
            return redirect("complaints:home")
    return _page(request, "complaints/register.html", {"form": form})


@require_http_methods(["GET"])
def attachment(request: HttpRequest, reference: str, attachment_id: int) -> FileResponse:
    """Hand out an attachment to someone who may see the complaint, and log it."""
    user = user_of(request)
    complaint = _visible_complaint(user, reference)
    item = get_object_or_404(Attachment, complaint=complaint, pk=attachment_id)
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    audit.log_access(user, complaint, PersonalDataAccess.Action.DOWNLOAD, detail=item.filename)
    return FileResponse(handle, as_attachment=True, filename=item.filename, content_type=item.content_type)
