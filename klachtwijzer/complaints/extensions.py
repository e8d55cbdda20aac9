"""What other apps add to the complaints app, without this app importing them.

The layers point one way (``reporting -> learning -> complaints -> accounts``), yet the complaints app
shows and stores things that belong to apps above it: the register file's learning columns, the
learning section of the complaint page, the learning part of the demo data. Those apps register here
at start-up (from their ``AppConfig.ready``) and this app calls what was registered:

- ``add_register_columns``: columns of the register file another app reads and writes. On import it
  is started once per import (``start_import``, so it can read its lookups once) and then handed each
  batch of stored complaints with their rows; on export it gives the values of its columns for a
  batch of complaints. Both must run a fixed number of queries per batch, never one per row.
- ``add_complaint_panel``: a section of the complaint page, a callable that returns the template to
  include and its context. It must run a fixed number of queries whatever the data size.
- ``add_demo_loader``: a step of the demo data, run after the complaints within the same transaction.
- ``add_closing_hook``: called with the complaint and the acting user when a complaint is closed,
  inside the closing transaction (e-mails and tasks belong in ``transaction.on_commit``).
- ``add_status_page_part``: a part of the resident's status page, a callable that returns the template
  to include and its context, or None; it must run no query.
- ``add_subject_part``: a part another app holds of a batch of complaints for an AVG access request
  (``subject_access.py``): a key, its title and a callable that gives, per complaint id, a list of
  dictionaries keyed by what a reader sees (Dutch labels), with plain values (the learning points,
  the ombudsman cases); a fixed number of queries per batch.
- ``add_subject_letters``: the letters of a batch of complaints for an AVG access request
  (``subject_access.py``), as plain dictionaries with at least ``recipient_role``, ``recipient_name`` and
  ``recipient_email``; the complaints app decides which of them belong to the person. A fixed number of
  queries whatever the number of complaints.
- ``set_step_letter_flow``: the page flow of a step that stands for a letter (a step form with a
  ``letter_kind``): the letters app makes the letter in the same flow as the step
  (``letters/step_flow.py``). Without it such a step cannot be taken on the web.
- ``set_demo_letters``: makes the letters of a step in the demo data on the step's day (as letters sent
  outside Klachtwijzer, a small PDF each), so the demo keeps the rule "no sent-on date without its
  document"; it returns how many it made. Where a letter records its step (the acknowledgement, the
  copy), the letter is the step.

An explicit registry rather than Django signals, like ``followups.py``
(docs/adr/0007-notifications-one-way.md).
Registering the same thing twice has no effect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.functional import Promise

from klachtwijzer.accounts.models import User

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from .models import Complaint
    from .register_rows import RegisterRow

StoreBatch = Callable[[Sequence[tuple["Complaint", "RegisterRow"]]], Any]


@dataclass(frozen=True)
class RegisterColumns:
    """Register file columns another app owns: how they are imported and exported."""

    columns: tuple[str, ...]
    # Called once per import with the importing user; returns what stores each batch.
    start_import: Callable[[User | None], StoreBatch]
    # A batch of complaint ids to each complaint's values, in the order of ``columns``.
    export: Callable[[list[int]], Mapping[int, Sequence[str]]]


@dataclass(frozen=True)
class Panel:
    """A section of the complaint page: its template, the context it needs and its link in the page menu.

    ``notice_template`` (optional) is shown at the top of the page, with the same context.
    """

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    anchor: str = ""
    label: str | Promise = ""
    notice_template: str = ""


PanelMaker = Callable[[User, "Complaint"], Panel]


class DemoLoader(Protocol):
    def __call__(self, *, today: dt.date, coordinator: User, managers: dict[str, User], seed: int) -> Any: ...


_register_columns: list[RegisterColumns] = []
_panels: list[PanelMaker] = []
_demo_loaders: list[DemoLoader] = []
_destroyers: list[Callable[[Complaint], int]] = []
ClosingHook = Callable[["Complaint", User | None], Any]
_closing_hooks: list[ClosingHook] = []


@dataclass(frozen=True)
class StatusPagePart:
    """A part of the resident's status page: its template and the context it needs."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


