"""Server-rendered SVG charts for survey results and the yearly report.

pygal (Kozea, maintained since 2012, pure Python, SVG out, no JavaScript needed) draws the
charts; the pages put the same figures in a table beside each chart, so the SVG is decoration
for sighted readers (aria-hidden) and the table is what a screen reader reads. The SVG is
inlined, so WeasyPrint puts the very same chart in the PDF."""

import re
from collections.abc import Sequence

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _style(colour: str) -> Style:
    return Style(
        background="white",
        plot_background="white",
        foreground="#1b1b1b",
        foreground_strong="#1b1b1b",
        foreground_subtle="#4a4a4a",
        colors=(colour, "#c8102e", "#1e6b34", "#7a4d00"),
        font_family="sans-serif",
        label_font_size=13,
        major_label_font_size=13,
        value_font_size=12,
        title_font_size=15,
    )


def _clean(svg: str) -> SafeString:
    svg = _COMMENT.sub("", _SCRIPT.sub("", svg))
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return mark_safe(svg)


DEFAULT_COLOUR = "#00476b"


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float | int],
    *,
    title: str = "",
    colour: str | None = None,
    horizontal: bool = True,
    max_value: float | None = None,
) -> SafeString:
    """A bar per label, with its value printed on it. Counts (whole numbers) get an axis
    that counts in whole numbers too (issue 16, point 14: "0,5 svar" read as nonsense)."""
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    whole = all(float(v).is_integer() for v in values)
    chart = kind(
        style=_style(colour or DEFAULT_COLOUR),
        show_legend=False,
        js=[],
        disable_xml_declaration=True,
        width=520,
        height=max(160, 40 + 34 * len(labels)) if horizontal else 300,
        print_values=True,
        range=(0, max_value) if max_value else None,
        title=title or None,
        truncate_label=40,
    )
    chart.x_labels = [str(label) for label in labels]
    if whole:
        chart.y_labels = whole_ticks(max_value or max([0, *values]))
        chart.value_formatter = lambda v: f"{v:.0f}"
    chart.add("", list(values))
    return _clean(chart.render(is_unicode=True))


def whole_ticks(top: float, *, most: int = 6) -> list[int]:
    """Axis marks from 0 to at least `top` in whole steps, at most `most` + 1 of them:
    0, 1, 2, 3 for three answers; 0, 5, 10, 15, 20 for twenty."""
    top = max(1, int(-(-top // 1)))
    step = max(1, -(-top // most))
    for nice in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if nice >= step:
            step = nice
            break
    last = -(-top // step) * step
    return list(range(0, last + 1, step))
