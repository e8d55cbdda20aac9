"""The dashboard at /dashboard/: the figures of a chosen period against the same period a year earlier.

For the coordinator (every department), department managers (their own department) and board members
(figures only: small numbers hidden as in the published report, no links to complaints). The filters
live in the query string, so a view can be bookmarked and shared; the view exports to CSV and XLSX
with the same cells. The page reads no personal data and runs a fixed number of queries whatever the
number of complaints (see ``tests/test_dashboard.py``).
"""

from __future__ import annotations

import csv
import io
import tempfile

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from klachtwijzer.accounts import access
from klachtwijzer.accounts.models import Department, Municipality, Partner, Role
from klachtwijzer.complaints.list_export import safe_cell
from klachtwijzer.complaints.models import Nature
from klachtwijzer.learning.models import Theme

from . import formatting
from .dashboard import Catalogue, Links, Panel, View, export_rows, panels
from .dashboard_forms import DashboardFilterForm
from .dashboard_open import open_now, open_panel
from .disclosure import Disclosure
from .figures import compute_period_figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILTER_NAMES = ("start", "end", "department", "nature", "channel", "partner")


def _build(request: HttpRequest) -> tuple[DashboardFilterForm, View, list[Panel]]:
    user = access.user_of(request)
    if not access.can_see_dashboard(user):
        raise PermissionDenied(_("Your role gives no access to the dashboard."))
    today = timezone.localdate()
    scope = access.dashboard_departments(user)
    form = DashboardFilterForm(request.GET, departments=scope)
    form.is_valid()  # an invalid filter is reported next to its field and left out
    period = form.period(today)
    filters = form.filters().scoped(scope)
    municipality = Municipality.current()
    figures = compute_period_figures(period=period, as_of=today, filters=filters, municipality=municipality)
    board = user.role == Role.BOARD
    disclosure = Disclosure(published=board, threshold=municipality.suppression_threshold)
    data = getattr(form, "cleaned_data", {})
    base = {name: str(data[name].pk) for name in ("department", "partner") if data.get(name)}
    if data.get("channel"):
        base["channel"] = data["channel"]
    nature_key, nature_value = form.nature_choice()
    if nature_key:
        base[nature_key] = nature_value
    catalogue = Catalogue(
        dict(Department.objects.values_list("name", "pk")),
        dict(Partner.objects.values_list("name", "pk")),
        dict(Nature.objects.values_list("name", "pk")),
        dict(Theme.objects.values_list("name", "pk")),
    )
    view = View(
        figures=figures,
        period=period,
        previous=period.year_earlier(),
        disclosure=disclosure,
        links=Links(enabled=access.sees_complaints(user), base=base),
        catalogue=catalogue,
        departments=scope,
    )
    return form, view, panels(view, open_panel(view, open_now(filters, today), today))


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The dashboard page; with htmx only its results are swapped in when a filter changes."""
    form, view, panel_list = _build(request)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "view": view,
        "panels": panel_list,
        "period_text": _("%(start)s to %(end)s")
        % {"start": formatting.long_date(view.period.start), "end": formatting.long_date(view.period.end)},
        "previous_text": _("%(start)s to %(end)s")
        % {
            "start": formatting.long_date(view.previous.start),
            "end": formatting.long_date(view.previous.end),
        },
        "note": view.disclosure.note(),
        "query": f"?{query}" if query else "",
        "scoped": access.dashboard_departments(access.user_of(request)) is not None,
        "can_see_reports": access.can_see_figures(access.user_of(request)),
    }
    return render(request, "reporting/dashboard.html", context)


@require_GET
def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The dashboard's tables as CSV or XLSX: the cells as shown (small numbers hidden for the board)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, view, panel_list = _build(request)
    header = [_("Table"), _("Row"), _("Column"), _("Value")]
    rows = [[safe_cell(cell) for cell in row] for row in export_rows(panel_list)]
    name = f"dashboard-{view.period.start.isoformat()}-{view.period.end.isoformat()}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Dashboard"))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)
