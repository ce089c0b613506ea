"""A bar chart of caps by measure, drawn as SVG from the data, with a text alternative."""

from __future__ import annotations

from xml.sax.saxutils import escape

from markupsafe import Markup

Bar = tuple[str, int, str, str]
"""(label, amount in yuan, the amount as the output words it, a stable id for ordering)."""

WIDTH = 480
BAR_HEIGHT = 12
GAP = 5
LABEL_WIDTH = 170
VALUE_WIDTH = 150
FONT = "Noto Sans CJK SC"
# WeasyPrint draws inline SVG without the page's CSS, so style goes in attributes.
_LABEL = f'font-family="{FONT}" font-size="8" fill="#1d2433"'
_VALUE = f'font-family="{FONT}" font-size="8" fill="#1f3a5f"'
_BAR = 'fill="#2f6f73"'


def caps_chart(bars: list[Bar], title: str, description: str) -> Markup:
    """Horizontal bars, one per measure, largest amount first.

    The value printed beside a bar is the template's own phrase for it (最高500万元,
    RMB 200,000 per product (fixed)), so the chart qualifies amounts as the tables do.
    """
    rows = sorted((b for b in bars if b[1]), key=lambda b: (-b[1], b[3]))
    if not rows:
        return Markup("")
    top = max(b[1] for b in rows)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    for index, (name, amount, phrase, _) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(1.0, plot * amount / top)
        label = _shorten(name, LABEL_WIDTH // 5)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 3}" text-anchor="end" '
            f"{_LABEL}>{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" {_BAR}/>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + BAR_HEIGHT - 3}" '
            f"{_VALUE}>{escape(phrase)}</text>"
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
