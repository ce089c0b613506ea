"""A synthetic corpus the size of the real listing (309 policies), made from the seed's shapes.

Each synthetic policy is one of the five seed policies under a new id and a numbered
title, with a deterministic subset (about a third) of its clauses and rotating sectors.
Texts, figures and translations are the seed's own, so the corpus passes every check.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generators.fingerprint import text_fingerprint
from generators.yamlwrite import dump_yaml

LISTING_SIZE = 309
SECTOR_CYCLE = (["ai"], ["ic"], ["biomed"], ["ai", "ic"], ["ai", "biomed"], ["ic", "biomed"])
KEEP = 0.35
"""Share of a seed policy's clauses a synthetic one keeps: most real policies are shorter
than the five measure-dense seed policies, and briefs grow with the money-bearing ones."""


def make_synthetic_project(seed_project: Path, target: Path, count: int = LISTING_SIZE) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(seed_project / "templates", target / "templates")
    content = target / "content"
    shutil.copytree(seed_project / "content", content, ignore=shutil.ignore_patterns("policies"))
    (content / "policies").mkdir()
    seeds = [
        YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for path in sorted((seed_project / "content" / "policies").glob("*.yaml"))
    ]
    chooser = random.Random(309)
    for index in range(count):
        policy = _variant(seeds[index % len(seeds)], index, chooser)
        (content / "policies" / f"synthetic-{index:03d}.yaml").write_text(
            dump_yaml(policy), encoding="utf-8"
        )
    return target


def _variant(seed: dict[str, Any], index: int, chooser: random.Random) -> dict[str, Any]:
    policy = {key: value for key, value in seed.items()}
    title = dict(seed["title"])
    title["zh"] = f"{seed['title']['zh']}（样本{index + 1}）"
    if seed["title"].get("en"):
        title["en"] = f"{seed['title']['en']} (Sample {index + 1})"
        title["en_fp"] = text_fingerprint(title["zh"])
    policy["title"] = title
    policy["sectors"] = SECTOR_CYCLE[index % len(SECTOR_CYCLE)]
    clauses = [c for c in seed["clauses"] if chooser.random() < KEEP] or seed["clauses"][:1]
    for clause in clauses:
        clause.pop("sectors", None)
    policy["clauses"] = clauses
    return policy
