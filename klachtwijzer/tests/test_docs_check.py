"""The documentation check run by ``dev.py test``: a bloated page and a dead link are both refused."""

from pathlib import Path

import pytest

from klachtwijzer.docs_check import MAX_MARKDOWN, check_docs, main, slug

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "img").mkdir(parents=True)
    (tmp_path / "docs" / "img" / "screen.png").write_bytes(b"\x89PNG")
    (tmp_path / "README.md").write_text("See [the model](docs/model.md#the-complaint).\n")
    (tmp_path / "docs" / "model.md").write_text(
        "# Model\n\n## The complaint\n\n![A screen](img/screen.png) and [back](../README.md).\n"
        "```\n[not a link](nowhere.md)\n```\n"
    )
    return tmp_path


def test_a_repository_in_order_passes(repository):
    assert check_docs(repository) == []


def test_a_bloated_page_and_dead_links_are_each_refused(repository, capsys):
    (repository / "docs" / "benchmarks.md").write_text("# Benchmarks\n" + "x" * MAX_MARKDOWN)
    (repository / "docs" / "model.md").write_text(
        "# Model\n\n## The complaint\n\n[gone](terms.md), [no such heading](../README.md#setup), "
        "![lost](img/lost.png), [outside](../../elsewhere/notes.md).\n"
    )

    problems = check_docs(repository)

    assert problems == [
        f"docs/benchmarks.md: {MAX_MARKDOWN + 13:,} bytes, more than the {MAX_MARKDOWN:,} allowed",
        "docs/model.md: terms.md: no such file",
        "docs/model.md: ../README.md#setup: no heading #setup in README.md",
        "docs/model.md: img/lost.png: no such file",
        "docs/model.md: ../../elsewhere/notes.md: points outside the repository",
    ]
    assert main([str(repository)]) == 1
    assert "5 problem(s)" in capsys.readouterr().err


def test_anchors_are_made_as_github_makes_them():
    assert slug("Learning points, improvement actions and ombudsman cases") == (
        "learning-points-improvement-actions-and-ombudsman-cases"
    )
    assert slug("`report --year` (JSON)") == "report---year-json"
    assert slug("Één klacht: de termijn") == "één-klacht-de-termijn"


def test_the_projects_own_documentation_is_in_order():
    assert check_docs(ROOT) == []
