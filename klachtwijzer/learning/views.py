"""The learning pages: the coordinator's themes, the manager's department, points, actions, the catalogue.

Thin views: access through ``learning.access`` (a point or action the user may not see answers 404,
a page the role has no use for 403), input through ``forms.py``, changes through ``handling.py``.
Opening a learning point shows its free text: that is logged as a look at the complaint's personal
data (``complaints.audit``). Every list runs a fixed number of queries whatever the data size.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klachtwijzer.accounts.access import user_of
from klachtwijzer.accounts.models import Department, Role, User
from klachtwijzer.complaints import access as case_access
from klachtwijzer.complaints import audit
from klachtwijzer.complaints.constants import FOUNDED_JUDGEMENTS
from klachtwijzer.complaints.extensions import Panel
from klachtwijzer.complaints.models import Complaint, PersonalDataAccess

from . import access
from .changes import LearningError
from .forms import (
    ACTION_STEP_FORMS,
    ACTION_STEPS,
    AVAILABLE,
    ActionFilterForm,
    ActionForm,
    MergeForm,
    PointFilterForm,
    PointForm,
    ThemeForm,
)
from .handling import retire_theme
from .models import FINISHED_STATES, ImprovementAction, LearningPoint, Theme
from .overview import theme_rows
from .timeline import timeline

PAGE_SIZE = 25


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Your role gives no access to this page."))


def _with_themes_and_actions(points: Any) -> Any:
    return points.select_related("complaint", "department").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name")),
        Prefetch("actions", queryset=ImprovementAction.objects.with_overdue(on=timezone.localdate())),
    )


def _list_points(user: User) -> Any:
    return _with_themes_and_actions(access.visible_points(user)).order_by("-recorded_on", "-pk")


def _list_actions(user: User) -> Any:
    return (
        access.visible_actions(user)
        .with_overdue(on=timezone.localdate())
        .select_related("owner", "department")
        .annotate(point_count=Count("points", distinct=True))
    )


@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    """Themes across departments: how often, where, how many founded complaints, the trend by year."""
    user = user_of(request)
    _require(access.sees_theme_overview(user))
    rows, years = theme_rows(LearningPoint.objects.all())
    for row in rows:
        row.trend = [(year, row.per_year.get(year, 0)) for year in years]
    context = {
        "rows": rows,
        "broader": [row for row in rows if row.broader],
        "years": years,
        "drill_down": access.sees_points(user),
        "can_manage_themes": access.can_manage_themes(user),
        "open_actions": access.visible_actions(user).exclude(state__in=FINISHED_STATES).count(),
    }
    return render(request, "learning/overview.html", context)


@require_http_methods(["GET"])
def department(request: HttpRequest) -> HttpResponse:
    """A department's learning points and improvement actions, overdue actions first."""
    user = user_of(request)
    _require(access.sees_actions(user))
    chosen: Department | None = user.department
    if user.role == Role.COORDINATOR and request.GET.get("afdeling", "").isdigit():
        chosen = Department.objects.filter(pk=int(request.GET["afdeling"])).first()
    if chosen is None:
        raise Http404
    actions = _list_actions(user).filter(department=chosen)
    points = _list_points(user).filter(department=chosen)
    page = Paginator(points, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "department": chosen,
        "actions": list(actions),
        "page": page,
        "departments": Department.objects.all() if user.role == Role.COORDINATOR else [],
        "can_manage": access.can_manage_actions(user, chosen.pk),
    }
    return render(request, "learning/department.html", context)


@require_http_methods(["GET"])
def points(request: HttpRequest) -> HttpResponse:
    """Learning points, filtered by theme, department, receipt (a year or dates), founded complaints and
    the dashboard's filters on the complaints behind them."""
    user = user_of(request)
    _require(access.sees_points(user))
    form = PointFilterForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    listed = _list_points(user)
    if data.get("thema"):
        listed = listed.filter(themes=data["thema"])
    if data.get("afdeling"):
        listed = listed.filter(department=data["afdeling"])
    if data.get("jaar"):
        listed = listed.filter(complaint__received_on__year=data["jaar"])
    listed = listed.filter(form.complaint_q("complaint__"))
    if data.get("gegrond"):
        listed = listed.filter(complaint__judgement__in=FOUNDED_JUDGEMENTS)
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learning/points.html", {"form": form, "page": page})


