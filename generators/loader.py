"""Read content/ into a validated Corpus, collecting every problem before giving up."""

from __future__ import annotations

import datetime as dt
import os
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generators.atomic import TEMP_PREFIX
from generators.content_cache import ContentCache
from generators.fingerprint import bytes_fingerprint
from generators.model import Corpus, Glossary, Matcher, Policy, Sector, Settings
from generators.paths import id_problem
from generators.problems import ContentInvalid, Problem, describe_value
from generators.validate import cross_check, forbidden_characters
from generators.yamlio import (
    ContentFiles,
    DataPath,
    LoadedYaml,
    dotted_path,
    load_yaml,
    parse_yaml,
    read_content,
)

POLICY_SUFFIXES = (".yaml", ".yml")
_EXPECTED = {
    "int_type": "int",
    "int_parsing": "int",
    "string_type": "str",
    "bool_type": "bool",
    "float_type": "float",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "string_too_short": "a non-empty string",
}


def load_corpus(
    root: Path, cache: ContentCache | None = None
) -> tuple[Corpus, ContentFiles, list[Problem]]:
    """Load and validate; raise ContentInvalid with every error if any. Warnings are returned.
    A policy file whose bytes the cache knows is taken from it, with its problems."""
    files = ContentFiles(root)
    problems: list[Problem] = []
    settings = _load_one(files, "settings", root / "settings.yaml", Settings, problems)
    sectors_doc = _load_document(files, "sectors", root / "sectors.yaml", problems)
    sectors: dict[str, Sector] = {}
    if sectors_doc is not None:
        if not isinstance(sectors_doc.data, dict):
            problems.append(_not_mapping(sectors_doc))
        else:
            for key, value in sectors_doc.data.items():
                bad_key = id_problem(key)
                if bad_key is not None:
                    problems.append(
                        Problem(
                            sectors_doc.file,
                            sectors_doc.line_of((key,)),
                            str(key),
                            f"sector key {bad_key} (the key names the files "
                            "briefs/<key>.<lang>.pdf and summaries/<key>.<lang>.md)",
                            code="bad-id",
                        )
                    )
                    continue
                sector = _validate(sectors_doc, Sector, value, (key,), problems)
                if sector is not None:
                    sectors[key] = sector
    glossary = _load_one(files, "glossary", root / "glossary.yaml", Glossary, problems)
    # The matcher's keyword table is optional: without it the portal's matcher asks no
    # activity or applicant question.
    matcher_path = root / "matcher.yaml"
    matcher = (
        _load_one(files, "matcher", matcher_path, Matcher, problems)
        if matcher_path.exists()
        else Matcher()
    )
    policies: list[Policy] = []
    policy_dir = root / "policies"
    problems.extend(_leftovers(files, root))
    paths = _policy_files(files, policy_dir, problems)
    if not paths:
        problems.append(
            Problem(
                _display(files, policy_dir),
                None,
                "",
                "no policy files (expected content/policies/<id>.yaml)",
            )
        )
    for path in paths:
        name, display = f"policy:{path.stem}", _display(files, path)
        text, unreadable = read_content(path, display)
        if text is None:
            problems.extend(unreadable)
            continue
        sha = bytes_fingerprint(text.encode("utf-8"))
        cached = cache.policy(display, sha) if cache is not None else None
        if cached is not None:
            files.unparsed[name] = (path, display)
            policies.append(cached[0])
            problems.extend(cached[1])
            continue
        first = len(problems)
        policy = _load_policy(files, name, path, text, problems)
        if policy is not None:
            policies.append(policy)
            own = problems[first:]
            if cache is not None and not any(p.severity == "error" for p in own):
                cache.keep_policy(display, sha, policy, own)
    # Cross-references are checked even when another file failed, so that one run
    # reports every error; checks against a file that did not load are skipped.
    unusable = {
        name
        for name, value in (
            ("glossary", glossary),
            ("sectors", sectors_doc),
            ("settings", settings),
        )
        if value is None
        or any(
            p.file == _display(files, root / f"{name}.yaml") and p.severity == "error"
            for p in problems
        )
    }
    corpus = Corpus(
        policies=tuple(policies),
        glossary=glossary or Glossary(),
        sectors=sectors,
        settings=settings or Settings(edition=dt.date(1970, 1, 1)),
        matcher=matcher or Matcher(),
    )
    problems.extend(cross_check(corpus, files, skip=unusable))
    if any(p.severity == "error" for p in problems) or settings is None or glossary is None:
        raise ContentInvalid(problems)
    return corpus, files, problems


