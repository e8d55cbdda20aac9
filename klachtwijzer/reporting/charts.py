"""The report's charts drawn with matplotlib: SVG for the HTML page and the PDF, PNG for the DOCX.

Every chart has a text alternative (``Chart.alt``) that names each value, and the same numbers stand
in a table beside it. A bar whose value is too small to publish is left out and labelled "< 5".
The output is deterministic (no dates, fixed ids), so a frozen report renders the same every time.
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING

from .contents import Chart

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BAR_HEIGHT_INCHES = 0.38


def _draw(chart: Chart, colour: str) -> Figure:
    from matplotlib.figure import Figure

    count = max(len(chart.labels), 1)
    height = 1.0 + BAR_HEIGHT_INCHES * count if chart.horizontal else 3.2
    figure = Figure(figsize=(6.4, height), dpi=100)
    axes = figure.add_subplot()
    positions = list(range(len(chart.labels)))
    heights = [value or 0 for value in chart.values]
    if chart.horizontal:
        bars = axes.barh(positions, heights, color=colour, height=0.6)
        axes.set_yticks(positions, chart.labels)
        axes.invert_yaxis()
        axes.xaxis.grid(True, color="#dddddd")
    else:
        bars = axes.bar(positions, heights, color=colour, width=0.6)
        axes.set_xticks(positions, chart.labels)
        axes.yaxis.grid(True, color="#dddddd")
    axes.bar_label(bars, labels=chart.value_labels or None, padding=3, fontsize=9)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.margins(x=0.12 if chart.horizontal else 0.05, y=0.15 if not chart.horizontal else 0.05)
    figure.tight_layout()
    return figure


def svg(chart: Chart, colour: str) -> str:
    """The chart as an SVG document."""
    from matplotlib import rc_context

    with rc_context({"svg.hashsalt": f"klachtwijzer-{chart.key}", "svg.fonttype": "path"}):
        buffer = io.StringIO()
        _draw(chart, colour).savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def svg_data_uri(chart: Chart, colour: str) -> str:
    encoded = base64.b64encode(svg(chart, colour).encode()).decode()
    return f"data:image/svg+xml;base64,{encoded}"


def png(chart: Chart, colour: str) -> bytes:
    """The chart as a PNG image at print resolution."""
    buffer = io.BytesIO()
    _draw(chart, colour).savefig(buffer, format="png", dpi=200, metadata={"Software": None})
    return buffer.getvalue()
