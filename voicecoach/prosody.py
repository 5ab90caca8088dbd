"""How the voice moved over an answer: pitch and loudness every 10 ms, measured from the audio
(voicecoach.audio.pitch) for the delivery analysis (voicecoach.analysis.delivery)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STEP_S = 0.01  # seconds from one frame to the next


@dataclass(frozen=True)
class ProsodyTrack:
    times: np.ndarray  # seconds, every STEP_S
    pitch_hz: np.ndarray  # F0, 0 where unvoiced or not measured (outside speech)
    level_db: np.ndarray  # dBFS of a 40-ms frame around each time
    clipped_fraction: float  # of all samples, at full scale

    def between(self, start: float, end: float) -> slice:
        """The frames from `start` to `end`."""
        first, last = np.searchsorted(self.times, [start, end])
        return slice(int(first), int(last))
