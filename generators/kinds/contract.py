"""The contract between the pipeline and an output kind, small like a Sphinx builder.

A kind plans its outputs from the corpus, each a view with the parts it read recorded,
and renders one view to bytes. Everything else (what is outdated and why, parallel
rendering, deadlines, committing, the manifest) is the pipeline's, which knows no kind
by name. A kind never imports the pipeline.

Planning runs in the build process; rendering runs in a worker process, so a kind imports
its heavy libraries (WeasyPrint, python-docx) inside `render`, not at the top.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Generic, Protocol, TypeVar

from generators.deps import Deps
from generators.model import Corpus

ViewT = TypeVar("ViewT")


@dataclass(frozen=True)
class Planned(Generic[ViewT]):
    """One output a kind will make: where, and how to make its view.

    `make` builds the view, recording in the Deps it is given every part it reads. The
    pipeline calls it only when the output may have changed: at 309 policies, making
    every view again for a one-clause change would cost more than rendering what changed.
    """

    path: str
    """Relative to output/, with forward slashes (briefs/ai.zh.pdf)."""
    make: Callable[[Deps], ViewT]
    langs: tuple[str, ...]
    """The catalogs (template wording) the output reads: its language, or both."""
    reads: frozenset[str] | None = None
    """The policies (by id) the view may read, besides the files every output may read
    (glossary, sectors, settings, matcher); None when it may read any policy. An output
    whose policies and other parts are as the last build recorded them is kept without
    making its view, so a view that reads a policy it does not declare here goes stale."""
    same_view_as: Hashable | None = None
    """Outputs (of any kind) naming the same key here are made from one view, made once:
    a sector's Markdown summary and its summary card."""

    def view(self) -> tuple[ViewT, Deps]:
        """The view, and the parts it read."""
        deps = Deps()
        return self.make(deps), deps


class OutputFiles(Protocol):
    """Other outputs, as a kind that lists or embeds them sees them (`reads_outputs`).
    Reading one records it as a dependency."""

    marks: dict[str, str] | None
    """'new' or 'changed' per clause this edition added or changed, over all its builds
    (pipeline/edition.py); None when no earlier build says."""
    changes_log: str | None
    """The change log's path in output/ (CHANGES.md), when there is one."""

    def paths(self) -> list[str]:
        """Every output of the kinds that do not read outputs, sorted."""

    def size(self, path: str, deps: Deps) -> int:
        """Its size in bytes."""

    def text(self, path: str, deps: Deps) -> str:
        """Its content, as UTF-8 text."""


class OutputKind(ABC, Generic[ViewT]):
    """What outputs of one kind exist (`plan`) and how one is made (`render`)."""

    name: ClassVar[str]
    """Short and stable: the manifest records it per output."""
    templates: ClassVar[tuple[str, ...]]
    """The templates it renders; those they include or import are found by the pipeline."""
    weight: ClassVar[float] = 1.0
    """Relative render cost: heavier outputs start first."""
    embeds_fonts: ClassVar[bool] = False
    """Outputs embed the CJK fonts (PDF): the fonts are part of their fingerprint."""
    reads_outputs: ClassVar[bool] = False
    """Planned only once every output of the other kinds is rendered (a download page)."""

    @abstractmethod
    def plan(self, corpus: Corpus, outputs: OutputFiles) -> Iterator[Planned[ViewT]]:
        """Every output of this kind the corpus calls for."""

    @abstractmethod
    def render(self, view: ViewT, root: Path) -> bytes:
        """One output's bytes, from its view and the project at `root` (for templates)."""