def _leftovers(files: ContentFiles, root: Path) -> list[Problem]:
    """Temporaries an interrupted write (import, translations confirm) left in content/."""
    found: list[Problem] = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if name.startswith(TEMP_PREFIX):
                found.append(
                    Problem(
                        _display(files, Path(folder) / name),
                        None,
                        "",
                        "temporary file left by an interrupted write (import or translations "
                        "confirm): delete it, or rename it to <id>.yaml if it holds a policy "
                        "you want",
                        code="leftover",
                    )
                )
    return found


def _policy_files(files: ContentFiles, policy_dir: Path, problems: list[Problem]) -> list[Path]:
    """The policy files of content/policies/ (*.yaml, or *.yml as the importer also reads);
    two files for one id are an error."""
    if not policy_dir.is_dir():
        return []
    by_id: dict[str, Path] = {}
    for path in sorted(policy_dir.iterdir()):
        if path.name.startswith(TEMP_PREFIX) or path.suffix not in POLICY_SUFFIXES:
            continue  # leftovers are reported as such
        first = by_id.setdefault(path.stem, path)
        if first != path:
            problems.append(
                Problem(
                    _display(files, path),
                    None,
                    "",
                    f"a second file for policy {path.stem!r} (the first is {first.name}): keep one",
                    code="duplicate-id",
                )
            )
    return sorted(by_id.values())


def _display(files: ContentFiles, path: Path) -> str:
    try:
        return str(Path("content") / path.relative_to(files.root))
    except ValueError:
        return str(path)


def _load_policy(
    files: ContentFiles, name: str, path: Path, text: str, problems: list[Problem]
) -> Policy | None:
    document = _parsed(files, name, parse_yaml(text, _display(files, path)), problems)
    if document is None:
        return None
    bad_id = id_problem(path.stem)
    if bad_id is not None:
        problems.append(
            Problem(
                document.file,
                None,
                "",
                f"file name {path.name!r}: the policy id {bad_id} (the id names the "
                "folder output/forms/<id>/)",
                code="bad-id",
            )
        )
        return None
    if not isinstance(document.data, dict):
        problems.append(_not_mapping(document))
        return None
    return _validate(document, Policy, {**document.data, "id": path.stem}, (), problems)


def _load_document(
    files: ContentFiles, name: str, path: Path, problems: list[Problem]
) -> LoadedYaml | None:
    display = _display(files, path)
    if not path.exists():
        problems.append(Problem(display, None, "", "file is missing"))
        return None
    return _parsed(files, name, load_yaml(path, display), problems)


def _parsed(
    files: ContentFiles,
    name: str,
    loaded: tuple[LoadedYaml | None, list[Problem]],
    problems: list[Problem],
) -> LoadedYaml | None:
    """A file as parsed, registered for locating problems, with its characters checked."""
    document, found = loaded
    problems.extend(found)
    if document is not None:
        files.documents[name] = document
        problems.extend(forbidden_characters(document))
    return document


def _not_mapping(document: LoadedYaml) -> Problem:
    return Problem(
        document.file,
        1,
        "",
        f"expected a mapping at the top of the file (got {describe_value(document.data)})",
    )


ModelT = typing.TypeVar("ModelT", bound=BaseModel)


def _load_one(
    files: ContentFiles, name: str, path: Path, model: type[ModelT], problems: list[Problem]
) -> ModelT | None:
    document = _load_document(files, name, path, problems)
    if document is None:
        return None
    if not isinstance(document.data, dict):
        problems.append(_not_mapping(document))
        return None
    return _validate(document, model, document.data, (), problems)


