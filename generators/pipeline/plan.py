"""Which outputs exist, what each is made from, and which are outdated and why.

Generic: every output kind plans its own outputs (with the content parts its views
read); here each gets the parts every output shares in kind (its templates, the catalog
messages they use, the code its kind imports, the fonts), and is compared with the
manifest.

Making a view is most of planning's cost. An output whose kind parts are as the manifest
records them, and none of whose policies' files changed, is kept without making its view
again: the parts it would record are those it recorded (the kind declares which policies
a view reads; the files every view may read, such as the glossary, are not policies', so
when one of them changes every view is made again). This is what lets a one-clause change
at 309 policies cost seconds (README, Benchmark).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generators.deps import (
    CodePart,
    Deps,
    FontsPart,
    MessagesPart,
    Part,
    TemplatePart,
    parse_part,
    policy_named,
)
from generators.kinds.contract import OutputFiles, OutputKind
from generators.loader import POLICY_SUFFIXES
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


POLICY_FILES = "content/policies/"
"""Where the manifest's input keys name policy files (content/policies/<id>.yaml)."""
_KIND_PART_KINDS = frozenset(p.kind for p in (TemplatePart, CodePart, MessagesPart, FontsPart))


@dataclass(frozen=True)
class SinceLastBuild:
    """What lets the planner keep an output without making its view: the last build's
    manifest, what the outputs it lists hold now, and the policies whose files were
    added, removed or edited since."""

    manifest: Manifest
    current: dict[str, FileRecord | None]
    changed_policies: frozenset[str]

    def kept(
        self, kind: str, path: str, reads: frozenset[str] | None, shared: dict[str, str]
    ) -> dict[str, str] | None:
        """The recorded parts of an output that cannot have changed, or None. `shared`
        is its kind parts as the manifest encodes them."""
        if reads is None or reads & self.changed_policies:
            return None
        record = self.manifest.outputs.get(path)
        now = self.current.get(path)
        if record is None or record.kind != kind or now is None or now.sha256 != record.sha256:
            return None
        recorded_shared: dict[str, str] = {}
        for key, fingerprint in record.deps.items():
            if key.partition(":")[0] in _KIND_PART_KINDS:
                recorded_shared[key] = fingerprint
            elif policy_named(key) in self.changed_policies:
                return None  # a policy it showed changed, or left its scope
        return record.deps if recorded_shared == shared else None


def since_last_build(
    manifest: Manifest | None,
    inputs: dict[str, FileRecord],
    *,
    current: dict[str, FileRecord | None],
    force: bool,
) -> SinceLastBuild | None:
    """None when every view must be made again: no manifest, --force, or a content file
    that is not a policy's changed (glossary, sectors, settings, matcher, sources)."""
    if manifest is None or force:
        return None
    policies: set[str] = set()
    for key in set(manifest.inputs) | set(inputs):
        before, now = manifest.inputs.get(key), inputs.get(key)
        if before is not None and now is not None and before.sha256 == now.sha256:
            continue
        name = key.removeprefix(POLICY_FILES)
        if name != key and "/" not in name and name.endswith(POLICY_SUFFIXES):
            policies.add(name.rpartition(".")[0])
        elif key.startswith("content/"):
            return None
    return SinceLastBuild(manifest, current, frozenset(policies))


def plan_jobs(
    kinds: Iterable[OutputKind[Any]],
    corpus: Corpus,
    index: SourceIndex,
    outputs: OutputFiles,
    since: SinceLastBuild | None = None,
) -> Iterator[Job]:
    """Every output the kinds plan, with its full fingerprint, one at a time (the build
    starts rendering the first outdated one while it plans the rest). With `since`, those
    that cannot have changed are kept with their recorded parts, without a view."""
    seen: dict[str, str] = {}
    views: dict[Hashable, tuple[object, Deps]] = {}
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
            if since is not None:
                recorded = shared.recorded(planned.langs)
                kept = since.kept(kind.name, planned.path, planned.reads, recorded)
                if kept is not None:
                    yield Job(planned.path, kind.name, None, weight=kind.weight, kept=kept)
                    continue
            key = planned.same_view_as
            if key is None:
                view, deps = planned.view()
            else:
                if key not in views:
                    views[key] = planned.view()
                view, deps = views[key][0], views[key][1].copy()
            for part, fingerprint in shared.of(planned.langs):
                deps.add(part, fingerprint)
            yield Job(planned.path, kind.name, view, deps.fingerprints(), kind.weight)


class KindParts:
    """What every output of one kind is made with besides content: its templates (with
    what they include), the package modules its module imports, the fonts, and the
    translations of the catalog messages those templates and modules use (a module
    declares wording with N_(), as the application form does)."""

    def __init__(self, kind: OutputKind[Any], index: SourceIndex) -> None:
        self._index = index
        parts: dict[Part, str] = {}  # templates share what they include
        self._msgids: set[str] = set()
        self._messages: dict[str, str] = {}
        self._recorded: dict[tuple[str, ...], dict[str, str]] = {}
        for template in kind.templates:
            info = index.template(template)
            parts.update((TemplatePart(name), fp) for name, fp in info.files.items())
            self._msgids |= info.messages
        for module, fingerprint in index.code(type(kind).__module__).items():
            parts[CodePart(module)] = fingerprint
            self._msgids |= index.module_messages(module)
        if kind.embeds_fonts:
            parts[FontsPart()] = index.fonts()
        self.parts = list(parts.items())

    def messages(self, lang: str) -> str:
        """Fingerprint of the translations of the kind's messages in one language."""
        if lang not in self._messages:
            self._messages[lang] = self._index.messages(lang, self._msgids)
        return self._messages[lang]

    def of(self, langs: tuple[str, ...]) -> list[tuple[Part, str]]:
        """The parts of an output in these languages, with their fingerprints."""
        return [*self.parts, *((MessagesPart(lang), self.messages(lang)) for lang in langs)]

    def recorded(self, langs: tuple[str, ...]) -> dict[str, str]:
        """The same parts as the manifest records them."""
        if langs not in self._recorded:
            deps = Deps()
            for part, fingerprint in self.of(langs):
                deps.add(part, fingerprint)
            self._recorded[langs] = {p.encode(): f for p, f in deps.fingerprints().items()}
        return self._recorded[langs]


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
    manifest lists hold now. A kept job has none."""
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
    if job.kept is not None:
        return []
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
