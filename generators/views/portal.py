"""What the download portal shows: every sector in both languages and every form."""

from __future__ import annotations

from dataclasses import dataclass

from generators.views.measure import MeasureView
from generators.views.sector import SectorView
from generators.views.text import Text


@dataclass(frozen=True)
class FileLink:
    path: str
    size: int


@dataclass(frozen=True)
class PortalSector:
    key: str
    views: dict[str, SectorView]
    briefs: dict[str, FileLink]
    summaries: dict[str, FileLink]
    summary_markdown: dict[str, str]


@dataclass(frozen=True)
class PortalView:
    edition: str
    sectors: tuple[PortalSector, ...]
    measures: tuple[tuple[MeasureView, MeasureView, FileLink], ...]
    """Every money-bearing measure: (Chinese view, English view, its form)."""
    policies: tuple[tuple[Text, Text, FileLink], ...] = ()
    """Every policy's own page: (Chinese title, English title, the page)."""
