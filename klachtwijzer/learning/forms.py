"""The forms of the learning pages; each one calls its use case in ``handling.py`` and shows its refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from klachtwijzer.accounts.models import Department, Partner, Role, User
from klachtwijzer.complaints.constants import Channel, NatureGroup
from klachtwijzer.complaints.forms import (
    BackOfficeForm,
    BoundedModelMultipleChoiceField,
    LegalDateField,
    StaffChoiceField,
)
from klachtwijzer.complaints.models import Complaint, ComplaintElement, Nature

from . import handling, improvement_actions
from .models import ActionState, ImprovementAction, LearningPoint, Theme


class UseCaseForm(BackOfficeForm):
    """A form that calls one use case; its refusal is shown next to the field it names."""

    def perform(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def save(self) -> Any:
        if not self.is_valid():
            return None
        try:
            return self.perform(self.cleaned_data)
        except ValidationError as error:
            self.add_use_case_error(error)
            return None


def _departments() -> QuerySet[Department]:
    return Department.objects.filter(active=True)


class PointForm(UseCaseForm):
    summary = forms.CharField(
        label=_("Summary"),
        max_length=200,
        required=False,
        help_text=_("One short line without names; the yearly report may print it."),
    )
    what_went_wrong = forms.CharField(label=_("What went wrong"), widget=forms.Textarea(attrs={"rows": 4}))
    what_should_change = forms.CharField(
        label=_("What should change"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    themes = BoundedModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    elements = BoundedModelMultipleChoiceField(
        label=_("Complaint elements it comes from"),
        queryset=ComplaintElement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, complaint: Complaint, user: User, point: LearningPoint | None = None, **kwargs: Any
    ) -> None:
        self.complaint, self.user, self.point = complaint, user, point
        if point is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = {
                "summary": point.summary,
                "what_went_wrong": point.what_went_wrong,
                "what_should_change": point.what_should_change,
                "department": point.department_id,
                "themes": [t.pk for t in point.themes.all()],
                "elements": [e.pk for e in point.elements.all()],
            }
        else:
            kwargs.setdefault("initial", {"department": complaint.department_id})
        super().__init__(*args, **kwargs)
        themes = Theme.objects.active()
        if point is not None:
            themes = Theme.objects.filter(pk__in=themes.values("pk")) | point.themes.all()
        self.fields["themes"].queryset = themes.distinct().order_by("name")  # type: ignore[attr-defined]
        self.fields["department"].queryset = _departments()  # type: ignore[attr-defined]
        self.fields["elements"].queryset = complaint.elements.all()  # type: ignore[attr-defined]
        if not complaint.elements.exists():
            del self.fields["elements"]

    def perform(self, data: dict[str, Any]) -> LearningPoint:
        values = {
            "department": data["department"],
            "what_went_wrong": data["what_went_wrong"],
            "what_should_change": data["what_should_change"],
            "themes": list(data["themes"]),
            "elements": list(data.get("elements") or []),
            "summary": data["summary"],
            "acting_user": self.user,
        }
        if self.point is None:
            return handling.record_learning_point(complaint=self.complaint, **values)
        return handling.change_learning_point(self.point, **values)


class ActionForm(UseCaseForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    owner = StaffChoiceField(label=_("Owner"), queryset=User.objects.none())
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    due_on = LegalDateField(label=_("Due on"))
    points = BoundedModelMultipleChoiceField(
        label=_("Learning points behind it"),
        queryset=LearningPoint.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        user: User,
        points: QuerySet[LearningPoint],
        action: ImprovementAction | None = None,
        **kwargs: Any,
    ) -> None:
        self.user, self.action = user, action
        if action is not None and not args and not kwargs.get("data"):
            kwargs["initial"] = {
                "title": action.title,
                "description": action.description,
                "owner": action.owner_id,
                "department": action.department_id,
                "due_on": action.due_on,
                "points": [p.pk for p in action.points.all()],
            }
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(is_active=True, role__in=[Role.HANDLER, Role.MANAGER, Role.COORDINATOR])
        departments = _departments()
        if user.role == Role.MANAGER and user.department_id is not None:
            departments = departments.filter(pk=user.department_id)
        self.fields["owner"].queryset = staff.select_related("department")  # type: ignore[attr-defined]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["points"].queryset = points  # type: ignore[attr-defined]
        self.fields["points"].label_from_instance = point_label  # type: ignore[attr-defined]

    def perform(self, data: dict[str, Any]) -> ImprovementAction:
        values = {
            "title": data["title"],
            "description": data["description"],
            "owner": data["owner"],
            "department": data["department"],
            "due_on": data["due_on"],
            "points": list(data["points"]),
            "acting_user": self.user,
        }
        if self.action is None:
            return improvement_actions.create_improvement_action(**values)
        return improvement_actions.change_improvement_action(self.action, **values)


def point_label(point: LearningPoint) -> str:
    return str(
        _("%(reference)s, %(department)s: %(summary)s")
        % {
            "reference": point.complaint.reference,
            "department": point.department.name,
            "summary": point.summary or _("(no summary)"),
        }
    )


class ActionStepForm(UseCaseForm):
    """One step on an action; ``slug`` picks the use case."""

    slug = ""
    title: Any = ""

    def __init__(self, *args: Any, action: ImprovementAction, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.slug)
        self.action, self.user = action, user
        super().__init__(*args, **kwargs)


class StartForm(ActionStepForm):
    slug, title = "starten", _("Start the action")
    error_fields = {"on": "on"}
    on = LegalDateField(label=_("Started on"), past=True, initial=timezone.localdate)

    def perform(self, data: dict[str, Any]) -> Any:
        return improvement_actions.start_improvement_action(self.action, on=data["on"], acting_user=self.user)


class FinishForm(ActionStepForm):
    slug, title = "uitgevoerd", _("Mark the action as done")
    on = LegalDateField(label=_("Done on"), past=True, initial=timezone.localdate)

    def perform(self, data: dict[str, Any]) -> Any:
        return improvement_actions.finish_improvement_action(
            self.action, on=data["on"], acting_user=self.user
        )


class DropForm(ActionStepForm):
    slug, title = "stoppen", _("Drop the action")
    on = LegalDateField(label=_("Dropped on"), past=True, initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def perform(self, data: dict[str, Any]) -> Any:
        return improvement_actions.drop_improvement_action(
            self.action, on=data["on"], reason=data["reason"], acting_user=self.user
        )


class NoteForm(ActionStepForm):
    slug, title = "voortgang", _("Add a progress note")
    error_fields = {"text": "text", "written_on": "written_on"}
    written_on = LegalDateField(label=_("Date"), past=True, initial=timezone.localdate)
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))

    def perform(self, data: dict[str, Any]) -> Any:
        return improvement_actions.add_progress_note(
            self.action, text=data["text"], written_on=data["written_on"], acting_user=self.user
        )


class EffectCheckForm(ActionStepForm):
    slug, title = "effect", _("Check the effect")
    checked_on = LegalDateField(label=_("Checked on"), past=True, initial=timezone.localdate)
    recurred = forms.TypedChoiceField(
        label=_("Did the problem recur?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    finding = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))

    def perform(self, data: dict[str, Any]) -> Any:
        return improvement_actions.record_effect_check(
            self.action,
            checked_on=data["checked_on"],
            recurred=data["recurred"],
            finding=data["finding"],
            acting_user=self.user,
        )


ACTION_STEP_FORMS: list[type[ActionStepForm]] = [NoteForm, StartForm, FinishForm, DropForm, EffectCheckForm]
ACTION_STEPS = {form.slug: form for form in ACTION_STEP_FORMS}
AVAILABLE: dict[type[ActionStepForm], Callable[[ImprovementAction], bool]] = {
    NoteForm: lambda action: True,
    StartForm: lambda action: action.state == "open",
    FinishForm: lambda action: action.state in ("open", "in_progress"),
    DropForm: lambda action: action.state in ("open", "in_progress"),
    EffectCheckForm: lambda action: action.state == "done",
}


class ThemeForm(UseCaseForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: User, theme: Theme | None = None, **kwargs: Any) -> None:
        self.user, self.theme = user, theme
        if theme is not None and not args and not kwargs.get("data"):
            kwargs["initial"] = {"name": theme.name, "description": theme.description}
        kwargs.setdefault("prefix", "thema")
        super().__init__(*args, **kwargs)

    def perform(self, data: dict[str, Any]) -> Theme:
        if self.theme is None:
            return handling.create_theme(
                name=data["name"], description=data["description"], acting_user=self.user
            )
        return handling.rename_theme(
            self.theme, name=data["name"], description=data["description"], acting_user=self.user
        )


class MergeForm(UseCaseForm):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=Theme.objects.none())

    def __init__(self, *args: Any, user: User, theme: Theme, **kwargs: Any) -> None:
        self.user, self.theme = user, theme
        kwargs.setdefault("prefix", "samenvoegen")
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Theme.objects.active().exclude(pk=theme.pk)  # type: ignore[attr-defined]

    def perform(self, data: dict[str, Any]) -> Theme:
        return handling.merge_theme(self.theme, into=data["into"], acting_user=self.user)


class ComplaintFilterFields(forms.Form):
    """Filters on the complaints behind learning points or actions: the dashboard's own filters (the
    complaint's department, channel, partner, nature or group of norms, date of receipt), so that every
    number of the dashboard's learning panels drills down to exactly the points or actions it counts."""

    marks_optional = False
    ontvangen_van = forms.DateField(label=_("Complaint received from"), required=False)
    ontvangen_tot = forms.DateField(label=_("Complaint received up to"), required=False)
    klacht_afdeling = BoundedModelMultipleChoiceField(
        label=_("Department of the complaint"), queryset=Department.objects.all(), required=False
    )
    kanaal = forms.ChoiceField(label=_("Channel"), choices=[("", _("All")), *Channel.choices], required=False)
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all(), required=False)
    aard = forms.ModelChoiceField(label=_("Nature"), queryset=Nature.objects.all(), required=False)
    aardgroep = forms.ChoiceField(
        label=_("Group of norms"), choices=[("", _("All")), *NatureGroup.choices], required=False
    )

    def complaint_q(self, prefix: str) -> Q:
        """The chosen filters as a condition on the complaint reached through ``prefix``."""
        data = getattr(self, "cleaned_data", {})
        condition = Q()
        if data.get("ontvangen_van"):
            condition &= Q(**{f"{prefix}received_on__gte": data["ontvangen_van"]})
        if data.get("ontvangen_tot"):
            condition &= Q(**{f"{prefix}received_on__lte": data["ontvangen_tot"]})
        if data.get("klacht_afdeling"):
            condition &= Q(**{f"{prefix}department__in": list(data["klacht_afdeling"])})
        if data.get("kanaal"):
            condition &= Q(**{f"{prefix}channel": data["kanaal"]})
        if data.get("partner"):
            condition &= Q(**{f"{prefix}partner": data["partner"]})
        natures = Complaint.natures.through.objects.filter(complaint_id=OuterRef(f"{prefix}pk"))
        if data.get("aard"):
            condition &= Q(Exists(natures.filter(nature=data["aard"])))
        if data.get("aardgroep"):
            condition &= Q(Exists(natures.filter(nature__group=data["aardgroep"])))
        return condition


class PointFilterForm(ComplaintFilterFields):
    """The filters of the list of learning points; every number of the overviews links here."""

    thema = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    afdeling = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    jaar = forms.IntegerField(label=_("Year of receipt"), min_value=1999, max_value=2999, required=False)
    gegrond = forms.BooleanField(label=_("Only (partly) founded complaints"), required=False)

    field_order = ["thema", "afdeling", "jaar", "ontvangen_van", "ontvangen_tot", "gegrond"]


class ActionFilterForm(ComplaintFilterFields):
    """The filters of the list of improvement actions: their state today, and the complaints behind them
    (an action counts when one of its learning points is on a complaint that matches)."""

    STATES = {
        "lopend": _("Still running"),
        "te-laat": pgettext_lazy("improvement action", "Overdue"),
        **{str(value): label for value, label in ActionState.choices},
    }
    stand = forms.ChoiceField(label=_("State"), choices=[("", _("All")), *STATES.items()], required=False)

    field_order = ["stand"]

    def has_complaint_filters(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in self.fields if name != "stand")
