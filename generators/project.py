"""Where a project's parts live: content, templates, catalogs, output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def locales(self) -> Path:
        return self.templates / "locales"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def catalog(self, lang: str, suffix: str = "po") -> Path:
        return self.locales / lang / "LC_MESSAGES" / f"messages.{suffix}"