StatusPagePartMaker = Callable[["Complaint"], StatusPagePart | None]
_status_page_parts: list[StatusPagePartMaker] = []


def add_register_columns(columns: RegisterColumns) -> None:
    if columns not in _register_columns:
        _register_columns.append(columns)


def register_columns() -> list[RegisterColumns]:
    return list(_register_columns)


def add_complaint_panel(panel: PanelMaker) -> None:
    if panel not in _panels:
        _panels.append(panel)


def complaint_panels(user: User, complaint: Complaint) -> list[Panel]:
    """The registered sections of ``complaint``'s page as ``user`` sees them, in the order registered."""
    return [make(user, complaint) for make in _panels]


def add_demo_loader(loader: DemoLoader) -> None:
    if loader not in _demo_loaders:
        _demo_loaders.append(loader)


def demo_loaders() -> list[DemoLoader]:
    return list(_demo_loaders)


def add_destroyer(destroyer: Callable[[Complaint], int]) -> None:
    """Something another app keeps of a complaint that goes when its personal data are destroyed
    (e.g. letters and their files); it returns how many things it destroyed."""
    if destroyer not in _destroyers:
        _destroyers.append(destroyer)


def destroyers() -> list[Callable[[Complaint], int]]:
    return list(_destroyers)


SubjectLetters = Callable[[Sequence[int]], Mapping[int, list[dict[str, Any]]]]
_subject_letters: list[SubjectLetters] = []


def add_subject_letters(lister: SubjectLetters) -> None:
    if lister not in _subject_letters:
        _subject_letters.append(lister)


def subject_letters(complaint_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Every registered app's letters of these complaints, by complaint id."""
    letters: dict[int, list[dict[str, Any]]] = {pk: [] for pk in complaint_ids}
    for lister in _subject_letters:
        for pk, found in lister(complaint_ids).items():
            letters.setdefault(pk, []).extend(found)
    return letters


SubjectPart = Callable[[Sequence[int]], Mapping[int, list[dict[str, str]]]]
_subject_parts: dict[str, tuple[str | Promise, SubjectPart]] = {}


def add_subject_part(key: str, title: str | Promise, lister: SubjectPart) -> None:
    _subject_parts.setdefault(key, (title, lister))


def subject_part_titles() -> dict[str, str]:
    return {key: str(title) for key, (title, _lister) in _subject_parts.items()}


def subject_parts(complaint_ids: Sequence[int]) -> dict[str, Mapping[int, list[dict[str, str]]]]:
    """Every registered part of these complaints, by its key and then by complaint id."""
    return {key: lister(complaint_ids) for key, (_title, lister) in _subject_parts.items()}


def add_closing_hook(hook: ClosingHook) -> None:
    if hook not in _closing_hooks:
        _closing_hooks.append(hook)


def complaint_closed(complaint: Complaint, acting_user: User | None) -> None:
    """Tell the registered apps that ``complaint`` was closed (inside the closing transaction)."""
    for hook in _closing_hooks:
        hook(complaint, acting_user)


def add_status_page_part(part: StatusPagePartMaker) -> None:
    if part not in _status_page_parts:
        _status_page_parts.append(part)


def status_page_parts(complaint: Complaint) -> list[StatusPagePart]:
    """The registered parts of ``complaint``'s status page, in the order registered."""
    return [part for make in _status_page_parts if (part := make(complaint)) is not None]


StepLetterFlow = Callable[["HttpRequest", "Complaint", type[Any]], "HttpResponse"]
_step_letter_flow: list[StepLetterFlow] = []


def set_step_letter_flow(flow: StepLetterFlow) -> None:
    """The view that takes a step together with its letter (one; a second call replaces it)."""
    _step_letter_flow[:] = [flow]


def step_letter_flow() -> StepLetterFlow | None:
    return _step_letter_flow[0] if _step_letter_flow else None


DemoLetters = Callable[["Complaint", str, dt.date, User], int]
_demo_letters: list[DemoLetters] = []


def set_demo_letters(maker: DemoLetters) -> None:
    """What makes a demo step's letters (one; a second call replaces it)."""
    _demo_letters[:] = [maker]


def demo_letters() -> DemoLetters | None:
    return _demo_letters[0] if _demo_letters else None
