"""The dashboard's filters, read from the query string so that a view can be bookmarked and shared.

Period (from, to), department, nature (one norm, or a group of norms: ``group:respectful``), channel
and partner combine. A manager chooses only among their own departments. An invalid filter is
reported next to its field in Dutch and the dashboard shows the figures without it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klachtwijzer.accounts.models import Department, Partner
from klachtwijzer.complaints.constants import Channel, NatureGroup
from klachtwijzer.complaints.forms import BackOfficeForm, LegalDateField
from klachtwijzer.complaints.models import Nature

from .periods import Filters, Period

GROUP_PREFIX = "group:"
LONGEST_PERIOD_DAYS = 3 * 366


def default_period(today: dt.date) -> Period:
    """This year so far."""
    return Period(dt.date(today.year, 1, 1), today)


class DashboardFilterForm(BackOfficeForm):
    start = LegalDateField(label=_("Received from"), required=False)
    end = LegalDateField(label=_("Received until"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    nature = forms.ChoiceField(label=_("Nature"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all(), required=False)

    def __init__(self, *args: Any, departments: frozenset[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if departments is not None:
            field = self.fields["department"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Department.objects.filter(pk__in=sorted(departments))
        nature = self.fields["nature"]
        assert isinstance(nature, forms.ChoiceField)
        groups = [(f"{GROUP_PREFIX}{value}", label) for value, label in NatureGroup.choices]
        norms = [(str(pk), name) for pk, name in Nature.objects.values_list("pk", "name")]
        nature.choices = [("", _("All")), (_("Groups of norms"), groups), (_("Norms and categories"), norms)]
        channel = self.fields["channel"]
        assert isinstance(channel, forms.ChoiceField)
        channel.choices = [("", _("All")), *Channel.choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("This date lies before the start date."))
        elif start and end and (end - start).days > LONGEST_PERIOD_DAYS:
            self.add_error("end", _("Choose a period of at most three years."))
        return data

    def period(self, today: dt.date) -> Period:
        data = getattr(self, "cleaned_data", {})
        fallback = default_period(today)
        start = data.get("start") or fallback.start
        end = data.get("end") or max(start, fallback.end)
        if start > end or (end - start).days > LONGEST_PERIOD_DAYS:
            return fallback
        return Period(start, end)

    def filters(self) -> Filters:
        data = getattr(self, "cleaned_data", {})
        department, partner = data.get("department"), data.get("partner")
        nature_ids = None
        choice = data.get("nature") or ""
        if choice.startswith(GROUP_PREFIX):
            group = choice.removeprefix(GROUP_PREFIX)
            nature_ids = frozenset(Nature.objects.filter(group=group).values_list("pk", flat=True))
        elif choice:
            nature_ids = frozenset({int(choice)})
        return Filters(
            department_ids=frozenset({department.pk}) if department else None,
            channel=data.get("channel") or "",
            partner_id=partner.pk if partner else None,
            nature_ids=nature_ids,
        )

    def nature_choice(self) -> tuple[str, str]:
        """('nature', id) or ('nature_group', key): the complaint list's filter for the chosen nature."""
        choice = getattr(self, "cleaned_data", {}).get("nature") or ""
        if choice.startswith(GROUP_PREFIX):
            return "nature_group", choice.removeprefix(GROUP_PREFIX)
        return ("nature", choice) if choice else ("", "")
