"""A recording brought up to the level speech is found and transcribed at.

Silero's speech probability falls with the level: on the real `cold_corpus` recording it hears
17.7 s of speech at the recorded level, 8.4 s at 3 dB less and none at 20 dB less, and the
analysis lost 16 of 59 words 3 dB down and every word 20 dB down. So the speech detectors hear a
copy whose loud peaks reach `detect_peak_dbfs`. Whisper copes with any ordinary level, and a
change of input changes its words, so it hears a raised copy only from a microphone turned far
down (peaks under `transcribe_peak_dbfs`). Nothing is made quieter; the delivery analysis keeps
the true level, so "speak up" still says what a listener would hear."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.audio.activity import frame_levels_db
from voicecoach.options import SpeechDetectionOptions

_HOP = 160  # 10-ms frames
_BLOCK = _HOP * 6400  # samples looked at once (64 s): a long recording is never copied whole
_LOUD_PEAK = 99.9  # percentile of frame peaks taken as the loud peak (a click or a bump is above it)
_LOUDEST, _QUIETEST = 99, 10  # percentiles of frame levels: loud speech, and the noise floor
_MIN_CONTRAST_DB = 10.0  # no sound standing out of the floor (hum, fan, hiss): nothing to bring up


def _frame_peaks(samples: np.ndarray) -> np.ndarray:
    n = len(samples) // _HOP * _HOP
    return np.concatenate([np.abs(samples[k : min(k + _BLOCK, n)].reshape(-1, _HOP)).max(axis=1)
                           for k in range(0, n, _BLOCK)]) if n else np.zeros(0)


@dataclass(frozen=True)
class InputLevel:
    """How far to raise a recording for each use (0: as it is), from its loud peak measured once."""

    detection_db: float = 0.0
    transcription_db: float = 0.0


def input_level(samples: np.ndarray, options: SpeechDetectionOptions) -> InputLevel:
    """The gains that lift the loud peaks to `detect_peak_dbfs` and to `transcribe_peak_dbfs`, each
    at most `boost_max_db` and never below 0; none for a recording with no sound standing out of
    its noise floor."""
    levels, peaks = frame_levels_db(samples), _frame_peaks(samples)
    if levels.size == 0 or peaks.size == 0:
        return InputLevel()
    loud, floor = np.percentile(levels, [_LOUDEST, _QUIETEST])
    if loud - floor < _MIN_CONTRAST_DB:
        return InputLevel()
    peak_db = 20 * np.log10(float(np.percentile(peaks, _LOUD_PEAK)) + 1e-12)

    def gain(target_dbfs: float) -> float:
        return float(np.clip(target_dbfs - peak_db, 0.0, options.boost_max_db))

    return InputLevel(gain(options.detect_peak_dbfs), gain(options.transcribe_peak_dbfs))


def raised(samples: np.ndarray, gain_db: float) -> np.ndarray:
    """`samples` raised by `gain_db` (clipped at full scale), or the same array for no gain."""
    if gain_db == 0.0:
        return samples
    return np.clip(samples * np.float32(10 ** (gain_db / 20)), -1.0, 1.0).astype(np.float32, copy=False)
