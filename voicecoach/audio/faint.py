"""Speech said far softer than the rest of the answer, inside a silence long enough to be a long
pause: a mumbled "right" or "so" 30-40 dB below the person's voice, 10-20 dB above the room.

Silero judges speech partly by its level, so it passes over such a word, and the silence around it
became one made-up long pause (benchmarks/stress.py, "soft word"). Each silence longer than a long
pause is listened to again, raised to the level of the answer's speech; Silero, a speech
classifier, still passes over breaths and clicks raised as much.
"""

from __future__ import annotations

import numpy as np

from voicecoach.audio.activity import FRAME_S, frame_levels_db, frames_in, vad_spans
from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.audio.level import raised
from voicecoach.options import SpeechDetectionOptions
from voicecoach.timeline import SpeechRegion, SpeechTimeline

FAINT = "faint"
_EDGE_S = 0.3  # a silence's first and last 0.3 s hold the fading tails of the words beside it
_STANDS_OUT_DB = 10.0  # nothing this far above the noise floor: nothing to listen to
_MIN_GAIN_DB = 6.0  # a sound already near the speech level was Silero's to judge
_MAX_GAIN_DB = 40.0


def faint_speech(samples: np.ndarray, timeline: SpeechTimeline, min_silence_s: float,
                 options: SpeechDetectionOptions = SpeechDetectionOptions()) -> list[SpeechRegion]:
    """Regions of speech Silero hears in each silence longer than `min_silence_s` between the
    timeline's speech, once that silence's loudest sound is raised to the answer's speech level.
    `samples`: as the detectors hear them (voicecoach.audio.level.heard_by_detectors). Only the
    silences are raised, never a copy of the whole answer."""
    heard = timeline.heard_spans
    if len(heard) < 2:
        return []
    levels = frame_levels_db(samples)
    in_speech = frames_in(heard, levels.size)
    if not in_speech.any():
        return []
    speech_db, noise_db = float(np.median(levels[in_speech])), float(np.percentile(levels, 10))

    def loudest(start: float, end: float) -> float:
        return float(levels[int(start / FRAME_S) : int(end / FRAME_S)].max(initial=-np.inf))

    # Silero may catch a scrap of the faint word itself: a span that never comes near the speech
    # level does not end the silence around it.
    heard = [(start, end) for start, end in heard if loudest(start, end) >= speech_db - _MIN_GAIN_DB]
    found = []
    for (_, silence_start), (silence_end, _) in zip(heard, heard[1:]):
        if silence_end - silence_start <= min_silence_s:
            continue
        first, last = silence_start + _EDGE_S, silence_end - _EDGE_S
        gain_db = min(speech_db - (loudest_db := loudest(first, last)), _MAX_GAIN_DB)
        if loudest_db < noise_db + _STANDS_OUT_DB or gain_db < _MIN_GAIN_DB:
            continue
        piece = raised(samples[int(first * SAMPLE_RATE) : int(last * SAMPLE_RATE)], gain_db)
        found += [SpeechRegion(first + a, first + b, detector=FAINT) for a, b in vad_spans(piece, options)]
    return found
