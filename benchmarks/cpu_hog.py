"""Another program taking one core, for the busy figures of the benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys


def cpu_hog() -> subprocess.Popen:
    """A process spinning on one core (`while True: pass`) until killed, or until this process
    ends, however it ends: a hog left behind by a benchmark stopped half-way skews every figure
    measured after it."""
    return subprocess.Popen([sys.executable, "-c", f"import os\nwhile os.getppid() == {os.getpid()}: pass"])
