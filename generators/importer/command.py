"""`policydocs import FILE [--json] [--write]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generators.importer.read import read_source
from generators.importer.records import policy_json
from generators.importer.write import write_policies
from generators.project import Project


def run_import(
    project: Project, source: Path, *, as_json: bool, write: bool, policy_id: str | None
) -> int:
    policies, problems = read_source(source)
    for problem in problems:
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        print(f"{where}: error: {problem.message}", file=sys.stderr)
    if as_json:
        document = {
            "policies": [policy_json(p) for p in policies],
            "problems": [{"file": p.file, "line": p.line, "message": p.message} for p in problems],
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif not write:
        for policy in policies:
            caps = sum(1 for c in policy.clauses if any(i.max_cny for i in c.incentives))
            print(
                f"{policy.title} ({policy.level or 'level unknown'}): "
                f"{len(policy.clauses)} clauses, {caps} with a money cap"
            )
    if write and policies:
        for written in write_policies(policies, source, project.content, policy_id):
            verb = "created" if written.created else "updated"
            print(
                f"{verb} {written.path.relative_to(project.root)}: "
                f"{len(written.clauses_added)} added, {len(written.clauses_changed)} changed, "
                f"{len(written.clauses_removed)} removed",
                file=sys.stderr if as_json else sys.stdout,
            )
    return 1 if problems or not policies else 0
