"""One build at a time per output directory."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path


class BuildLocked(Exception):
    """Another build holds the lock."""


@contextlib.contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """Lock the output directory itself, so a lock leaves no file behind in it."""
    output.mkdir(parents=True, exist_ok=True)
    handle = os.open(output, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(
                f"another build is writing to {output}; wait for it to finish and build again"
            ) from None
        yield
    finally:
        os.close(handle)
