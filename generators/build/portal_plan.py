"""The portal is planned after the other outputs: it lists their files and sizes."""

from __future__ import annotations

import os
from pathlib import Path

from generators.build.jobs import Job
from generators.build.plan import make_job
from generators.build.sources import SourceIndex
from generators.build.workers import Rendered
from generators.deps import Deps
from generators.model import Corpus
from generators.paths import inside
from generators.views.portal import FileLink, portal_view


def plan_portal(
    corpus: Corpus,
    index: SourceIndex,
    shas: dict[str, str],
    fresh: dict[str, Rendered],
    output: Path,
    *,
    marks: dict[str, str] | None = None,
    changes_log: str | None = None,
) -> Job:
    """The portal's job; `marks` are the clauses added or changed in this edition."""
    deps = Deps()

    def link(path: str) -> FileLink:
        deps.add(f"output:{path}", shas.get(path, ""))
        if path in fresh:
            return FileLink(path, fresh[path].size)
        return FileLink(path, os.stat(inside(output, path)).st_size)

    view = portal_view(corpus, deps, link, marks=marks, changes_log=changes_log)
    return make_job("portal", "index.html", view, deps, None, index)
