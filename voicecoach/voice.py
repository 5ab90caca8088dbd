"""Read a question aloud with a local text-to-speech engine, when one is installed (espeak-ng).
Silently unavailable otherwise: reading aloud is a nicety, never a requirement."""

from __future__ import annotations

import shutil
import subprocess
from typing import Optional

_ENGINES = ("espeak-ng", "espeak")


def engine() -> Optional[str]:
    return next((name for name in _ENGINES if shutil.which(name)), None)


def say(text: str) -> Optional[subprocess.Popen]:
    """Start speaking and return at once; None when no engine is installed or it cannot start."""
    name = engine()
    if name is None:
        return None
    try:
        return subprocess.Popen([name, "-s", "165", text], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return None