@require_http_methods(["GET"])
def point(request: HttpRequest, pk: int) -> HttpResponse:
    """One learning point with its text and the actions it feeds; a logged look at personal data."""
    user = user_of(request)
    item = get_object_or_404(_list_points(user).prefetch_related("elements", "history__actor"), pk=pk)
    audit.log_access(user, item.complaint, PersonalDataAccess.Action.VIEW, detail=_("learning point"))
    context = {
        "point": item,
        "can_change": access.can_change_point(user, item),
        "can_manage": access.can_manage_actions(user, item.department_id),
        "shows_complaint": case_access.can_view(user, item.complaint),
        "history": timeline(item.history.all()),
    }
    return render(request, "learning/point.html", context)


def _visible_complaint(user: User, reference: str) -> Complaint:
    complaint: Complaint = get_object_or_404(case_access.visible_complaints(user), reference=reference)
    return complaint


@require_http_methods(["GET", "POST"])
def record_point(request: HttpRequest, reference: str) -> HttpResponse:
    """Record a learning point on a complaint, at any step of its handling."""
    user = user_of(request)
    complaint = _visible_complaint(user, reference)
    _require(access.can_record_point(user, complaint))
    posted = request.method == "POST"
    form = PointForm(request.POST if posted else None, complaint=complaint, user=user)
    if posted and form.save():
        messages.success(request, _("The learning point is recorded."))
        return redirect(complaint.get_absolute_url() + "#leerpunten")
    return render(request, "learning/point_form.html", {"form": form, "complaint": complaint})


@require_http_methods(["GET", "POST"])
def change_point(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    item = get_object_or_404(access.visible_points(user).select_related("complaint"), pk=pk)
    _require(access.can_change_point(user, item))
    posted = request.method == "POST"
    form = PointForm(request.POST if posted else None, complaint=item.complaint, user=user, point=item)
    if posted and form.save():
        messages.success(request, _("The learning point is changed."))
        return redirect(item)
    audit.log_access(user, item.complaint, PersonalDataAccess.Action.VIEW, detail=_("learning point"))
    context = {"form": form, "complaint": item.complaint, "point": item}
    return render(request, "learning/point_form.html", context)


@require_http_methods(["GET"])
def actions(request: HttpRequest) -> HttpResponse:
    """The improvement actions the user may see, overdue first, then by due date; filtered by their state
    today and by the complaints behind them (the dashboard's drill-down)."""
    user = user_of(request)
    _require(access.sees_actions(user))
    form = ActionFilterForm(request.GET)
    form.is_valid()
    state = getattr(form, "cleaned_data", {}).get("stand", "")
    today = timezone.localdate()
    listed = _list_actions(user)
    if state == "lopend":
        listed = listed.unfinished()
    elif state == "te-laat":
        listed = listed.overdue(on=today)
    elif state:
        listed = listed.filter(state=state)
    if form.has_complaint_filters():
        behind = LearningPoint.objects.filter(form.complaint_q("complaint__"), recorded_on__lte=today)
        linked = ImprovementAction.points.through.objects.filter(learningpoint__in=behind.values("pk"))
        listed = listed.filter(pk__in=linked.values("improvementaction_id"))
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "state": state,
        "form": form,
        "filtered": form.has_complaint_filters(),
        "can_create": access.can_manage_actions(user),
    }
    return render(request, "learning/actions.html", context)


def _candidate_points(user: User) -> Any:
    return (
        access.visible_points(user).select_related("complaint", "department").order_by("-recorded_on", "-pk")
    )


