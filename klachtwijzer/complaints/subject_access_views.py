"""The privacy officer's page for an AVG access request (docs/privacy.md): find one person, download a
ZIP with everything held about them (``subject_access.py``).

Only for the privacy officer (``accounts.access.can_answer_subject_access``); 403 for every other role.
A bad search gets a Dutch message next to the field and exports nothing; a search that finds nothing
says so (and is logged, like every export).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from klachtwijzer.accounts.access import can_answer_subject_access, user_of

from . import subject_access


class SubjectAccessForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Find the person by"),
        choices=list(subject_access.KINDS.items()),
        initial=subject_access.EMAIL,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose how to find the person."),
            "invalid_choice": gettext_lazy("Choose how to find the person."),
        },
    )
    value = forms.CharField(
        label=gettext_lazy("E-mail address, name or username"),
        max_length=subject_access.MAX_LENGTH,
        error_messages={
            "required": gettext_lazy("Fill in whom the request is about."),
            "max_length": gettext_lazy("Fill in at most %(limit_value)d characters."),
            "null_characters_not_allowed": gettext_lazy("Fill in whom the request is about."),
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "kind" in data and "value" in data:
            try:
                data["subject"] = subject_access.subject_for(data["kind"], data["value"])
            except subject_access.SubjectError as error:
                self.add_error("value", error.message)
        return data


@require_http_methods(["GET", "POST"])
def subject_access_page(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not can_answer_subject_access(user):
        raise PermissionDenied(_("Your role gives no access to this page."))
    form = SubjectAccessForm(request.POST if request.method == "POST" else None)
    nothing = False
    if form.is_bound and form.is_valid():
        content, count = subject_access.export(form.cleaned_data["subject"], user=user)
        if count:
            response = HttpResponse(content, content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="{subject_access.file_name()}"'
            return response
        nothing = True
    status = 400 if form.errors else 200
    return render(
        request, "complaints/subject_access.html", {"form": form, "nothing": nothing}, status=status
    )
