"""Which outputs exist, what each is made from, and which are outdated and why.

Generic: every output kind plans its own outputs (with the content parts its views
read); here each gets the parts every output shares in kind (its templates, the catalog
messages they use, the code its kind imports, the fonts), and is compared with the
manifest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generators.deps import CodePart, FontsPart, MessagesPart, Part, TemplatePart, parse_part
from generators.kinds.contract import OutputFiles, OutputKind
from generators.model import Corpus
from generators.paths import relative_problem
from generators.pipeline.filestate import FileRecord
from generators.pipeline.jobs import Job
from generators.pipeline.manifest import Manifest
from generators.pipeline.reasons import (
    FileAltered,
    FileMissing,
    Forced,
    FullRebuild,
    NewOutput,
    PartAdded,
    PartChanged,
    PartRemoved,
    Reason,
)
from generators.pipeline.sources import SourceIndex


class BadPlan(Exception):
    """An output kind planned an output the pipeline cannot make (a path outside output/,
    or one another output already has)."""


def plan_jobs(
    kinds: Iterable[OutputKind[Any]], corpus: Corpus, index: SourceIndex, outputs: OutputFiles
) -> Iterator[Job]:
    """Every output the kinds plan, with its full fingerprint, one at a time (the build
    starts rendering the first outdated one while it plans the rest)."""
    seen: dict[str, str] = {}
    for kind in kinds:
        shared = KindParts(kind, index)
        for planned in kind.plan(corpus, outputs):
            problem = relative_problem(planned.path)
            if problem is not None:
                raise BadPlan(f"output kind {kind.name!r} planned {problem}")
            if planned.path in seen:
                raise BadPlan(
                    f"output kinds {seen[planned.path]!r} and {kind.name!r} both plan "
                    f"{planned.path}"
                )
            seen[planned.path] = kind.name
            deps = planned.deps
            for part, fingerprint in shared.parts:
                deps.add(part, fingerprint)
            for lang in planned.langs:
                deps.add(MessagesPart(lang), shared.messages(lang))
            yield Job(planned.path, kind.name, planned.view, deps.fingerprints(), kind.weight)


class KindParts:
    """What every output of one kind is made with besides content: its templates (with
    what they include), the package modules its module imports, the fonts, and the
    translations of the catalog messages those templates and modules use (a module
    declares wording with N_(), as the application form does)."""

    def __init__(self, kind: OutputKind[Any], index: SourceIndex) -> None:
        self._index = index
        self.parts: list[tuple[Part, str]] = []
        self._msgids: set[str] = set()
        self._messages: dict[str, str] = {}
        for template in kind.templates:
            info = index.template(template)
            self.parts += [
                (TemplatePart(name), fingerprint) for name, fingerprint in info.files.items()
            ]
            self._msgids |= info.messages
        for module, fingerprint in index.code(type(kind).__module__).items():
            self.parts.append((CodePart(module), fingerprint))
            self._msgids |= index.module_messages(module)
        if kind.embeds_fonts:
            self.parts.append((FontsPart(), index.fonts()))

    def messages(self, lang: str) -> str:
        """Fingerprint of the translations of the kind's messages in one language."""
        if lang not in self._messages:
            self._messages[lang] = self._index.messages(lang, self._msgids)
        return self._messages[lang]


@dataclass(frozen=True)
class Decision:
    job: Job
    reasons: tuple[Reason, ...]
    """Empty when the output is up to date."""


def decide(
    jobs: list[Job],
    manifest: Manifest | None,
    current: dict[str, FileRecord | None],
    *,
    force: bool,
    full_reason: str,
) -> list[Decision]:
    """Each job with the reasons it must be rendered; `current` is what the files the
    manifest lists hold now."""
    return [
        Decision(job, tuple(_reasons(job, manifest, current, force, full_reason))) for job in jobs
    ]


def _reasons(
    job: Job,
    manifest: Manifest | None,
    current: dict[str, FileRecord | None],
    force: bool,
    full_reason: str,
) -> list[Reason]:
    if force:
        return [Forced()]
    if manifest is None:
        return [FullRebuild(full_reason)]
    record = manifest.outputs.get(job.path)
    if record is None:
        return [NewOutput()]
    now = current.get(job.path)
    if now is None:
        return [FileMissing()]
    if now.sha256 != record.sha256:
        return [FileAltered()]
    encoded = {part.encode(): (part, fingerprint) for part, fingerprint in job.deps.items()}
    reasons: list[Reason] = [
        PartChanged(part)
        for key, (part, fingerprint) in encoded.items()
        if key in record.deps and record.deps[key] != fingerprint
    ]
    reasons += [PartAdded(part) for key, (part, _) in encoded.items() if key not in record.deps]
    reasons += [PartRemoved(parse_part(key)) for key in record.deps if key not in encoded]
    unique: dict[str, Reason] = {}
    for reason in reasons:  # a text's parts in two languages read the same when added
        unique.setdefault(str(reason), reason)
    return list(unique.values())
