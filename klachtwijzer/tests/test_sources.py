"""The Python sources keep every Dutch word in the catalogues, and no message is glued from pieces.

Users read Dutch through gettext with English msgids: whole sentences with named placeholders
(docs/adr/0003). This reads the sources (not the running product) and refuses

- a translated string glued to something with ``+``, in an f-string, or in ``" ".join([...])``;
- a string literal in Dutch: a phrase with a typical Dutch word, or a Dutch word for a person
  ("klager", "inwoner"), outside gettext, docstrings, tests, migrations and the catalogues.

Dutch that is data rather than interface text is allowed where it is: the values of the register
file (``REGISTER_OORDEEL``, docs/register.md), the open-data file of the yearly report (its column
names and values are a fixed Dutch format), and the made-up texts of the demo.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from klachtwijzer.complaints.constants import REGISTER_OORDEEL

PACKAGE = Path(__file__).resolve().parent.parent
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
SKIPPED_DIRECTORIES = {"tests", "migrations", "locale"}
# Modules whose Dutch strings are data: a file format's fixed vocabulary, or the demo's made-up texts.
DATA_MODULES = {
    "reporting/publication.py",
    "complaints/demo_texts.py",
    "complaints/demo_steps.py",
    "learning/demo.py",
    "ombudsman/models.py",
    "ombudsman/demo.py",
    "partners/demo.py",
    "satisfaction/demo.py",
}
FORMAT_VALUES = set(REGISTER_OORDEEL)
DUTCH_WORD = re.compile(
    r"\b(de|het|een|niet|geen|wordt|zijn|naar|uw|wij|ons|onze|bij|voor|van|met|heeft|hebben"
    r"|klager|gemeente|inwoner)\b"
)
DUTCH_PERSONS = {"klager", "inwoner", "beklaagde"}


def _is_gettext(node: ast.AST) -> bool:
    """A call of gettext and friends, also ``_("...") % {...}`` and ``str(_("..."))``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _is_gettext(node.left)
    if not isinstance(node, ast.Call):
        return False
    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
    if name == "str" and node.args:
        return _is_gettext(node.args[0])
    return name in GETTEXT


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _msgids(tree: ast.AST) -> set[int]:
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _is_gettext(node)
        for inner in ast.walk(node)
    }


def looks_dutch(text: str) -> bool:
    if " " not in text.strip():
        return text.strip().lower() in DUTCH_PERSONS
    return text not in FORMAT_VALUES and bool(DUTCH_WORD.search(text))


def glued_messages(source: str) -> list[tuple[int, str]]:
    """Translated strings glued to something else: (line, how)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            if _is_gettext(node.left) or _is_gettext(node.right):
                found.append((node.lineno, "gettext(...) + ..."))
        elif isinstance(node, ast.JoinedStr):
            if any(isinstance(part, ast.FormattedValue) and _is_gettext(part.value) for part in node.values):
                found.append((node.lineno, "an f-string with a translated part"))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "join":
            separator = getattr(node.func, "value", None)
            words = isinstance(separator, ast.Constant) and separator.value in ("", " ")
            items = node.args[0] if node.args else None
            if words and isinstance(items, ast.List | ast.Tuple) and any(map(_is_gettext, items.elts)):
                found.append((node.lineno, '" ".join of translated words'))
    return found


def dutch_literals(source: str) -> list[tuple[int, str]]:
    """String literals in Dutch outside gettext and docstrings: (line, text)."""
    tree = ast.parse(source)
    allowed = _docstrings(tree) | _msgids(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in allowed
        and looks_dutch(node.value)
    ]


def _modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not SKIPPED_DIRECTORIES & set(path.relative_to(PACKAGE).parts)
    ]


def test_no_message_is_glued_from_translated_pieces():
    problems = [
        f"{path.relative_to(PACKAGE)}:{line}: {how}"
        for path in _modules()
        for line, how in glued_messages(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "Make each a whole msgid with named placeholders:\n" + "\n".join(problems)


def test_no_dutch_is_hard_coded_in_python():
    problems = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in _modules()
        if path.relative_to(PACKAGE).as_posix() not in DATA_MODULES
        for line, text in dutch_literals(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "Put Dutch in the catalogue (an English msgid in gettext):\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "source",
    [
        'x = _("Saved") + " " + name',
        'x = name + gettext("saved")',
        "x = f\"{name} ({_('complainant')})\"",
        'x = " ".join([_("Complaint"), _("closed")])',
        'x = _("%(n)s files") % {"n": 2} + "."',
    ],
)
def test_the_glue_check_finds_glue(source):
    assert glued_messages(source)


@pytest.mark.parametrize(
    "source",
    [
        'x = _("%(name)s (%(role)s)") % {"name": name, "role": role}',
        'x = "\\n\\n".join([body, _("This letter is attached as a PDF file.")])',
        'x = ", ".join(names)',
    ],
)
def test_whole_messages_pass_the_glue_check(source):
    assert not glued_messages(source)


@pytest.mark.parametrize(
    "source",
    [
        'RESIDENT = "inwoner"',
        'record(actor_label="klager")',
        'name = models.CharField(default="de Nationale ombudsman")',
        'note = "Dit is een melding, geen klacht."',
    ],
)
def test_the_dutch_check_finds_dutch(source):
    assert dutch_literals(source)


@pytest.mark.parametrize(
    "source",
    [
        '"""Zie de klacht."""',
        'x = _("Not a report (melding) but an objection (bezwaar)")',
        'OUTCOME = "geen klacht"',  # a value of the register file
        'path("klachten/<str:reference>/stap/<slug:slug>/")',
        'slug = "niet-horen"',
        'DEFAULT_FROM_EMAIL = "klachten@gemeente.example"',
        'x = "the complainant"',
    ],
)
def test_english_text_identifiers_and_format_values_pass_the_dutch_check(source):
    assert not dutch_literals(source)


def test_no_message_is_translated_differently_in_two_apps():
    # Django merges the apps' catalogues and the first in LOCALE_PATHS wins: a second translation of the
    # same message would never be shown where its app meant it.
    from klachtwijzer.accounts.management.commands.check_catalogues import translation_conflicts
    from klachtwijzer.accounts.management.commands.compile_catalogues import catalogues

    assert translation_conflicts(catalogues()) == []


def _catalogue(path: Path, entries: list[tuple[str | None, str, str]]) -> Path:
    import polib

    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for context, msgid, msgstr in entries:
        catalogue.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=msgstr))
    catalogue.save(str(path))
    return path


def test_the_catalogue_check_finds_two_translations_and_accepts_a_context(tmp_path):
    from klachtwijzer.accounts.management.commands.check_catalogues import translation_conflicts

    complaints = _catalogue(tmp_path / "a.po", [(None, "Overdue", "Termijn verstreken")])
    learning = _catalogue(tmp_path / "b.po", [(None, "Overdue", "Te laat")])
    conflicts = translation_conflicts([complaints, learning])
    assert len(conflicts) == 1 and "'Overdue'" in conflicts[0] and "Te laat" in conflicts[0]

    learning = _catalogue(tmp_path / "b.po", [("improvement action", "Overdue", "Te laat")])
    assert translation_conflicts([complaints, learning]) == []
