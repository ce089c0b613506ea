"""Progress while rendering: a rich bar on a terminal, plain lines in CI, silence for --json.

Jobs are handed to render processes while planning goes on, so the total grows as the
build finds more to do.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from generators.pipeline.jobs import Job


class Progress:
    def __init__(self, bar: Any = None) -> None:
        self._bar = bar
        self._task = bar.add_task("", total=0) if bar is not None else None
        self.total = 0
        self.done = 0

    def expect(self, count: int = 1) -> None:
        self.total += count
        if self._bar is not None:
            self._bar.update(self._task, total=self.total)

    def finished(self, job: Job, ok: bool) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=job.path)
        else:
            state = "rendered" if ok else "FAILED"
            print(f"[{self.done}/{self.total}] {state} {job.path}", file=sys.stderr)


class _Silent(Progress):
    def finished(self, job: Job, ok: bool) -> None:
        self.done += 1


@contextlib.contextmanager
def progress(quiet: bool) -> Iterator[Progress]:
    if quiet:
        yield _Silent()
    elif sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
        from rich.progress import Progress as Bar

        with Bar(
            TextColumn("rendering"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            transient=True,
        ) as bar:
            yield Progress(bar)
    else:
        yield Progress()
