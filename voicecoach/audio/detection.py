"""The speech timeline of a recording, as every path finds it (the batch analysis, and the app's
whole-answer timeline at stop): the detectors hear the speech band raised to the speech level
(voicecoach.audio.level), then each silence longer than a long pause is listened to again for
speech said far softer than the rest (voicecoach.audio.faint).

While the app records, `ListeningAhead` measures what of that timeline the audio so far allows:
the speech band and Silero's run over it (its LSTM looks only back). At stop the timeline carries
on from there and is the one a batch analysis of the file finds, sample for sample, whenever the
level the detectors hear the answer at is the one it was heard at so far. That level is rounded to
_GAIN_STEP_DB, so the last seconds of an answer seldom move it; when they do, Silero hears the
whole answer again at stop, as it did before.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

import numpy as np

from voicecoach.audio.activity import (
    SILERO_BLOCK,
    SILERO_WINDOW,
    SileroRun,
    SpreadWhere,
    detect_speech,
    frame_levels_db,
    silero_ahead,
)
from voicecoach.audio.decode import SAMPLE_RATE, GrowingSamples
from voicecoach.audio.faint import faint_speech
from voicecoach.audio.hum import LOOK_S, Hum
from voicecoach.audio.level import (
    band_final_until,
    band_hum,
    boost_db,
    raise_in_place,
    raised,
    speech_band,
    speech_band_into,
)
from voicecoach.options import SpeechDetectionOptions
from voicecoach.timeline import SpeechTimeline

_GAIN_STEP_DB = 0.5


class ListeningAhead:
    """The start of an answer still being recorded, as the whole-answer timeline will hear it."""

    def __init__(self, options: SpeechDetectionOptions, expected: int):
        """`expected`: samples to reserve room for (taken only as written)."""
        self.options = options
        self._band = GrowingSamples(expected)
        self._hum_decided, self.hum = False, None  # mains hum (voicecoach.audio.hum), once decided
        self.gain_db: Optional[float] = None
        self.silero: Optional[SileroRun] = None

    @property
    def band(self) -> np.ndarray:
        """The speech band of the start of the answer, as far as it is final."""
        return self._band.samples()

    def advance(self, samples: np.ndarray) -> None:
        """Hear `samples`, the answer so far, as far as they allow."""
        if not self._hum_decided and len(samples) < LOOK_S * SAMPLE_RATE:
            return  # the band waits for the hum, decided on the answer's first LOOK_S
        final = band_final_until(len(samples), self._hum(samples))
        if final <= self._band.size:
            return
        self._band_until(samples, final)
        if self.silero is not None and len(self.band) - self.silero.windows * SILERO_WINDOW < SILERO_BLOCK:
            return  # no whole block for Silero yet: the answer's gain (all of it read) is not needed
        gain = detector_gain(self.band, self.options)
        if gain != self.gain_db or self.silero is None:  # heard at another level: Silero starts again
            self.gain_db, self.silero = gain, SileroRun()
        self.silero = silero_ahead(raised(self.band[self.silero.windows * SILERO_WINDOW :], gain), self.silero)

    def whole_band(self, samples: np.ndarray) -> np.ndarray:
        """The speech band of the whole answer, `samples`: this one's, finished in place (no second
        copy of a long answer). The timeline raises it in place: this one is used up."""
        self._band_until(samples, len(samples))
        return self.band

    def silero_heard_at(self, gain_db: float) -> Optional[SileroRun]:
        """Silero's run so far, if it heard the answer at `gain_db`."""
        return self.silero if self.gain_db == gain_db else None

    def _hum(self, samples: np.ndarray) -> Optional[Hum]:
        if not self._hum_decided:  # on its first LOOK_S alone
            self._hum_decided, self.hum = True, band_hum(samples, self.options.detect_highpass_hz)
        return self.hum

    def _band_until(self, samples: np.ndarray, end: int) -> None:
        more = np.empty(end - self._band.size, np.float32)
        speech_band_into(more, samples, self.options.detect_highpass_hz, self._band.size, self._hum(samples))
        self._band.append(more)


def detector_gain(band: np.ndarray, options: SpeechDetectionOptions) -> float:
    """The gain that brings the answer's speech band to the level the detectors hear it at."""
    return round(boost_db(band, options.detect_peak_dbfs, options) / _GAIN_STEP_DB) * _GAIN_STEP_DB


def speech_timeline(samples: np.ndarray, options: SpeechDetectionOptions, long_pause_s: float,
                    ahead: Optional[ListeningAhead] = None,
                    spread_where: SpreadWhere = SpreadWhere()) -> SpeechTimeline:
    """`ahead`: what was heard of the answer while it was recorded (the app), or None;
    `spread_where`: which short sounds get their pitch spread measured."""
    band = ahead.whole_band(samples) if ahead is not None else speech_band(samples, options.detect_highpass_hz)
    gain = detector_gain(band, options)
    heard = raise_in_place(band, gain)
    timeline = detect_speech(heard, options, ahead.silero_heard_at(gain) if ahead is not None else None, spread_where,
                             frame_levels_db(samples))
    faint = faint_speech(heard, timeline, long_pause_s, options)
    if not faint:
        return timeline
    return replace(timeline, regions=sorted(timeline.regions + faint, key=lambda r: r.start))
