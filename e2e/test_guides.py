"""The role guides and their screenshots agree: every picture a guide shows exists, has alt text and is listed
in the guide's table of screenshots; every picture in docs/img/ belongs to a guide."""

from __future__ import annotations

import re

from .support import ROOT, SCREENSHOTS

GUIDES = sorted((ROOT / "docs").glob("guide-*.md"))
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<path>img/[^)]+)\)")
LISTED = re.compile(r"^\| `(?P<path>img/[^`]+)` \|", re.MULTILINE)
# Guides without screenshots yet, with the reason (each is a gap to close, named here so it stays visible).
WITHOUT_SCREENSHOTS: dict[str, str] = {}


def test_every_guide_shows_its_screenshots_with_alt_text():
    assert {guide.stem for guide in GUIDES} == {
        "guide-accounthouder",
        "guide-coordinator",
        "guide-handler",
        "guide-manager",
        "guide-partner",
        "guide-resident",
    }
    for guide in GUIDES:
        text = guide.read_text()
        if guide.stem in WITHOUT_SCREENSHOTS:
            assert not IMAGE.search(text), (
                f"{guide.name} has screenshots now: take it off WITHOUT_SCREENSHOTS"
            )
            continue
        shown = {match["path"]: match["alt"] for match in IMAGE.finditer(text)}
        assert shown, f"{guide.name} shows no screenshot"
        for path, alt in shown.items():
            assert (ROOT / "docs" / path).is_file(), f"{guide.name}: {path} does not exist"
            assert len(alt.split()) >= 1, f"{guide.name}: {path} has no alt text"
        assert set(shown) == set(LISTED.findall(text)), f"{guide.name}: shown and listed pictures differ"


def test_every_screenshot_belongs_to_a_guide():
    shown = {match["path"] for guide in GUIDES for match in IMAGE.finditer(guide.read_text())}
    pictures = {f"img/{picture.name}" for picture in SCREENSHOTS.glob("*.png")}
    assert pictures - shown == set()
