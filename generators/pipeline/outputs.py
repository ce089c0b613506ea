"""Other outputs as a kind that reads them sees them: the bytes this build rendered, or
those the last build left in output/ (the manifest's record of them)."""

from __future__ import annotations

import os
from pathlib import Path

from generators.bounded import MB, read_bounded
from generators.deps import Deps, OutputPart
from generators.paths import inside
from generators.pipeline.workers import Rendered

OUTPUT_TEXT_LIMIT = 64 * MB


class RenderedOutputs:
    """Implements generators.kinds.contract.OutputFiles for one build."""

    def __init__(
        self,
        output: Path,
        shas: dict[str, str],
        fresh: dict[str, Rendered],
        *,
        marks: dict[str, str] | None = None,
        changes_log: str | None = None,
    ) -> None:
        self.marks = marks
        self.changes_log = changes_log
        self._output = output
        self._shas = shas
        """Every planned output's SHA-256, as rendered now or as the manifest records it."""
        self._fresh = fresh

    def paths(self) -> list[str]:
        return sorted(self._shas)

    def size(self, path: str, deps: Deps) -> int:
        deps.add(OutputPart(path), self._sha(path))
        if path in self._fresh:
            return self._fresh[path].size
        return os.stat(inside(self._output, path)).st_size

    def text(self, path: str, deps: Deps) -> str:
        deps.add(OutputPart(path), self._sha(path))
        source = Path(self._fresh[path].temp) if path in self._fresh else inside(self._output, path)
        return read_bounded(source, OUTPUT_TEXT_LIMIT).decode("utf-8")

    def _sha(self, path: str) -> str:
        if path not in self._shas:
            raise KeyError(f"{path} is not an output of this build")
        return self._shas[path]


class NoOutputs:
    """What a kind that does not read outputs gets: nothing (asking is a bug)."""

    marks: dict[str, str] | None = None
    changes_log: str | None = None

    def paths(self) -> list[str]:
        return []

    def size(self, path: str, deps: Deps) -> int:
        raise LookupError("this output kind does not read other outputs (reads_outputs)")

    def text(self, path: str, deps: Deps) -> str:
        raise LookupError("this output kind does not read other outputs (reads_outputs)")
