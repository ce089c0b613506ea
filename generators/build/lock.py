"""One build at a time per output directory."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".build.lock"


class BuildLocked(Exception):
    """Another build holds the lock."""


@contextlib.contextmanager
def build_lock(output: Path) -> Iterator[None]:
    output.mkdir(parents=True, exist_ok=True)
    path = output / LOCK_NAME
    handle = open(path, "a+")  # noqa: SIM115 - held for the whole build
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildLocked(
                f"another build is running on {output} (process {holder}); "
                "wait for it to finish and build again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
