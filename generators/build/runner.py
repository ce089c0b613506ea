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


def _warm(root: str) -> None:
    """Each worker imports the renderers (and WeasyPrint, python-docx) while the main
    process still validates and plans: the imports cost no wall time then."""
    global _ROOT
    _ROOT = Path(root)
    for kind in KINDS.values():
        importlib.import_module(kind.renderer.partition(":")[0])


def _started() -> None:
    """A no-op task: submitting one per worker makes the pool start its processes now."""


class RenderPool:
    """Render processes for one build, started early; each job arrives pickled."""

    def __init__(self, root: Path, workers: int) -> None:
        # fork: a worker starts from the already-imported main process in milliseconds.
        self._pool = ProcessPoolExecutor(
            max_workers=max(1, workers),
            mp_context=multiprocessing.get_context("fork"),
            initializer=_warm,
            initargs=(str(root),),
        )
        for _ in range(max(1, workers)):
            self._pool.submit(_started)

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def render(
        self, jobs: list[Job], on_done: Callable[[Job, bool], None]
    ) -> tuple[list[Rendered], list[Failed]]:
        """Render every job; slowest kinds first so the pool stays busy to the end."""
        rendered: list[Rendered] = []
        failed: list[Failed] = []
        order = sorted(jobs, key=lambda job: (-job.weight, job.path))
        futures: dict[Future[Rendered | Failed], Job] = {
            self._pool.submit(_render_one, job): job for job in order
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


def _render_one(job: Job) -> Rendered | Failed:
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

    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot write {exc.filename or 'the output'}: {exc.strerror}"
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
