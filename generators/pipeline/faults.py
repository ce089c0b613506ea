"""Pause points for crash tests: POLICYDOCS_PAUSE_AT=<phase> stops a build there.

The build creates output/.paused-<phase> and sleeps, so a test can SIGKILL it at a
known moment (render:brief, render:form, commit, manifest) and check what survives.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PAUSE_VARIABLE = "POLICYDOCS_PAUSE_AT"


def pause_point(phase: str, output: Path) -> None:
    if os.environ.get(PAUSE_VARIABLE) != phase:
        return
    marker = output / f".paused-{phase.replace(':', '-')}"
    marker.write_text(str(os.getpid()))
    time.sleep(600)
