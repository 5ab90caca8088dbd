"""Sparse cues while recording ("Slow down", "Louder", "Pause here"): at most one every ~20 s, off
by default. Speakers liked a few short cues better than continuous feedback or none (Rhema, Tanveer
et al. 2015, N = 30). Stateful but free of UI and I/O: the question screen feeds it the recorder's
status and the streaming transcript's pace a few times a second and shows what it returns."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

SLOW_DOWN = "Slow down"
LOUDER = "Louder"
PAUSE_HERE = "Pause here"


@dataclass(frozen=True)
class CueOptions:
    every_s: float = 20.0  # at most one cue this often
    fast_wpm: float = 175.0  # the last transcribed stretch faster than this: slow down
    quiet_dbfs: float = -35.0  # speech (not silence) quieter than this on average ...
    quiet_for_s: float = 3.0  # ... over this much of it: louder
    level_memory_s: float = 2.0  # the average's memory
    run_on_s: float = 30.0  # this long without a pause: pause here
    pause_s: float = 0.5  # a silence this long is a pause


class LiveCoach:
    def __init__(self, options: CueOptions = CueOptions()):
        self.options = options
        self._last_cue = -math.inf
        self._last_at: Optional[float] = None
        self._speech_power: Optional[float] = None  # a running mean of the level while speaking
        self._spoken_s = 0.0  # speech heard since the last "louder"
        self._talking_since: Optional[float] = None
        self._paced: Optional[int] = None  # the stretch whose pace was last judged

    def update(self, at_s: float, level_dbfs: float, silence_s: float,
               recent_wpm: Optional[float] = None, stretch: int = 0) -> Optional[str]:
        """The cue to show now, if any. `at_s`: seconds into the recording; `level_dbfs`: the input
        level now; `silence_s`: how long the input has been silent (0 while speaking);
        `recent_wpm`: the pace of the last stretch transcribed (number `stretch`), judged once."""
        o = self.options
        step = max(0.0, at_s - self._last_at) if self._last_at is not None else 0.0
        self._last_at = at_s
        speaking = silence_s == 0
        if speaking:
            # Syllables peak and dip from one block to the next: the voice's level is their mean
            # power over the last couple of seconds of speech.
            power = 10 ** (level_dbfs / 10)
            weight = min(1.0, step / o.level_memory_s)
            self._speech_power = power if self._speech_power is None else (
                self._speech_power + weight * (power - self._speech_power))
        if silence_s < o.pause_s and self._speech_power is not None:
            self._spoken_s += step  # a quiet voice dips under the silence gate between syllables
        if silence_s >= o.pause_s:
            self._talking_since = None
        elif self._talking_since is None and speaking:
            self._talking_since = at_s
        if at_s - self._last_cue < o.every_s:
            return None
        cue = None
        quiet = self._speech_power is not None and 10 * math.log10(self._speech_power) < o.quiet_dbfs
        if recent_wpm is not None and recent_wpm > o.fast_wpm and stretch != self._paced:
            cue, self._paced = SLOW_DOWN, stretch
        elif quiet and self._spoken_s >= o.quiet_for_s:
            cue, self._spoken_s = LOUDER, 0.0
        elif self._talking_since is not None and at_s - self._talking_since >= o.run_on_s:
            cue = PAUSE_HERE
            self._talking_since = at_s  # the next "pause here" only after as long again
        if cue is not None:
            self._last_cue = at_s
        return cue
