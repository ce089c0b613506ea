"""Render jobs in worker processes, each output to a temporary file beside its target.

The pool starts its processes only when the first job arrives, so a build with nothing
to render never forks and never imports WeasyPrint or python-docx. Each worker dies with
the build (parent-death signal, or a watchdog where there is none), holds no lock (see
generators.lock), and each job has a deadline after which the build stops cleanly.

Nothing replaces an existing output here: the caller commits all temporaries at once when
every job succeeded, so a failed build leaves output/ as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import heapq
import importlib
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from generators.atomic import write_beside
from generators.build.faults import pause_point
from generators.build.jobs import DEFAULT_JOB_TIMEOUT, KINDS, Job
from generators.fingerprint import bytes_fingerprint
from generators.paths import inside

_PR_SET_PDEATHSIG = 1


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


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    job: Job | None = None
    deadline: float = 0.0


@dataclass(order=True)
class _Queued:
    priority: tuple[float, str]
    job: Job = field(compare=False)


class RenderPool:
    """Up to `size` render processes (0: one per core) for one build, started on the first
    job."""

    def __init__(
        self,
        root: Path,
        size: int,
        *,
        timeout: float = DEFAULT_JOB_TIMEOUT,
        on_start: Callable[[list[int]], None] | None = None,
    ) -> None:
        self._root = root
        self._size = size if size > 0 else default_workers()
        self._timeout = timeout
        self._on_start = on_start
        self._workers: list[_Worker] = []
        self._queue: list[_Queued] = []
        self.rendered: list[Rendered] = []
        self.failed: list[Failed] = []
        self.abandoned: list[str] = []
        """Jobs never rendered because the build stopped (a job ran past its deadline)."""
        self.started = False

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, jobs: list[Job]) -> None:
        """Queue jobs (slowest kinds first) and hand work to idle processes."""
        for job in jobs:
            heapq.heappush(self._queue, _Queued((-job.weight, job.path), job))
        if not self.started:
            self._start()
        self._dispatch()

    def finish(self, on_done: Callable[[Job, bool], None]) -> None:
        """Wait for every queued job; stop everything when one runs past its deadline."""
        while True:
            self._dispatch()
            busy = self._busy()
            if not busy:
                return
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.connection for w in busy], timeout=timeout)
            for worker in busy:
                if worker.connection in ready:
                    self._collect(worker, on_done)
            now = time.monotonic()
            late = [w for w in self._busy() if w.deadline <= now]
            if late:
                for worker in late:
                    assert worker.job is not None
                    self.failed.append(
                        Failed(
                            worker.job.path,
                            f"rendering took longer than {self._timeout:g} s (the job timeout, "
                            "set with --job-timeout); stopped",
                        )
                    )
                    on_done(worker.job, False)
                    worker.job = None
                self.abandoned = [w.job.path for w in self._busy() if w.job is not None]
                self.abandoned += [q.job.path for q in self._queue]
                self._queue.clear()
                self.close()
                return

    def close(self) -> None:
        """End every worker now; their half-written temporaries are discarded by the caller
        or by the next build."""
        for worker in self._workers:
            with contextlib.suppress(OSError, ValueError):
                worker.connection.send(None)
        for worker in self._workers:
            if worker.job is not None:
                worker.process.kill()
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=10)
            worker.connection.close()
        self._workers.clear()

    def _busy(self) -> list[_Worker]:
        return [w for w in self._workers if w.job is not None]

    def _start(self) -> None:
        self.started = True
        # fork: a worker starts from the already-imported main process in milliseconds.
        context = multiprocessing.get_context("fork")
        for _ in range(self._size):
            self._workers.append(self._spawn(context))
        if self._on_start is not None:
            self._on_start([w.process.pid for w in self._workers if w.process.pid])

    def _spawn(self, context: multiprocessing.context.BaseContext) -> _Worker:
        parent, child = multiprocessing.Pipe()
        process = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, str(self._root), os.getpid()), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _dispatch(self) -> None:
        for worker in self._workers:
            if worker.job is None and self._queue:
                job = heapq.heappop(self._queue).job
                worker.connection.send(job)
                worker.job = job
                worker.deadline = time.monotonic() + self._timeout

    def _collect(self, worker: _Worker, on_done: Callable[[Job, bool], None]) -> None:
        job = worker.job
        assert job is not None
        try:
            result: Rendered | Failed = worker.connection.recv()
        except (EOFError, OSError):
            worker.process.join(timeout=10)
            code = worker.process.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
            result = Failed(job.path, f"render process died ({how})")
            self._replace(worker)
        worker.job = None
        if isinstance(result, Rendered):
            self.rendered.append(result)
        else:
            self.failed.append(result)
        on_done(job, isinstance(result, Rendered))

    def _replace(self, dead: _Worker) -> None:
        dead.connection.close()
        fresh = self._spawn(multiprocessing.get_context("fork"))
        self._workers[self._workers.index(dead)] = fresh
        if self._on_start is not None:
            self._on_start([w.process.pid for w in self._workers if w.process.pid])


def _serve(connection: Connection, root: str, parent: int) -> None:
    """A worker: render each job it is sent until it is sent None, or its parent is gone."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        connection.send(render_one(job, Path(root)))


def _die_with_parent(parent: int) -> None:
    """Linux delivers SIGKILL when the parent dies; elsewhere a thread watches for it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


def render_one(job: Job, root: Path) -> Rendered | Failed:
    output = root / "output"
    try:
        module_name, _, function_name = KINDS[job.kind].renderer.partition(":")
        renderer = getattr(importlib.import_module(module_name), function_name)
        data: bytes = renderer(job, root)
        target = inside(output, job.path)
        pause_point(f"render:{job.kind}", output)
        temp = write_beside(target, data)
        return Rendered(job.path, str(temp), bytes_fingerprint(data), len(data))
    except Exception as exc:
        return Failed(job.path, describe_failure(exc, root))


def describe_failure(exc: BaseException, root: Path) -> str:
    """The error, and the template line it came from when a template raised it."""
    import jinja2

    if isinstance(exc, jinja2.TemplateNotFound):
        return f"template not found: {exc.name}"
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
        return f"{_relative(frame.filename, root)}:{frame.lineno}: {message}"
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" (at {last[0].filename}:{last[0].lineno})" if last else ""
    return f"{exc.__class__.__name__}: {message}{where}"


def _relative(filename: str, root: Path) -> str:
    try:
        return str(Path(filename).resolve().relative_to(root.resolve()))
    except ValueError:
        return filename


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)
