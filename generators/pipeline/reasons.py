"""Why an output is rebuilt, as objects: turned into text only when printed, so the change
report can ask which clause a rebuild is for instead of searching the text."""

from __future__ import annotations

from dataclasses import dataclass

from generators.deps import Part, TextPart


class Reason:
    """One reason an output must be rendered."""

    def __str__(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Forced(Reason):
    def __str__(self) -> str:
        return "rebuild forced (--force)"


@dataclass(frozen=True)
class FullRebuild(Reason):
    why: str
    """Why the last build's manifest cannot be used."""

    def __str__(self) -> str:
        return f"full rebuild: {self.why}"


@dataclass(frozen=True)
class NewOutput(Reason):
    def __str__(self) -> str:
        return "new output"


@dataclass(frozen=True)
class FileMissing(Reason):
    def __str__(self) -> str:
        return "file is missing"


@dataclass(frozen=True)
class FileAltered(Reason):
    def __str__(self) -> str:
        return "file was altered or left incomplete"


@dataclass(frozen=True)
class PartChanged(Reason):
    part: Part

    def __str__(self) -> str:
        if isinstance(self.part, TextPart):
            return f"{self.part.label} changed ({self.part.lang})"
        return f"{self.part.label} changed"


@dataclass(frozen=True)
class PartAdded(Reason):
    part: Part

    def __str__(self) -> str:
        verb = "shows" if self.part.shown else "uses"
        return f"now {verb} {self.part.label}"


@dataclass(frozen=True)
class PartRemoved(Reason):
    part: Part

    def __str__(self) -> str:
        verb = "shows" if self.part.shown else "uses"
        return f"no longer {verb} {self.part.label}"
