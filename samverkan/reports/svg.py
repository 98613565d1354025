"""The participation matrix as an SVG heat map, drawn directly (a grid of labelled cells is
simpler to draw than to bend a charting library to)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from samverkan.reports.matrix import COLOURS, LABELS, AreaMatrix, Matrix

CELL = 26
LEFT_MARGIN = 150
TOP_MARGIN = 170


def heat_map(matrix: Matrix) -> SafeString:
    cols, rows = len(matrix.networks), len(matrix.municipalities)
    width = LEFT_MARGIN + cols * CELL + 10
    legend_y = TOP_MARGIN + rows * CELL + 24
    height = legend_y + 24 * len(LABELS)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false" '
        f'class="heat-map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">'
    ]
    for j, network in enumerate(matrix.networks):
        x = LEFT_MARGIN + j * CELL + CELL / 2
        parts.append(
            f'<text transform="translate({x + 4},{TOP_MARGIN - 6}) rotate(-60)" '
            f'fill="#1b1b1b">{escape(network.name[:28])}</text>'
        )
    for i, (municipality, states, _count) in enumerate(matrix.rows()):
        y = TOP_MARGIN + i * CELL
        parts.append(
            f'<text x="{LEFT_MARGIN - 8}" y="{y + CELL * 0.65}" text-anchor="end" '
            f'fill="#1b1b1b">{escape(municipality.name)}</text>'
        )
        for j, state in enumerate(states):
            fill, ink, mark = COLOURS[state]
            x = LEFT_MARGIN + j * CELL
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" fill="{fill}" '
                f'stroke="#c9c9c9"/>'
            )
            if mark:
                parts.append(
                    f'<text x="{x + (CELL - 2) / 2}" y="{y + CELL * 0.62}" text-anchor="middle" '
                    f'fill="{ink}">{mark}</text>'
                )
    for k, (state, label) in enumerate(LABELS.items()):
        fill, ink, mark = COLOURS[state]
        y = legend_y + k * 24
        parts.append(
            f'<rect x="10" y="{y}" width="18" height="18" fill="{fill}" stroke="#c9c9c9"/>'
            f'<text x="19" y="{y + 13}" text-anchor="middle" fill="{ink}">{mark}</text>'
            f'<text x="36" y="{y + 13}" fill="#1b1b1b">{escape(str(label))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _share_fill(share: float) -> tuple[str, str]:
    """A cell's colour by the share of the area's networks taken part in (white → green), and
    a text colour readable on it; the number is written in the cell, so colour is not alone."""
    light, dark = (0xEE, 0xF5, 0xEF), (0x1E, 0x6B, 0x34)
    rgb = [round(a + (b - a) * share) for a, b in zip(light, dark, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in rgb), "#ffffff" if share > 0.5 else "#1b1b1b"


def area_heat_map(matrix: AreaMatrix) -> SafeString:
    """Municipalities × areas, each cell the number of the area's active networks the
    municipality takes part in: a picture whose size does not grow with the networks."""
    cols, rows = len(matrix.areas), len(matrix.municipalities)
    width = LEFT_MARGIN + cols * CELL + 10
    height = TOP_MARGIN + rows * CELL + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false" '
        f'class="heat-map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="11">'
    ]
    for j, area in enumerate(matrix.areas):
        x = LEFT_MARGIN + j * CELL + CELL / 2
        label = f"{area.name[:24]} ({matrix.networks.get(area.pk, 0)})"
        parts.append(
            f'<text transform="translate({x + 4},{TOP_MARGIN - 6}) rotate(-60)" '
            f'fill="#1b1b1b">{escape(label)}</text>'
        )
    for i, (municipality, counts) in enumerate(matrix.rows()):
        y = TOP_MARGIN + i * CELL
        parts.append(
            f'<text x="{LEFT_MARGIN - 8}" y="{y + CELL * 0.65}" text-anchor="end" '
            f'fill="#1b1b1b">{escape(municipality.name)}</text>'
        )
        for j, (area, n) in enumerate(zip(matrix.areas, counts, strict=True)):
            fill, ink = _share_fill(n / (matrix.networks.get(area.pk) or 1))
            x = LEFT_MARGIN + j * CELL
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" fill="{fill}" '
                f'stroke="#c9c9c9"/><text x="{x + (CELL - 2) / 2}" y="{y + CELL * 0.62}" '
                f'text-anchor="middle" fill="{ink}">{n}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
