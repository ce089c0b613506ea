"""Move a build's results into output/ all at once, or not at all.

Each file the commit replaces or removes is first kept under a temporary name beside it
(a hard link, so no space is needed); if any step fails, every file already touched is put
back and the error says which files those were. The manifest is the last file written,
so a commit cut short by a crash leaves the old manifest, which the next build trusts
only for files whose bytes it recorded.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generators.atomic import TEMP_PREFIX, write_beside
from generators.build.faults import pause_point
from generators.paths import PathEscape, inside


class CommitFailed(Exception):
    """The commit stopped; the message says which files were put back and which were not."""


@dataclass
class _Step:
    relative: str
    temp: Path | None
    """The new content, or None to remove the file."""


@dataclass
class Commit:
    output: Path
    steps: list[_Step] = field(default_factory=list)
    last: tuple[str, Callable[[], bytes]] | None = None
    """The file written after every other step succeeded (the manifest), and how to make
    its bytes then (it records the files as they lie in output/)."""

    def replace(self, relative: str, temp: Path) -> None:
        self.steps.append(_Step(relative, temp))

    def remove(self, relative: str) -> None:
        self.steps.append(_Step(relative, None))

    def write(self, relative: str, data: bytes) -> None:
        """Stage new bytes for a file (the change report, the manifest)."""
        self.replace(relative, write_beside(inside(self.output, relative), data))

    def finally_write(self, relative: str, produce: Callable[[], bytes]) -> None:
        self.last = (relative, produce)

    def discard(self) -> None:
        for step in self.steps:
            if step.temp is not None:
                with contextlib.suppress(OSError):
                    step.temp.unlink()

    def apply(self) -> list[str]:
        """Carry out every step; the paths removed. CommitFailed after restoring."""
        done: list[tuple[str, Path, Path | None]] = []
        """(relative, target, backup of the old file or None if there was none)."""
        removed: list[str] = []
        relative = ""
        try:
            for step in self.steps:
                relative = step.relative
                target = inside(self.output, step.relative)
                backup = _keep(target)
                if step.temp is None:
                    if backup is not None:
                        os.unlink(target)
                        removed.append(step.relative)
                else:
                    os.replace(step.temp, target)
                done.append((step.relative, target, backup))
            if self.last is not None:
                relative, produce = self.last
                data = produce()
                pause_point("manifest", self.output)
                self.write(relative, data)
                step = self.steps.pop()
                assert step.temp is not None
                target = inside(self.output, relative)
                backup = _keep(target)
                os.replace(step.temp, target)
                done.append((relative, target, backup))
        except (OSError, PathEscape) as exc:
            self.discard()
            raise CommitFailed(_failure(relative, exc, _restore(done))) from None
        for _, _, backup in done:
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink()
        return removed


def _keep(target: Path) -> Path | None:
    """A second name for the file now at `target` (None if there is none)."""
    if not os.path.lexists(target):
        return None
    if target.is_dir() and not target.is_symlink():
        raise IsADirectoryError(21, "Is a directory", str(target))
    backup = target.with_name(f"{TEMP_PREFIX}{secrets.token_hex(6)}.old")
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError:
        shutil.copy2(target, backup, follow_symlinks=False)  # a filesystem without hard links
    return backup


def _restore(done: list[tuple[str, Path, Path | None]]) -> tuple[list[str], list[str]]:
    restored: list[str] = []
    unrestored: list[str] = []
    for relative, target, backup in reversed(done):
        try:
            if backup is not None:
                os.replace(backup, target)
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(target)
            restored.append(relative)
        except OSError as exc:
            unrestored.append(f"{relative} ({exc.strerror})")
    return sorted(restored), sorted(unrestored)


def _failure(relative: str, exc: Exception, outcome: tuple[list[str], list[str]]) -> str:
    restored, unrestored = outcome
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    message = f"could not move {relative} into place: {reason}"
    if restored:
        shown = ", ".join(restored[:5]) + (
            f" and {len(restored) - 5} more" if len(restored) > 5 else ""
        )
        message += f"; put back the {len(restored)} file(s) already replaced or removed ({shown})"
    if unrestored:
        message += (
            f"; could NOT put back {', '.join(unrestored)}: they hold this build's version, "
            "and the next build, finding them differ from the manifest, redoes them"
        )
        return message
    return message + "; output/ is unchanged"
