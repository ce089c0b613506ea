"""Which outputs exist, what each is made from, and which are outdated and why."""

from __future__ import annotations

from dataclasses import dataclass

from generators.build.filestate import FileRecord
from generators.build.jobs import KINDS, Job
from generators.build.manifest import Manifest
from generators.build.sources import SourceIndex
from generators.deps import Deps, describe_added, describe_change, describe_removed
from generators.model import Corpus
from generators.project import LANGS
from generators.views import form_view, sector_view
from generators.views.policy_page import policy_page_view


def plan_content_jobs(corpus: Corpus, index: SourceIndex) -> list[Job]:
    """Every output made straight from content: summaries, briefs, policy pages and forms."""
    jobs: list[Job] = []
    for sector in corpus.sectors:
        for lang in LANGS:
            deps = Deps()
            view = sector_view(corpus, sector, lang, deps, bodies=False)
            jobs.append(
                make_job("summary", f"summaries/{sector}.{lang}.md", view, deps, lang, index)
            )
            deps = Deps()
            card = sector_view(corpus, sector, lang, deps, bodies=False)
            jobs.append(
                make_job("summary-card", f"summaries/{sector}.{lang}.html", card, deps, lang, index)
            )
            deps = Deps()
            brief = sector_view(corpus, sector, lang, deps, bodies=True)
            jobs.append(make_job("brief", f"briefs/{sector}.{lang}.pdf", brief, deps, lang, index))
    for policy in corpus.policies:
        deps = Deps()
        page = policy_page_view(corpus, policy, deps)
        jobs.append(make_job("policy", page.path, page, deps, None, index))
        for clause in policy.clauses:
            if clause.money_bearing:
                deps = Deps()
                form = form_view(corpus, policy, clause, deps)
                jobs.append(make_job("form", form.path, form, deps, None, index))
    return jobs


def make_job(
    kind_name: str, path: str, payload: object, deps: Deps, lang: str | None, index: SourceIndex
) -> Job:
    """A job whose fingerprint also covers its templates, catalog entries, code and fonts."""
    kind = KINDS[kind_name]
    messages: set[str] = set()
    for template in kind.templates:
        info = index.template(template)
        for name, fingerprint in info.files.items():
            deps.add(f"template:{name}", fingerprint)
        messages |= info.messages
    code = index.code(kind.renderer.partition(":")[0])
    for module in code:  # wording declared in Python with N_() (the form's labels)
        messages |= index.module_messages(module)
    for catalog_lang in kind.langs or ((lang,) if lang else ()):
        deps.add(f"messages:{catalog_lang}", index.messages(catalog_lang, messages))
    for module, fingerprint in code.items():
        deps.add(f"code:{module}", fingerprint)
    if kind.needs_fonts:
        deps.add("fonts", index.fonts())
    return Job(
        path=path, kind=kind.name, payload=payload, deps=deps.fingerprints(), weight=kind.weight
    )


@dataclass(frozen=True)
class Decision:
    job: Job
    reasons: tuple[str, ...]
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
) -> list[str]:
    if force:
        return ["rebuild forced (--force)"]
    if manifest is None:
        return [f"full rebuild: {full_reason}"]
    record = manifest.outputs.get(job.path)
    if record is None:
        return ["new output"]
    now = current.get(job.path)
    if now is None:
        return ["file is missing"]
    if now.sha256 != record.sha256:
        return ["file was altered or left incomplete"]
    reasons = [
        describe_change(k) for k in job.deps if k in record.deps and record.deps[k] != job.deps[k]
    ]
    reasons += [describe_added(k) for k in job.deps if k not in record.deps]
    reasons += [describe_removed(k) for k in record.deps if k not in job.deps]
    return reasons