def _validate(
    document: LoadedYaml,
    model: type[ModelT],
    data: Any,
    prefix: DataPath,
    problems: list[Problem],
) -> ModelT | None:
    _warn_unknown_fields(document, model, data, prefix, problems)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_problems_from(document, data, exc, prefix))
        return None


def _problems_from(
    document: LoadedYaml, data: Any, exc: ValidationError, prefix: DataPath
) -> list[Problem]:
    by_path: dict[DataPath, Problem] = {}
    for error in exc.errors():
        path = _data_path(data, error["loc"])
        if path in by_path:
            continue  # one message per field; union members repeat the same complaint
        full = (*prefix, *path)
        name = str(next((p for p in reversed(path) if isinstance(p, str)), "value"))
        kind = error["type"]
        received = describe_value(error.get("input"))
        ctx = error.get("ctx") or {}
        if kind == "missing":
            message = f"required field '{name}' is missing"
        elif kind in _EXPECTED:
            message = f"'{name}' must be {_EXPECTED[kind]} (got {received})"
        elif kind == "literal_error":
            message = f"'{name}' must be one of {ctx.get('expected')} (got {received})"
        elif kind == "string_pattern_mismatch":
            message = f"'{name}' must match {ctx.get('pattern')} (got {received})"
        elif kind in ("greater_than_equal", "greater_than"):
            bound = ctx.get("ge", ctx.get("gt"))
            message = f"'{name}' must be at least {bound} (got {received})"
        elif kind in ("less_than_equal", "less_than"):
            bound = ctx.get("le", ctx.get("lt"))
            message = f"'{name}' must be at most {bound:,} (got {received})"
        elif kind == "value_error":
            message = f"'{name}' {error['msg'].removeprefix('Value error, ')}"
        else:
            message = f"'{name}': {error['msg']} (got {received})"
        by_path[path] = Problem(
            document.file, document.line_of(full), dotted_path(full), message, code="invalid-field"
        )
    return list(by_path.values())


def _data_path(data: Any, loc: tuple[int | str, ...]) -> DataPath:
    """The part of a pydantic location that exists in the data (union member names dropped)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            path.append(part)
            if part not in node:
                break  # a missing key: the path names it
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        else:
            break
    return tuple(path)


def _warn_unknown_fields(
    document: LoadedYaml,
    model: type[BaseModel],
    data: Any,
    prefix: DataPath,
    problems: list[Problem],
) -> None:
    if not isinstance(data, dict):
        return
    fields = model.model_fields
    for key, value in data.items():
        path = (*prefix, key)
        if key not in fields:
            known = ", ".join(sorted(fields))
            problems.append(
                Problem(
                    document.file,
                    document.line_of(path),
                    dotted_path(path),
                    f"unknown field '{key}' is ignored (known fields: {known})",
                    severity="warning",
                    code="unknown-field",
                )
            )
            continue
        for sub_model, sub_value, sub_path in _nested(fields[key].annotation, value, path):
            _warn_unknown_fields(document, sub_model, sub_value, sub_path, problems)


def _nested(
    annotation: Any, value: Any, path: DataPath
) -> list[tuple[type[BaseModel], Any, DataPath]]:
    """Model-typed values under a field (direct, in a list, or in a dict), with their paths."""
    models = [a for a in _flatten(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
    if not models:
        return []
    model = models[0]
    if isinstance(value, dict) and _is_mapping_of_models(annotation):
        return [(model, v, (*path, k)) for k, v in value.items()]
    if isinstance(value, dict):
        return [(model, value, path)]
    if isinstance(value, list):
        return [(model, v, (*path, i)) for i, v in enumerate(value)]
    return []


def _flatten(annotation: Any) -> list[Any]:
    args = typing.get_args(annotation)
    if not args:
        return [annotation]
    return [x for arg in args for x in _flatten(arg)]


def _is_mapping_of_models(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is dict:
        return True
    return any(_is_mapping_of_models(a) for a in typing.get_args(annotation))
