"""A sector's summary to paste into WeChat or an email: one HTML page per sector and
language, inline styles, one card per measure, absolute links when base_url is set. It
is planned and rendered as the Markdown summary is, from the same view."""

from __future__ import annotations

from generators.kinds.summary import Summary


class SummaryCard(Summary):
    name = "summary-card"
    templates = ("summaries/card.html.j2",)
    suffix = "html"


KIND = SummaryCard()
