"""A bar chart of caps by measure, drawn as SVG from the data, with a text alternative."""

from __future__ import annotations

from xml.sax.saxutils import escape

from markupsafe import Markup

from generators.views import MeasureView

WIDTH = 480
BAR_HEIGHT = 12
GAP = 5
LABEL_WIDTH = 190
VALUE_WIDTH = 80
FONT = "Noto Sans CJK SC"
# WeasyPrint draws inline SVG without the page's CSS, so style goes in attributes.
_LABEL = f'font-family="{FONT}" font-size="8" fill="#1d2433"'
_VALUE = f'font-family="{FONT}" font-size="8" fill="#1f3a5f"'
_BAR = 'fill="#2f6f73"'


def caps_chart(measures: tuple[MeasureView, ...], title: str, description: str) -> Markup:
    """Horizontal bars, one per measure with a cap, longest cap first."""
    rows = sorted(
        (m for m in measures if m.max_cny), key=lambda m: (-(m.max_cny or 0), m.qualified_id)
    )
    if not rows:
        return Markup("")
    top = max(m.max_cny or 0 for m in rows)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    for index, measure in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(1.0, plot * (measure.max_cny or 0) / top)
        label = _shorten(f"{measure.label} {measure.name}", 44)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 3}" text-anchor="end" '
            f"{_LABEL}>{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" {_BAR}/>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + BAR_HEIGHT - 3}" '
            f"{_VALUE}>{escape(measure.cap)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # every piece of text in it was escaped above


def _shorten(text: str, limit: int) -> str:
    """Cut a label to a width in half-em units (a Chinese character is two)."""
    width = 0
    for index, char in enumerate(text):
        width += 2 if ord(char) > 0x2E80 else 1
        if width > limit:
            return text[:index] + "…"
    return text