@require_http_methods(["GET", "POST"])
def new_action(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    _require(access.can_manage_actions(user))
    posted = request.method == "POST"
    chosen = [int(pk) for pk in request.GET.getlist("leerpunt") if pk.isdigit()]
    initial = {"points": chosen, "department": user.department_id, "owner": user.pk}
    form = ActionForm(
        request.POST if posted else None, user=user, points=_candidate_points(user), initial=initial
    )
    if posted and (action := form.save()):
        messages.success(request, _("The improvement action is created."))
        return redirect(action)
    return render(request, "learning/action_form.html", {"form": form})


def _visible_action(user: User, pk: int) -> ImprovementAction:
    action: ImprovementAction = get_object_or_404(_list_actions(user), pk=pk)
    return action


@require_http_methods(["GET", "POST"])
def change_action(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    action = _visible_action(user, pk)
    _require(access.can_manage_actions(user, action.department_id))
    posted = request.method == "POST"
    form = ActionForm(
        request.POST if posted else None, user=user, points=_candidate_points(user), action=action
    )
    if posted and form.save():
        messages.success(request, _("The improvement action is changed."))
        return redirect(action)
    return render(request, "learning/action_form.html", {"form": form, "action": action})


def _action_page(request: HttpRequest, action: ImprovementAction, forms: dict[str, Any]) -> HttpResponse:
    linked = _with_themes_and_actions(action.points.all())
    context = {
        "action": action,
        "points": linked,
        "notes": action.notes.select_related("author"),
        "checks": action.effect_checks.select_related("checked_by"),
        "history": timeline(action.history.select_related("actor")),
        "forms": list(forms.values()),
        "can_manage": access.can_manage_actions(user_of(request), action.department_id),
    }
    return render(request, "learning/action.html", context)


def _step_forms(action: ImprovementAction, user: User, bound: Any = None) -> dict[str, Any]:
    if not access.can_work_on_action(user, action):
        return {}
    offered = [form_class for form_class in ACTION_STEP_FORMS if AVAILABLE[form_class](action)]
    return {form_class.slug: form_class(action=action, user=user) for form_class in offered} | (bound or {})


@require_http_methods(["GET"])
def action(request: HttpRequest, pk: int) -> HttpResponse:
    """An action with its learning points, progress notes, steps and effect checks."""
    user = user_of(request)
    item = _visible_action(user, pk)
    return _action_page(request, item, _step_forms(item, user))


@require_http_methods(["POST"])
def action_step(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    user = user_of(request)
    item = _visible_action(user, pk)
    form_class = ACTION_STEPS.get(slug)
    if form_class is None:
        raise Http404
    _require(access.can_work_on_action(user, item) and AVAILABLE[form_class](item))
    form = form_class(request.POST, action=item, user=user)
    if form.save():
        messages.success(request, _("Saved: %(step)s.") % {"step": form.title})
        return redirect(item)
    item.refresh_from_db()
    return _action_page(request, item, _step_forms(item, user, {slug: form}))


@require_http_methods(["GET", "POST"])
def themes(request: HttpRequest) -> HttpResponse:
    """The catalogue of themes: every theme with its points; a new theme is added here."""
    user = user_of(request)
    _require(access.can_manage_themes(user))
    posted = request.method == "POST"
    form = ThemeForm(request.POST if posted else None, user=user)
    if posted and (theme := form.save()):
        messages.success(request, _("The theme %(name)s is added.") % {"name": theme.name})
        return redirect("learning:themes")
    catalogue = Theme.objects.select_related("merged_into").annotate(point_count=Count("points"))
    return render(request, "learning/themes.html", {"form": form, "themes": catalogue})


@require_http_methods(["GET", "POST"])
def theme(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename, merge or retire one theme."""
    user = user_of(request)
    _require(access.can_manage_themes(user))
    item = get_object_or_404(Theme.objects.select_related("merged_into"), pk=pk)
    posted = request.method == "POST"
    what = request.POST.get("wat", "")
    rename = ThemeForm(request.POST if posted and what == "hernoemen" else None, user=user, theme=item)
    merge = MergeForm(request.POST if posted and what == "samenvoegen" else None, user=user, theme=item)
    if posted and what == "hernoemen" and rename.save():
        messages.success(request, _("The theme is renamed to %(name)s.") % {"name": item.name})
        return redirect("learning:themes")
    if posted and what == "samenvoegen" and (survivor := merge.save()):
        messages.success(request, _("The theme is merged into %(name)s.") % {"name": survivor.name})
        return redirect("learning:themes")
    if posted and what == "buiten-gebruik":
        try:
            retire_theme(item, acting_user=user)
        except LearningError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The theme %(name)s is no longer offered.") % {"name": item.name})
        return redirect("learning:themes")
    history = timeline(item.history.select_related("actor"))
    context = {"theme": item, "rename": rename, "merge": merge, "history": history}
    return render(request, "learning/theme.html", context)


def complaint_panel(user: User, complaint: Complaint) -> Panel:
    """The learning section of the complaint page (registered with ``complaints.extensions``)."""
    return Panel(
        template="learning/_complaint_points.html",
        context=complaint_points(user, complaint),
        anchor="leerpunten",
        label=_("Learning points"),
        notice_template="learning/_complaint_prompt.html",
    )


def complaint_points(user: User, complaint: Complaint) -> dict[str, Any]:
    """What the complaint page shows of its learning: points, the actions they feed, and the prompt."""
    listed = _list_points(user).filter(complaint=complaint)
    founded = (
        complaint.judgement in FOUNDED_JUDGEMENTS
        or complaint.elements.filter(judgement__in=FOUNDED_JUDGEMENTS).exists()
    )
    points_list = list(listed)
    return {
        "learning_points": points_list,
        "can_record_point": access.can_record_point(user, complaint),
        "ask_for_point": founded and not points_list,
    }
