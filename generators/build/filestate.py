"""What a file holds, by content: a SHA-256, and a stat record that says when it can be trusted.

A build compares hashes, never times. The stat record (size, mtime, ctime, inode) only
spares re-reading a file that cannot have changed: mtimes can be set back (tar, zip, git
checkouts with SOURCE_DATE_EPOCH, Nix), but ctime cannot, and every write, rename, touch
or chmod moves it. A record is trusted only if it was taken once the clock had moved past
the file's ctime, so that a later change in the same clock tick cannot hide; a record taken
too soon (the file had just been written) is stored unsettled and the file is hashed again
next time.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from generators.bounded import RefusedFile, regular_file_problem

SETTLE_NS = 50_000_000
"""Older than this, a file's ctime lies in a past tick of the kernel's coarse clock."""
_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileRecord:
    sha256: str
    stat: tuple[int, int, int, int] | None = None
    """(size, mtime_ns, ctime_ns, inode) when trusted; None: hash the file next time."""

    def to_json(self) -> dict[str, object]:
        return {"sha256": self.sha256, "stat": list(self.stat) if self.stat else None}

    @staticmethod
    def from_json(data: object) -> FileRecord:
        if not isinstance(data, dict) or not isinstance(data.get("sha256"), str):
            raise TypeError("not a file record")
        raw = data.get("stat")
        if raw is None:
            return FileRecord(data["sha256"])
        if not (isinstance(raw, list) and len(raw) == 4 and all(isinstance(v, int) for v in raw)):
            raise TypeError("not a stat record")
        return FileRecord(data["sha256"], (raw[0], raw[1], raw[2], raw[3]))


def stat_key(result: os.stat_result) -> tuple[int, int, int, int]:
    return (result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino)


def observe(path: Path, previous: FileRecord | None = None) -> FileRecord:
    """The file's record, re-using `previous` when its trusted stat still matches.

    OSError if the file cannot be read, RefusedFile if it is not a regular file.
    """
    before = os.stat(path)
    problem = regular_file_problem(before.st_mode)
    if problem is not None:
        raise RefusedFile(f"{path} is {problem}")
    key = stat_key(before)
    if previous is not None and previous.stat == key:
        return previous
    for _ in range(3):
        looked = time.time_ns()
        digest = _hash(path)
        after = os.stat(path)
        if stat_key(after) == key:
            settled = looked - after.st_ctime_ns > SETTLE_NS
            return FileRecord(digest, key if settled else None)
        key = stat_key(after)  # changed while being read: read it again
    return FileRecord(digest)


def settle(path: Path, record: FileRecord) -> FileRecord:
    """A record for a file this build just wrote (whose hash it knows): trusted once the
    clock has moved past the write, after checking the bytes are still those written."""
    if record.stat is not None:
        return record
    written = os.stat(path).st_ctime_ns
    wait = SETTLE_NS - (time.time_ns() - written)
    if wait > 0:
        time.sleep(wait / 1e9 + 0.001)
    fresh = observe(path)
    return fresh if fresh.sha256 == record.sha256 else FileRecord(record.sha256)


def _hash(path: Path) -> str:
    # O_NONBLOCK: a FIFO put in the file's place since the stat above must not hang us.
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as stream:
        problem = regular_file_problem(os.fstat(handle).st_mode)
        if problem is not None:
            raise RefusedFile(f"{path} is {problem}")
        digest = hashlib.sha256()
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
