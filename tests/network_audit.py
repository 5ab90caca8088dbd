"""Run a command under strace and list the sockets it opened that could reach a network."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def audited(command: list[str], trace: Path, **run_args) -> tuple[subprocess.CompletedProcess, list[str]]:
    """The result of `command`, and every socket() call it (or a child) made outside AF_UNIX."""
    if shutil.which("strace") is None:
        pytest.fail("strace is not installed (.ci/run installs it)")
    result = subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket", "-o", str(trace), *command],
                            **run_args)
    calls = [line for line in trace.read_text().splitlines() if "socket(" in line]
    return result, [call for call in calls if "AF_UNIX" not in call and "AF_LOCAL" not in call]
