"""Chart geometry for report.html: numbers here, markup in the template.

The charts are inline SVG so the page fetches nothing. Python works out where each bar
goes (coordinates already formatted, so the page is byte-stable); ``report.html.j2``
draws them, and the template's escaping covers every label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from framing.report.model import DistinctiveTerm

_WIDTH, _BAR, _GAP, _LABEL_W = 640, 18, 8, 170
_Z_WIDTH, _Z_BAR, _Z_GAP, _Z_LABEL_W = 420, 14, 5, 220


@dataclass(frozen=True)
class Segment:
    """One coloured piece of a stacked bar."""

    x: str
    width: str
    colour: str
    key: str
    value: int


@dataclass(frozen=True)
class StackedRow:
    y: int
    label: str
    segments: tuple[Segment, ...]
    total_x: str
    total: int


@dataclass(frozen=True)
class LegendKey:
    x: str
    text_x: str
    key: str
    colour: str


@dataclass(frozen=True)
class StackedChart:
    """A horizontal stacked bar chart: one row per outlet, one colour per key."""

    title: str
    width: int
    height: int
    bar: int
    rows: tuple[StackedRow, ...]
    legend_y: int
    legend: tuple[LegendKey, ...]


def stacked_chart(
    rows: Sequence[tuple[str, Mapping[str, int]]],
    keys: Sequence[str],
    colours: Mapping[str, str],
    title: str,
) -> StackedChart:
    """Lay out bars scaled to the largest row total, then a legend under them."""
    total_max = max([sum(values.values()) for _, values in rows] + [1])
    height = len(rows) * (_BAR + _GAP) + 40
    laid_out = []
    for i, (label, values) in enumerate(rows):
        y = 10 + i * (_BAR + _GAP)
        x = float(_LABEL_W)
        segments = []
        for key in keys:
            value = values.get(key, 0)
            if not value:
                continue
            w = _WIDTH * value / total_max
            segments.append(Segment(f"{x:.1f}", f"{w:.1f}", colours[key], key, value))
            x += w
        laid_out.append(
            StackedRow(y, label[:28], tuple(segments), f"{x + 4:.1f}", sum(values.values()))
        )
    legend = []
    x = float(_LABEL_W)
    for key in keys:
        legend.append(LegendKey(f"{x:.1f}", f"{x + 13:.1f}", key, colours[key]))
        x += 14 + 7 * len(key)
    return StackedChart(
        title, _WIDTH + _LABEL_W + 90, height, _BAR, tuple(laid_out), height - 12, tuple(legend)
    )


@dataclass(frozen=True)
class ZBar:
    y: int
    label: str
    width: str
    colour: str
    z: float
    value_x: str


@dataclass(frozen=True)
class ZChart:
    """An outlet's most distinctive terms as bars as long as their z-scores."""

    width: int
    height: int
    label_w: int
    bar: int
    bars: tuple[ZBar, ...]


def z_chart(terms: Sequence[DistinctiveTerm]) -> ZChart:
    top = max((abs(term.z) for term in terms), default=0) or 1.0
    bars = []
    for i, term in enumerate(terms):
        y = 5 + i * (_Z_BAR + _Z_GAP)
        w = _Z_WIDTH * abs(term.z) / top
        colour = "#4e79a7" if term.z >= 0 else "#e15759"
        bars.append(
            ZBar(y, term.label[:32], f"{w:.1f}", colour, term.z, f"{_Z_LABEL_W + w + 4:.1f}")
        )
    height = len(terms) * (_Z_BAR + _Z_GAP) + 10
    return ZChart(_Z_WIDTH + _Z_LABEL_W + 40, height, _Z_LABEL_W, _Z_BAR, tuple(bars))
