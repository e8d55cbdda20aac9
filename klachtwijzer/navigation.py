"""The back office's one menu: the same on every page for a logged-in user, showing what the role may use.

A context processor (``main_menu``) so that every page built on ``base.html`` gets it, whichever app renders
it: complaints, letters and reporting alike. The rules of who may use what stay in ``accounts/access.py``
and ``complaints/access.py``; this module only turns them into links. The item of the page being shown
carries ``aria-current="page"``; the item of the section a page belongs to (a complaint, its letters, a
year's report) carries ``aria-current="true"`` (WCAG 2.4.8, location). Building the menu reads no data: it
costs no database query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from klachtwijzer.accounts import access
from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.queues import QUEUE_LABELS, queues_for
from klachtwijzer.learning import access as learning_access
from klachtwijzer.partners import access as partner_access


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: str = ""  # "page" for the page shown, "true" for its section, "" otherwise


@dataclass(frozen=True)
class Menu:
    items: list[MenuItem] = field(default_factory=list)
    queues: list[MenuItem] = field(default_factory=list)


def main_menu(request: HttpRequest) -> dict[str, object]:
    """Context processor: ``main_menu``, built only when a template uses it."""
    return {"main_menu": SimpleLazyObject(lambda: build_menu(request))}


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:  # an app that is not installed has no place in the menu
        return None


def _current(path: str, url: str, *, exact: bool = True, section: bool = False) -> str:
    if exact and path == url:
        return "page"
    return "true" if section and path.startswith(url) else ""


def _learning_items(user: User, path: str) -> list[MenuItem]:
    """Learning: one's department for staff with one, the themes across departments for those who see
    figures (the coordinator reaches the catalogue of themes from there)."""
    items = []
    overview_url = _url("learning:overview")
    if overview_url is None:
        return []
    if learning_access.sees_actions(user) and user.department_id:
        department_url = reverse("learning:department")
        items.append(MenuItem(_("Learning in my department"), department_url, _current(path, department_url)))
    if learning_access.sees_theme_overview(user):
        in_learning = path.startswith(overview_url) and not path.startswith(reverse("learning:department"))
        items.append(
            MenuItem(
                _("Learning from complaints"), overview_url, _current(path, overview_url, section=in_learning)
            )
        )
    return items


def build_menu(request: HttpRequest) -> Menu:
    """The menu items and queues for the user of ``request``; empty for someone not logged in."""
    user = access.logged_in_user(request)
    if user is None:
        return Menu()
    path, queue = request.path, request.GET.get("queue", "")
    items: list[MenuItem] = []
    queues: list[MenuItem] = []
    register_url = reverse("complaints:register")
    if access.sees_complaints(user):
        home_url, list_url = reverse("complaints:home"), reverse("complaints:list")
        in_cases = path.startswith(list_url) and path != register_url
        items.append(MenuItem(_("My work"), home_url, _current(path, home_url)))
        list_current = _current(path, list_url, exact=not queue, section=in_cases)
        items.append(MenuItem(_("All complaints"), list_url, list_current))
        if path != home_url:  # on 'my work' the queues are tiles with their counts
            queues = [
                MenuItem(
                    str(QUEUE_LABELS[q]),
                    f"{list_url}?queue={q.value}",
                    "page" if path == list_url and queue == q.value else "",
                )
                for q in queues_for(user)
            ]
    if access.can_register(user):
        items.append(MenuItem(_("Register a complaint"), register_url, _current(path, register_url)))
    dashboard_url = _url("dashboard:index")
    if dashboard_url and access.can_see_dashboard(user):
        items.append(MenuItem(_("Dashboard"), dashboard_url, _current(path, dashboard_url, section=True)))
    figures_url = _url("reporting:index")
    if figures_url and access.can_see_figures(user):
        items.append(MenuItem(_("Figures"), figures_url, _current(path, figures_url, section=True)))
    items += _learning_items(user, path)
    partners_url = _url("partners:overview")
    if partners_url and partner_access.sees_partner_pages(user):
        label = _("Our figures") if user.role == "partner" else _("Partners")
        items.append(MenuItem(label, partners_url, _current(path, partners_url, section=True)))
    ombudsman_url = _url("ombudsman:queue")
    if ombudsman_url and user.is_coordinator:  # the coordinator is the ombudsman's contact
        ombudsman_current = _current(path, ombudsman_url, section=True)
        items.append(MenuItem(_("Ombudsman cases"), ombudsman_url, ombudsman_current))
    retention_url = reverse("complaints:retention")
    if access.can_manage_retention(user):
        items.append(MenuItem(_("Retention"), retention_url, _current(path, retention_url, section=True)))
    if access.can_read_access_log(user):
        log_url = reverse("complaints:access_log")
        items.append(MenuItem(_("Access log"), log_url, _current(path, log_url)))
    if access.can_answer_subject_access(user):
        request_url = reverse("complaints:subject_access")
        items.append(MenuItem(_("Access request"), request_url, _current(path, request_url)))
    templates_url = _url("letters:templates")
    if templates_url and user.is_coordinator:
        templates_current = _current(path, templates_url, section=True)
        items.append(MenuItem(_("Letter templates"), templates_url, templates_current))
        undelivered_url = reverse("letters:undelivered")
        items.append(MenuItem(_("Letters not delivered"), undelivered_url, _current(path, undelivered_url)))
    if user.is_staff:
        items.append(MenuItem(_("Reference data and users"), reverse("admin:index")))
    return Menu(items, queues)
