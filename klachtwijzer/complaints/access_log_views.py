"""The privacy officer's search of the access log (docs/privacy.md): who looked at what, when, how.

Only for the privacy officer (``accounts.access.can_read_access_log``). The page shows the log's own
fields (user, reference, action, detail, time), never a complaint's personal data. Paged, 50 a page, in
a fixed number of queries.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klachtwijzer.accounts.access import can_read_access_log, user_of

from .access_log_forms import AccessLogSearchForm
from .models import PersonalDataAccess

PER_PAGE = 50


@require_http_methods(["GET"])
def access_log(request: HttpRequest) -> HttpResponse:
    if not can_read_access_log(user_of(request)):
        raise PermissionDenied(_("Your role gives no access to this page."))
    query = request.GET.copy()
    query.pop("page", None)
    form = AccessLogSearchForm(query or None)
    entries = PersonalDataAccess.objects.select_related("user").order_by("-at", "-pk")
    if form.is_bound:
        entries = form.filter(entries)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "complaints/access_log.html", context, status=400 if form.errors else 200)
