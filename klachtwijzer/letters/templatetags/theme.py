"""The municipality's colour as CSS custom properties, made safe and readable (WCAG 1.4.3).

``{% theme_style municipality %}`` writes ``--kw-primary``, ``--kw-primary-text`` (black or white,
whichever contrasts most with the colour) and ``--kw-link`` (the colour darkened until it reaches a
contrast of 4.5:1 on white). A value that is not a ``#rrggbb`` colour falls back to the default, so
nothing typed in the admin can break out of the style attribute.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from klachtwijzer.accounts.models import DEFAULT_COLOUR

register = template.Library()

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darken(colour: str, factor: float) -> str:
    r, g, b = (int(int(colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return f"#{r:02x}{g:02x}{b:02x}"


def safe_colour(value: object) -> str:
    text = str(value or "")
    return text.lower() if HEX_COLOUR.match(text) else DEFAULT_COLOUR


def readable_on_white(colour: str, minimum: float = 4.5) -> str:
    """``colour`` itself when it reads on white, else the first darker shade that does."""
    shade, factor = colour, 1.0
    while contrast(shade, "#ffffff") < minimum and factor > 0:
        factor -= 0.05
        shade = darken(colour, max(factor, 0))
    return shade


def text_on(colour: str) -> str:
    return "#000000" if contrast(colour, "#000000") > contrast(colour, "#ffffff") else "#ffffff"


def theme_properties(value: object) -> dict[str, str]:
    colour = safe_colour(value)
    return {"primary": colour, "primary_text": text_on(colour), "link": readable_on_white(colour)}


@register.simple_tag
def theme_style(municipality: object) -> SafeString:
    """The value of a ``style`` attribute setting the theme's colour properties."""
    props = theme_properties(getattr(municipality, "primary_colour", None))
    return format_html(
        "--kw-primary: {}; --kw-primary-text: {}; --kw-link: {};",
        props["primary"],
        props["primary_text"],
        props["link"],
    )
