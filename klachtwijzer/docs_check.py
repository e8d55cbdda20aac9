"""Check the documentation: no file grown out of all proportion, no link that leads nowhere.

Rules (run by ``python3 dev.py test``, or ``python -m klachtwijzer.docs_check [ROOT]``):

- every Markdown file under ``docs/`` and at the top of the repository is at most ``MAX_MARKDOWN``
  bytes, every other file under ``docs/`` (images) at most ``MAX_OTHER`` bytes: a page that suddenly
  weighs megabytes was damaged, not written;
- every relative link in the repository's Markdown files (``[text](path)``, ``![alt](image)``,
  ``[label]: path``) points to a file or folder inside the repository, and a ``#anchor`` into a Markdown
  file names one of its headings (as GitHub makes anchors of them) or an explicit ``<a id="...">``.
  Links with a scheme (``https:``, ``mailto:``) are not followed; links inside code are not links.

Only the standard library: it runs before anything is installed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

MAX_MARKDOWN = 200 * 1024
MAX_OTHER = 1024 * 1024
SKIPPED_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", "test-artifacts", "build", "dist"}

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+\"[^\"]*\"|\s+'[^']*')?\s*\)"
)
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HTML_ANCHOR = re.compile(r"<a\s+[^>]*(?:id|name)=\"([^\"]+)\"", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"<[^>]+>", "", heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link in a heading keeps its text
    text = text.replace("`", "").strip().lower()
    text = "".join(char for char in text if char.isalnum() or char in " -_")
    return text.replace(" ", "-")


def _lines_outside_code(text: str) -> Iterator[str]:
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker == fence:
                fence = None
            continue
        if fence is None:
            yield _CODE_SPAN.sub("", line)


def anchors(text: str) -> set[str]:
    """The anchors a Markdown text offers: its headings' slugs (numbered when repeated) and explicit ids."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in _lines_outside_code(text):
        found.update(_HTML_ANCHOR.findall(line))
        heading = _HEADING.match(line)
        if heading:
            base = slug(heading.group(2))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(text: str) -> Iterator[str]:
    for line in _lines_outside_code(text):
        for match in _INLINE_LINK.finditer(line):
            yield match.group(1).strip("<>")
        reference = _REFERENCE_LINK.match(line)
        if reference:
            yield reference.group(1).strip("<>")


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.iterdir()):
        if path.name in SKIPPED_DIRS or (path.name.startswith(".") and path.is_dir()):
            continue
        if path.is_dir():
            yield from _files(path)
        else:
            yield path


def _check_sizes(root: Path) -> list[str]:
    problems = []
    docs = root / "docs"
    for path in [*sorted(root.glob("*.md")), *(_files(docs) if docs.is_dir() else [])]:
        limit = MAX_MARKDOWN if path.suffix == ".md" else MAX_OTHER
        size = path.stat().st_size
        if size > limit:
            problems.append(f"{path.relative_to(root)}: {size:,} bytes, more than the {limit:,} allowed")
    return problems


def _check_link(root: Path, page: Path, target: str, cache: dict[Path, set[str]]) -> str | None:
    if _SCHEME.match(target) or target.startswith("//"):
        return None
    path_part, _, anchor = target.partition("#")
    path_part = unquote(path_part.split("?", 1)[0])
    destination = (page.parent / path_part).resolve() if path_part else page.resolve()
    if destination != root and root not in destination.parents:
        return f"{target}: points outside the repository"
    if not destination.exists():
        return f"{target}: no such file"
    if anchor and destination.suffix == ".md" and destination.is_file():
        if destination not in cache:
            cache[destination] = anchors(destination.read_text(encoding="utf-8"))
        if unquote(anchor).lower() not in cache[destination]:
            return f"{target}: no heading #{anchor} in {destination.relative_to(root)}"
    return None


def check_docs(root: Path) -> list[str]:
    """Every problem with the documentation under ``root``, one line each; empty when all is well."""
    root = root.resolve()
    problems = _check_sizes(root)
    cache: dict[Path, set[str]] = {}
    for page in _files(root):
        if page.suffix != ".md" or page.stat().st_size > MAX_MARKDOWN:
            continue
        for target in links(page.read_text(encoding="utf-8")):
            problem = _check_link(root, page, target, cache)
            if problem:
                problems.append(f"{page.relative_to(root)}: {problem}")
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent
    problems = check_docs(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"The documentation has {len(problems)} problem(s).", file=sys.stderr)
        return 1
    print("The documentation's sizes and links are in order.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
