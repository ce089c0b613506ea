"""Measure builds in one run and print a table of times and ratios (also written to a file).

Both corpora are measured in throwaway copies: the seed project as committed, and a
synthetic corpus of 309 policies made from it. Ratios are the point: this machine is
shared, so absolute seconds vary from run to run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generators.bench.portal import measure_portal
from generators.bench.synthetic import make_synthetic_project

CHANGES = {  # one money-bearing clause per sector, present in both corpora's files
    "ai": ("ai-measures", "4", "重点突破一批", "重点突破一大批"),
    "ic": ("ic-measures", "7", "包括流片费", "包括全部流片费"),
    "biomed": ("biomed-plan", "c4.2", "经认定后", "经认定以后"),
}


@dataclass
class Timing:
    seconds: float
    rebuilt: int
    peak_mb: float
    paths: tuple[str, ...] = ()


def run_build(project: Path, *args: str) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generators", "build", "--json", *args],
        cwd=project,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    import json

    document = json.loads(result.stdout)
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    paths = tuple(item["path"] for item in document["rebuilt"])
    return Timing(seconds, len(paths), peak, paths)


def change_clause(project: Path, policy_glob: str, old: str, new: str) -> None:
    for path in sorted((project / "content" / "policies").glob(policy_glob)):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            return
    raise SystemExit(f"no policy file matching {policy_glob} contains {old!r}")


BARE_SCRIPT = """
import json, pickle, sys, time
from pathlib import Path
start = time.perf_counter()
import weasyprint
from generators.forms.wording import Wording
from generators.project import Project
from generators.render.form import build_docx
jobs = pickle.load(open(sys.argv[1], "rb"))
wording = Wording.of(Project(Path(sys.argv[2])))
seconds = {}
for path, kind, payload, extra in jobs:
    began = time.perf_counter()
    if kind == "brief":
        weasyprint.HTML(string=payload).write_pdf(pdf_variant="pdf/ua-1")
    else:
        build_docx(payload, wording)
    seconds[path] = time.perf_counter() - began
json.dump({"seconds": seconds, "total": time.perf_counter() - start}, sys.stdout)
"""


def bare_renders(project: Path, workdir: Path) -> tuple[float, dict[str, float]]:
    """WeasyPrint and python-docx alone on the same documents, one fresh process, imports
    included: (wall seconds of that process, seconds per document)."""
    import json
    import pickle

    from generators.kinds.brief import KIND as BRIEF
    from generators.kinds.brief import brief_html
    from generators.kinds.form import KIND as FORM
    from generators.loader import load_corpus
    from generators.pipeline.outputs import NoOutputs

    corpus = load_corpus(project / "content")[0]
    prepared: list[tuple[str, str, object, object]] = [
        (planned.path, "brief", brief_html(planned.view()[0], project), None)
        for planned in BRIEF.plan(corpus, NoOutputs())
    ]
    prepared += [
        (form.path, "form", form.view()[0], None) for form in FORM.plan(corpus, NoOutputs())
    ]
    batch = workdir / "bare-jobs.pickle"
    batch.write_bytes(pickle.dumps(prepared))
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", BARE_SCRIPT, str(batch), str(project)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    return wall, json.loads(result.stdout)["seconds"]


def brief_pages(output: Path) -> list[list[str]]:
    """Pages per brief as built: the brief's page budget (README) is checked here."""
    from pypdf import PdfReader

    return [
        [path.name, str(len(PdfReader(path).pages))]
        for path in sorted((output / "briefs").glob("*.pdf"))
    ]


