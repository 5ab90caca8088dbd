"""The speech timeline of a recording, as every path finds it (the batch analysis, and the app's
whole-answer timeline at stop): the detectors hear the speech band raised to the speech level
(voicecoach.audio.level), then each silence longer than a long pause is listened to again for
speech said far softer than the rest (voicecoach.audio.faint)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from voicecoach.audio.activity import detect_speech
from voicecoach.audio.faint import faint_speech
from voicecoach.audio.level import heard_by_detectors
from voicecoach.options import SpeechDetectionOptions
from voicecoach.timeline import SpeechTimeline


def speech_timeline(samples: np.ndarray, options: SpeechDetectionOptions, long_pause_s: float) -> SpeechTimeline:
    heard = heard_by_detectors(samples, options)
    timeline = detect_speech(heard, options)
    faint = faint_speech(heard, timeline, long_pause_s, options)
    if not faint:
        return timeline
    return replace(timeline, regions=sorted(timeline.regions + faint, key=lambda r: r.start))
