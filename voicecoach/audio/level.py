"""What the speech detectors and Whisper hear of a recording: its speech band, brought up to the
level speech is found and transcribed at.

Silero's speech probability falls with the level: on the real `cold_corpus` recording it hears
17.7 s of speech at the recorded level, 8.4 s at 3 dB less and none at 20 dB less, and the
analysis lost 16 of 59 words 3 dB down and every word 20 dB down. So the speech detectors hear a
copy whose loud peaks reach `detect_peak_dbfs`. Whisper copes with any ordinary level, and a
change of input changes its words, so it hears a raised copy only from a microphone turned far
down (peaks under `transcribe_peak_dbfs`). Nothing is made quieter; the delivery analysis keeps
the true level, so "speak up" still says what a listener would hear.

The detectors hear only what is above `detect_highpass_hz` (a rumble filter): rumble, desk thumps
and a room's low boom carry no speech, yet they set the loud peak (so the speech was raised too
little) and they mask a soft voice from Silero. The real monologues played in four simulated rooms
(benchmarks/rooms.py --real-only): on the whole band the analysis found 423 of their 680 words, and
made up a long pause where the speaker with a cold went on talking; above 110 Hz, 675 words and no
long pause. Mains hum, which passes that filter from its second harmonic on, is taken out of the
band when the recording's quiet holds some (voicecoach.audio.hum).
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from voicecoach.audio.activity import frame_levels_db
from voicecoach.audio.decode import SAMPLE_RATE, pcm_float
from voicecoach.audio.hum import REACH as HUM_REACH
from voicecoach.audio.hum import Hum, mains_hum, without_hum
from voicecoach.options import SpeechDetectionOptions

_HOP = 160  # 10-ms frames
_BLOCK = _HOP * 6400  # samples looked at once (64 s): a long recording is never copied whole as float64
_LOUD_PEAK = 99.9  # percentile of frame peaks taken as the loud peak (a click or a bump is above it)
_LOUDEST, _QUIETEST = 99, 10  # percentiles of frame levels: loud speech, and the noise floor
_MIN_CONTRAST_DB = 10.0  # no sound standing out of the floor (hum, fan, hiss): nothing to bring up
_TAPS = 1025  # of the high-pass filter: odd, so its delay is a whole number of samples
_BAND_SIZE = 1 << 16  # samples filtered at once, by FFT
_BAND_STEP = _BAND_SIZE - 2 * (_TAPS // 2)  # of which this many come out whole


def heard_by_detectors(samples: np.ndarray, options: SpeechDetectionOptions) -> np.ndarray:
    """A new float32 copy: the speech band, its loud peaks raised to `detect_peak_dbfs`."""
    band = speech_band(samples, options.detect_highpass_hz)
    return raise_in_place(band, boost_db(band, options.detect_peak_dbfs, options))


def heard_by_whisper(samples: np.ndarray, options: SpeechDetectionOptions) -> np.ndarray:
    """`samples` raised to `transcribe_peak_dbfs` if their peaks are under it, or the same array."""
    return raised(samples, boost_db(samples, options.transcribe_peak_dbfs, options))


def speech_band(samples: np.ndarray, cutoff_hz: float) -> np.ndarray:
    """A float32 copy of `samples` high-passed at `cutoff_hz` (and rid of mains hum if its quiet
    holds some, voicecoach.audio.hum): a linear-phase FIR filter (nothing moves in time), applied a
    block at a time by FFT. The recording is taken to hold its first and last sample beyond its
    ends, so a stretch cut from a longer recording has no step at its edges.
    (scipy.signal would cost the app 69 MB and half a second to import.)"""
    out = np.empty(len(samples), np.float32)
    speech_band_into(out, samples, cutoff_hz, 0, band_hum(samples, cutoff_hz))
    return out


def band_hum(samples: np.ndarray, cutoff_hz: float) -> Optional[Hum]:
    """The mains hum the speech band of `samples` is rid of: none where it is not high-passed."""
    return mains_hum(samples) if cutoff_hz > 0 else None


def band_final_until(n: int, hum: Optional[Hum] = None) -> int:
    """Of a recording still growing, `n` samples long so far: how many samples from its start
    have their speech band final (the filter blocks whose reach, and the hum's measure, end inside
    it); `hum` as band_hum finds it on the recording."""
    return max(0, (n - _TAPS // 2 - (HUM_REACH if hum else 0)) // _BAND_STEP * _BAND_STEP)


def speech_band_into(out: np.ndarray, samples: np.ndarray, cutoff_hz: float, first: int,
                     hum: Optional[Hum] = None) -> None:
    """`out` := the speech band of samples[first : first + len(out)], exactly as speech_band finds
    it there: `first` is 0 or from band_final_until, `hum` as band_hum finds it on `samples`."""
    stop = first + len(out)
    if cutoff_hz <= 0:
        out[:] = pcm_float(samples[first:stop])
        return
    half = _TAPS // 2
    taps = np.fft.rfft(_highpass_taps(cutoff_hz), _BAND_SIZE)
    for k in range(first, stop, _BAND_STEP):
        lo, hi = max(0, k - half), k + _BAND_STEP + half  # the samples this block's filter reaches
        piece = without_hum(samples, hum, lo, hi) if hum else samples[lo:hi]
        before = half - min(k, half)
        after = hi - min(len(samples), hi)
        piece = pcm_float(np.pad(piece, (before, after), mode="edge")).astype(np.float32, copy=False)
        filtered = np.fft.irfft(np.fft.rfft(piece, _BAND_SIZE) * taps, _BAND_SIZE)
        kept = min(_BAND_STEP, stop - k)
        out[k - first : k - first + kept] = filtered[2 * half : 2 * half + kept]


def _highpass_taps(cutoff_hz: float) -> np.ndarray:
    """Blackman-windowed sinc: the signal less its low band (transition about 90 Hz wide)."""
    t = np.arange(_TAPS) - _TAPS // 2
    lowpass = np.sinc(2 * cutoff_hz / SAMPLE_RATE * t) * np.blackman(_TAPS)
    highpass = -lowpass / lowpass.sum()
    highpass[_TAPS // 2] += 1.0
    return highpass.astype(np.float32)


def _frame_peaks(samples: np.ndarray) -> np.ndarray:
    n = len(samples) // _HOP * _HOP
    return np.concatenate([np.abs(pcm_float(samples[k : min(k + _BLOCK, n)]).reshape(-1, _HOP)).max(axis=1)
                           for k in range(0, n, _BLOCK)]) if n else np.zeros(0)


def boost_db(samples: np.ndarray, target_dbfs: float, options: SpeechDetectionOptions) -> float:
    """The gain that lifts the loud peaks to `target_dbfs`: at most `boost_max_db`, never below 0,
    and 0 for a recording with no sound standing out of its noise floor."""
    levels = frame_levels_db(samples)
    if levels.size == 0 or len(samples) < _HOP:
        return 0.0
    loud, floor = np.percentile(levels, [_LOUDEST, _QUIETEST])
    if loud - floor < _MIN_CONTRAST_DB:
        return 0.0
    peak_db = 20 * np.log10(loud_peak(samples) + 1e-12)
    return float(np.clip(target_dbfs - peak_db, 0.0, options.boost_max_db))


def loud_peak(samples: np.ndarray) -> float:
    """The recording's loud peak (a click or a bump is above it), as a share of full scale."""
    peaks = _frame_peaks(samples)
    return float(np.percentile(peaks, _LOUD_PEAK)) if peaks.size else 0.0


def raised(samples: np.ndarray, gain_db: float) -> np.ndarray:
    """`samples` raised by `gain_db` (clipped at full scale), or the same array for no gain."""
    if gain_db == 0.0:
        return samples
    copy = pcm_float(samples) if samples.dtype == np.int16 else samples.astype(np.float32)
    return raise_in_place(copy, gain_db)


def raise_in_place(samples: np.ndarray, gain_db: float) -> np.ndarray:
    """`samples` (float32) raised by `gain_db`, clipped at full scale, in place."""
    if gain_db:
        np.multiply(samples, np.float32(10 ** (gain_db / 20)), out=samples)
        np.clip(samples, -1.0, 1.0, out=samples)
    return samples