def measure(
    name: str, project: Path, rows: list[list[str]], workdir: Path, quick: bool = False
) -> None:
    print(f"== {name}", file=sys.stderr, flush=True)
    bare_wall, per_document = (0.0, {}) if quick else bare_renders(project, workdir)
    full = run_build(project, "--force")
    noop = run_build(project)
    portal_rows = measure_portal(project / "output", name)
    rows.append(
        [
            name,
            "full build (--force, all cores)",
            f"{full.seconds:.2f}",
            f"{full.rebuilt} outputs",
            f"{full.peak_mb:.0f} MB peak",
        ]
    )
    rows.append(
        [
            name,
            "no-op build",
            f"{noop.seconds:.3f}",
            f"{noop.seconds / full.seconds:.1%} of full",
            f"{noop.rebuilt} rebuilt",
        ]
    )
    pages = brief_pages(project / "output")
    rows.append(
        [
            name,
            "pages per brief",
            "",
            ", ".join(f"{brief} {count}" for brief, count in pages),
            f"at most {max(int(count) for _, count in pages)} pages",
        ]
    )
    for sector, (policy, _clause, old, new) in CHANGES.items():
        pattern = f"{policy}.yaml" if name == "seed" else "synthetic-*.yaml"
        # The change, its undoing and the change again: three builds of the same cost, of
        # which the median is reported (one build of a few seconds is at the mercy of
        # whatever else the shared machine does).
        timings = []
        for before, after in ((old, new), (new, old), (old, new)):
            change_clause(project, pattern, before, after)
            timings.append(run_build(project))
        one = sorted(timings, key=lambda t: t.seconds)[1]
        touched = sum(per_document.get(p, 0.0) for p in one.paths)
        versus_bare = (
            f"; {one.seconds / touched:.2f}x the bare renders of what it touches" if touched else ""
        )
        spread = ", ".join(f"{t.seconds:.2f}" for t in timings)
        rows.append(
            [
                name,
                f"one-clause change ({sector}), median of 3",
                f"{one.seconds:.2f}",
                f"{one.seconds / full.seconds:.1%} of full{versus_bare}",
                f"{one.rebuilt} rebuilt: {', '.join(one.paths)}; runs {spread} s; "
                f"{one.peak_mb:.0f} MB peak",
            ]
        )
    if quick:
        rows.extend(portal_rows)
        return
    one_job = run_build(project, "--force", "--jobs", "1")
    two_jobs = run_build(project, "--force", "--jobs", "2")
    rows.append([name, "full build --jobs 1", f"{one_job.seconds:.2f}", "", ""])
    rows.append(
        [
            name,
            "full build --jobs 2",
            f"{two_jobs.seconds:.2f}",
            f"{one_job.seconds / two_jobs.seconds:.2f}x faster than --jobs 1",
            "",
        ]
    )
    pdf = sum(s for p, s in per_document.items() if p.endswith(".pdf"))
    docx = sum(s for p, s in per_document.items() if p.endswith(".docx"))
    rows.append(
        [
            name,
            "bare WeasyPrint + python-docx, one process",
            f"{bare_wall:.2f}",
            f"WeasyPrint {pdf:.2f} s, python-docx {docx:.2f} s",
            "imports and start-up included",
        ]
    )
    rows.append(
        [
            name,
            "pipeline overhead: full build --jobs 1 vs bare",
            "",
            f"{(one_job.seconds - bare_wall) / bare_wall:+.1%}",
            f"WeasyPrint is {pdf / one_job.seconds:.0%} of the build",
        ]
    )
    rows.extend(portal_rows)
    for path in sorted(p for p in per_document if p.startswith("briefs/")):
        rows.append([name, f"render {path}", f"{per_document[path]:.2f}", "bare WeasyPrint", ""])


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m generators.bench")
    parser.add_argument(
        "--policies",
        type=int,
        default=309,
        help="size of the synthetic corpus (default: 309, the real listing)",
    )
    parser.add_argument("--out", type=Path, default=Path("output/bench/results.md"))
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="full, no-op and one-clause builds only (no bare renders, no --jobs comparison)",
    )
    args = parser.parse_args()
    root = Path.cwd()
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="policydocs-bench-") as temp:
        seed = Path(temp) / "seed"
        seed.mkdir()
        for part in ("content", "templates"):
            shutil.copytree(root / part, seed / part)
        if not args.skip_seed:
            measure("seed", seed, rows, Path(temp), args.quick)
        if not args.skip_synthetic:
            synthetic = make_synthetic_project(root, Path(temp) / "synthetic", args.policies)
            name = f"synthetic ({args.policies} policies)"
            measure(name, synthetic, rows, Path(temp), args.quick)
    table = _table(rows)
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        f"# policydocs benchmark\n\nMachine: {os.cpu_count()} cores.\n\n{table}\n", encoding="utf-8"
    )
    print(f"written to {args.out}", file=sys.stderr)
    return 0


def _table(rows: list[list[str]]) -> str:
    header = ["corpus", "measurement", "seconds", "ratio", "notes"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
