"""Content YAML as staff read and diff it: one line per text, stable key order."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generators.atomic import write_atomic


def dump_yaml(data: Any) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 100_000  # never fold a clause over lines: diffs and error lines stay exact
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(_dates(data), stream)
    return stream.getvalue()


def write_yaml(path: Path, data: Any) -> None:
    write_atomic(path, dump_yaml(data).encode("utf-8"))


def _dates(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value
