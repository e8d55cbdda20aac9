"""The user's own notifications (read and unread) and which of them also come by e-mail."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from klachtwijzer.accounts.access import user_of

from . import notifying
from .models import EmailOptOut, Notification, NotificationKind

PAGE_SIZE = 100


class EmailPreferencesForm(forms.Form):
    emailed = forms.MultipleChoiceField(
        label=gettext_lazy("Also send me an e-mail for"),
        choices=NotificationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    notifications = list(Notification.objects.filter(recipient=user)[:PAGE_SIZE])
    opted_out = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    form = EmailPreferencesForm(
        initial={"emailed": [k for k in NotificationKind.values if k not in opted_out]}
    )
    unread = sum(1 for n in notifications if n.read_at is None)
    return render(
        request, "notifications/index.html", {"notifications": notifications, "form": form, "unread": unread}
    )


@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    ids = [int(value) for value in request.POST.getlist("notification") if value.isdigit()]
    notifying.mark_read(notification_ids=ids or None, acting_user=user)
    return redirect("notifications:index")


@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = EmailPreferencesForm(request.POST)
    if form.is_valid():
        notifying.set_email_preferences(emailed_kinds=set(form.cleaned_data["emailed"]), acting_user=user)
        messages.success(request, _("Your e-mail settings are saved."))
    else:
        messages.error(request, _("Choose only kinds of notification from the list."))
    return redirect("notifications:index")
