"""Choices made in the app that outlive it: the input device, read-aloud and live cues, in
preferences.json beside the history (so `--data-dir` keeps them with it). Written whole to a new
file and renamed over the old, so a crash never leaves half a file; a file that cannot be read
gives the defaults and a warning, never an error: these are conveniences."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Optional, Union

log = logging.getLogger("voicecoach")

FILE_NAME = "preferences.json"


@dataclass(frozen=True)
class Preferences:
    device: Optional[Union[int, str]] = None  # an input device's name (index only when it has none)
    read_aloud: bool = False
    live_cues: Optional[bool] = None  # None: as settings.toml says


def load_preferences(folder: Path) -> Preferences:
    path = Path(folder) / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError) as exc:
        log.warning("ignoring %s: %s", path, exc)
        return Preferences()
    kinds = {"device": (int, str, type(None)), "read_aloud": (bool,), "live_cues": (bool, type(None))}
    if not isinstance(data, dict) or any(not isinstance(data.get(f.name), kinds[f.name])
                                         for f in fields(Preferences) if f.name in data):
        log.warning("ignoring %s: not a preferences file", path)
        return Preferences()
    return Preferences(**{f.name: data[f.name] for f in fields(Preferences) if f.name in data})


def save_preferences(folder: Path, preferences: Preferences) -> None:
    path = Path(folder) / FILE_NAME
    fresh = path.with_suffix(".json.new")
    descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(asdict(preferences), out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(fresh, path)
