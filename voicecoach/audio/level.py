"""A quiet microphone brought up to the level speech is found and transcribed at.

With the input gain turned down (speech peaking near -50 dBFS), Silero passes over soft words,
Whisper loses a tenth of them and a long pause ends a second late: measured by
benchmarks/stress.py. The detectors and Whisper hear a boosted copy; the delivery analysis keeps
the true level, so "speak up" still says what a listener would hear."""

from __future__ import annotations

import numpy as np

from voicecoach.audio.activity import frame_levels_db
from voicecoach.options import SpeechDetectionOptions

_LOUDEST = 99  # percentile of frame levels taken as the speech's loud level
_QUIETEST = 10  # percentile taken as the noise floor
_MIN_CONTRAST_DB = 10.0  # no louder sound than the floor (hum, fan, hiss): nothing to bring up


def boost_db(samples: np.ndarray, options: SpeechDetectionOptions) -> float:
    """The gain in dB that lifts the loud frames to `boost_to_dbfs`, at most `boost_max_db`; 0 for a
    recording already that loud, or one with no sound standing out of its noise floor."""
    levels = frame_levels_db(samples)
    if levels.size == 0:
        return 0.0
    loud, floor = np.percentile(levels, [_LOUDEST, _QUIETEST])
    if loud - floor < _MIN_CONTRAST_DB:
        return 0.0
    return float(np.clip(options.boost_to_dbfs - loud, 0.0, options.boost_max_db))


def audible(samples: np.ndarray, options: SpeechDetectionOptions) -> np.ndarray:
    """`samples` boosted by `boost_db` (clipped at full scale), or the same array when no boost."""
    gain_db = boost_db(samples, options)
    if gain_db == 0.0:
        return samples
    return np.clip(samples * np.float32(10 ** (gain_db / 20)), -1.0, 1.0).astype(np.float32, copy=False)
