"""The project's modules import one another one way only: no cycles, and the layers point downwards.

The import graph is read from the source with ``ast``: every ``import`` and ``from ... import``, at module
level, inside functions and under ``TYPE_CHECKING`` alike, so an import hidden in a function cannot hide
a cycle. Django's lazy model references (``"complaints.Complaint"``) are strings, not imports, and are
not edges. Tests and migrations are left out: they may import whatever they check.

The layers (see README): ``reporting -> learning -> complaints -> accounts``, with ``letters`` and
``intake`` beside ``complaints``: they may use complaints and accounts; complaints and accounts never use
them, and accounts uses no other app at all. ``notifications`` sits on top beside ``reporting``: it hears of
steps on complaints through ``complaints/followups.py``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import klachtwijzer

PACKAGE = Path(klachtwijzer.__file__).parent
ROOT = "klachtwijzer"
# Which apps each app may import (its own app always).
ALLOWED = {
    "accounts": set[str](),
    "complaints": {"accounts"},
    "letters": {"accounts", "complaints"},
    "intake": {"accounts", "complaints", "letters"},
    "learning": {"accounts", "complaints"},
    "ombudsman": {"accounts", "complaints", "learning"},
    "partners": {"accounts", "complaints"},
    "satisfaction": {"accounts", "complaints", "letters", "intake"},
    "reporting": {"accounts", "complaints", "learning", "ombudsman", "partners", "satisfaction"},
    "notifications": {"accounts", "complaints", "learning", "letters", "ombudsman", "partners"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    """Every module of the package except tests and migrations, by dotted name."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        modules[_module_name(path)] = path
    return modules


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> Iterator[str]:
    """The dotted names an import statement may refer to, relative imports resolved."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join([*base, node.module] if node.module else base)
    else:
        target = node.module or ""
    yield target
    yield from (f"{target}.{alias.name}" for alias in node.names)


def import_graph() -> dict[str, set[str]]:
    """For each project module, the project modules it imports anywhere in its source."""
    modules = project_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _imported(node, name, is_package):
                    if target in modules and target != name:
                        edges.add(target)
        graph[name] = edges
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in ALLOWED else None


def test_the_graph_sees_imports_inside_functions_and_under_type_checking() -> None:
    graph = import_graph()
    # composing imports handling at module level; a sample of what the reader must find.
    assert "klachtwijzer.complaints.handling" in graph["klachtwijzer.letters.composing"]
    # Function-level and TYPE_CHECKING imports count too (a made-up module, parsed the same way).
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .a import x\n"
        "def f():\n    from . import b\n"
    )
    found = {
        target
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for target in _imported(node, "klachtwijzer.complaints.c", False)
    }
    assert {"klachtwijzer.complaints.a", "klachtwijzer.complaints.b"} <= found


def test_cycles_are_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c"]]


def test_no_module_of_the_project_takes_part_in_an_import_cycle() -> None:
    cycles = find_cycles(import_graph())
    assert cycles == [], "Import cycles: " + "; ".join(" <-> ".join(cycle) for cycle in cycles)


def test_apps_depend_one_way_reporting_learning_complaints_accounts() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        for target in targets
        if (app := _app(module)) and (other := _app(target)) and other != app and other not in ALLOWED[app]
    )
    assert wrong == []
