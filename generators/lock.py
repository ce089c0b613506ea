"""One writer at a time per project: `build`, `watch` and `import --write` take this lock.

The lock is an flock on the output directory itself, so it dies with the process holding
it. Two things could keep it alive after its owner is gone, and both are handled:

- a forked child shares the descriptor: every fork closes it in the child at once
  (os.register_at_fork), so render workers never hold it;
- a build killed with its workers still running (an older version, or a system without
  parent-death signals): the owner note names the owner and its workers; a later build
  finding the owner gone stops those workers, takes the lock over and says so.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

OWNER_NOTE = ".lock-owner.json"
"""In output/ while a lock is held: who holds it (removed when it is released)."""
TAKEOVER_WAIT = 5.0

_held: set[int] = set()


def _close_in_child() -> None:
    for handle in list(_held):
        with contextlib.suppress(OSError):
            os.close(handle)
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)


class ProjectLocked(Exception):
    """Another process holds the project's lock."""


@dataclass
class Lock:
    directory: Path
    command: str
    handle: int
    workers: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What taking the lock involved (a takeover), for the command to print."""

    def record_workers(self, pids: list[int]) -> None:
        """Name the processes working for this lock holder, so a takeover can stop them."""
        self.workers = [(pid, process_start(pid)) for pid in pids]
        self._write_note()

    def _write_note(self) -> None:
        note = {
            "pid": os.getpid(),
            "start": process_start(os.getpid()),
            "command": self.command,
            "workers": self.workers,
        }
        path = self.directory / OWNER_NOTE
        with contextlib.suppress(OSError):
            temp = path.with_name(f".tmp-{OWNER_NOTE}")
            temp.write_text(json.dumps(note), encoding="utf-8")
            os.replace(temp, path)


@contextlib.contextmanager
def project_lock(output: Path, command: str) -> Iterator[Lock]:
    """Hold the project's lock for the block; ProjectLocked if a live process holds it."""
    output.mkdir(parents=True, exist_ok=True)
    handle = os.open(output, os.O_RDONLY)
    _held.add(handle)
    try:
        lock = Lock(output, command, handle)
        if not _try_lock(handle):
            _take_over(output, handle, lock)
        lock._write_note()
        try:
            yield lock
        finally:
            with contextlib.suppress(OSError):
                (output / OWNER_NOTE).unlink()
    finally:
        _held.discard(handle)
        os.close(handle)


def _try_lock(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _take_over(output: Path, handle: int, lock: Lock) -> None:
    note = _read_note(output) or {}
    owner = note.get("pid")
    if not isinstance(owner, int) or _alive(owner, note.get("start")):
        who = f" (process {owner}, `policydocs {note.get('command')}`)" if note else ""
        raise ProjectLocked(
            f"another policydocs process{who} is writing to {output}; "
            "wait for it to finish and try again"
        )
    stopped: list[int] = []
    workers = note.get("workers")
    for entry in workers if isinstance(workers, list) else []:
        if isinstance(entry, list) and len(entry) == 2 and _alive(entry[0], entry[1]):
            with contextlib.suppress(OSError):
                os.kill(entry[0], signal.SIGKILL)
                stopped.append(entry[0])
    deadline = time.monotonic() + TAKEOVER_WAIT
    while not _try_lock(handle):
        if time.monotonic() > deadline:
            raise ProjectLocked(
                f"the lock on {output} is held although its owner (process {owner}) is gone; "
                "some process it started still holds it: end that process and try again"
            )
        time.sleep(0.05)
    stopped_text = (
        f"; stopped its leftover render processes {', '.join(map(str, stopped))}" if stopped else ""
    )
    lock.notes.append(
        f"took over the lock of `policydocs {note.get('command')}` (process {owner}), "
        f"which is gone{stopped_text}"
    )


def _read_note(output: Path) -> dict[str, object] | None:
    try:
        data = json.loads((output / OWNER_NOTE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def process_start(pid: int) -> int:
    """When a process started (clock ticks since boot), to tell it from a reused pid; 0 if
    unknown (no /proc)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return 0
    fields = stat.rpartition(")")[2].split()
    return int(fields[19]) if len(fields) > 19 and fields[19].isdigit() else 0


def _alive(pid: object, start: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    if isinstance(start, int) and start and process_start(pid) not in (0, start):
        return False  # the pid now belongs to another process
    return _state(pid) != "Z"


def _state(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()
    return fields[0] if fields else ""


def print_notes(lock: Lock) -> None:
    for note in lock.notes:
        print(f"note: {note}", file=sys.stderr)
