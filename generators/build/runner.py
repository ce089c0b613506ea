"""Render jobs in worker processes, each output to a temporary file beside its target.

Nothing replaces an existing output here: the caller commits all temporaries at once
when every job succeeded, so a failed build leaves output/ as it was.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from generators.atomic import TEMP_PREFIX
from generators.build.faults import pause_point
from generators.build.jobs import KINDS, Job
from generators.fingerprint import bytes_fingerprint

_JOBS: list[Job] = []
_ROOT: Path = Path()


@dataclass(frozen=True)
class Rendered:
    path: str
    temp: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Failed:
    path: str
    message: str


def render_jobs(
    jobs: list[Job], root: Path, workers: int, on_done: Callable[[Job, bool], None]
) -> tuple[list[Rendered], list[Failed]]:
    """Render every job; slowest kinds first so the pool stays busy to the end."""
    global _JOBS, _ROOT
    order = sorted(range(len(jobs)), key=lambda i: (-jobs[i].weight, jobs[i].path))
    _JOBS, _ROOT = jobs, root
    rendered: list[Rendered] = []
    failed: list[Failed] = []
    if not jobs:
        return rendered, failed
    # fork: workers inherit the planned views instead of unpickling them per job.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=max(1, min(workers, len(jobs))), mp_context=context
    ) as pool:
        futures: dict[Future[Rendered | Failed], Job] = {
            pool.submit(_render_one, index): jobs[index] for index in order
        }
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # a worker died (killed, out of memory)
                    result = Failed(job.path, f"render process failed: {exc!r}")
                if isinstance(result, Rendered):
                    rendered.append(result)
                else:
                    failed.append(result)
                on_done(job, isinstance(result, Rendered))
    return rendered, failed


def _render_one(index: int) -> Rendered | Failed:
    job = _JOBS[index]
    output = _ROOT / "output"
    try:
        module_name, _, function_name = KINDS[job.kind].renderer.partition(":")
        renderer = getattr(importlib.import_module(module_name), function_name)
        data: bytes = renderer(job, _ROOT)
        target = output / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        pause_point(f"render:{job.kind}", output)
        handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        return Rendered(job.path, temp, bytes_fingerprint(data), len(data))
    except Exception as exc:
        return Failed(job.path, describe_failure(exc))


def describe_failure(exc: BaseException) -> str:
    """The error, and the template line it came from when a template raised it."""
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    message = str(exc) or exc.__class__.__name__
    if isinstance(exc, jinja2.UndefinedError):
        message = f"undefined value in template: {message}"
    if frames:
        frame = frames[-1]
        return f"{_relative(frame.filename)}:{frame.lineno}: {message}"
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" (at {last[0].filename}:{last[0].lineno})" if last else ""
    return f"{exc.__class__.__name__}: {message}{where}"


def _relative(filename: str) -> str:
    try:
        return str(Path(filename).resolve().relative_to(_ROOT.resolve()))
    except ValueError:
        return filename


def default_workers() -> int:
    count = os.cpu_count() or 1
    return max(1, count)


def discard(rendered: list[Rendered]) -> None:
    for item in rendered:
        try:
            os.unlink(item.temp)
        except OSError:
            print(f"could not remove {item.temp}", file=sys.stderr)
