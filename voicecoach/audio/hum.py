"""Mains hum: found in the quiet of a recording's first half minute, and taken out of what the
speech detectors hear (voicecoach.audio.level.speech_band).

Hum at 50 or 60 Hz (a laptop on its charger, a ground loop) passes the detectors' 110-Hz rumble
filter from its second harmonic on. Under hum at -40 dBFS Silero held on 0.54 s past a word, so
silences of 5.12-5.4 s were measured under 5 s, and under a buzz of 8 harmonics silences of 4.75
and 4.88 s were measured over it (benchmarks/threshold.py, the real monologues).

Filters that take out the hum's frequencies also take out, or ring with, the voice's harmonics that
cross them: a comb 5 Hz wide (each sample less the mean of those whole periods either side) made a
silence of the clean `cold_corpus` begin 0.44 s late, and notches 0.5-1 Hz wide rang on past each
word of the synthesized voices over a quiet floor (benchmarks/stress.py, under hum: pauses found
0.3-0.8 s short, one not at all, fillers made up). So the hum is measured where the recording is
quiet and nowhere else: each harmonic's amplitude and phase over the quiet 1/8-s frames within a
second either side, and the wave so measured is taken away. Speech never enters the measure; in a
run of speech with no quiet within reach the hum is left (the speech is far louder there).

Hum is judged only in the recording's quietest pieces, in two places at least 2 s apart (a voice's
fading end holds harmonic lines too), and only on its first LOOK_S: a recording still being made
(voicecoach.audio.detection) then hears its band as a batch analysis of the whole file does.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

import numpy as np

from voicecoach.audio.decode import SAMPLE_RATE, pcm_float

MAINS_HZ = (50.0, 60.0)
LOOK_S = 30.0  # of the recording looked at for hum (a steady hum is there from the start)
FRAME = SAMPLE_RATE // 8  # 1/8-s frames: quiet or not, and the hum's measure, frame by frame
_PER_PIECE = 4  # 0.5-s pieces, for the decision: they fit in the silences between words
# Pieces this close to the quietest one hold the hum bare. (At 6 dB they took in the faint end of
# festival's monotone voice, whose harmonics at 100 Hz are lines at multiples of 50 Hz too.)
_QUIET_WITHIN_DB = 3.0
_QUIET_APART_S = 2.0  # the quiet pieces span this much, and both halves of them hold the same hum
_PIECES_AT_MOST = 16  # taken from each half, spread over it (a silent recording is quiet throughout)
_LINES = range(2, 7)  # harmonics looked at: those the detectors' rumble filter lets through
_LINE_OVER_DB = 10.0  # a harmonic this far over the spectrum 6-20 Hz either side of it is a line
_LINES_AT_LEAST = 2
_QUIET_FRAME_DB = 4.0  # a frame this close to the quiet pieces' level is quiet: the hum is measured on it
HARMONICS = 8  # taken out: the mains frequency and its harmonics up to 400-480 Hz
_MEASURED_OVER = 8  # frames either side (1 s) whose quiet the hum's measure is taken on
REACH = (_MEASURED_OVER + 1) * FRAME  # samples either side a sample's hum is measured from


@dataclass(frozen=True)
class Hum:
    hz: float  # the mains frequency
    quiet_db: float  # the level of the recording's quietest pieces: the hum, and the noise under it


def mains_hum(samples: np.ndarray) -> Optional[Hum]:
    """The mains hum in the quiet of the recording's first LOOK_S, if it holds any."""
    look = pcm_float(samples[: int(LOOK_S * SAMPLE_RATE)])
    frames = len(look) // FRAME
    if frames < _PER_PIECE:
        return None
    energy = _frame_energy(look[: frames * FRAME].reshape(frames, FRAME))
    levels = 10 * np.log10(np.convolve(energy, np.ones(_PER_PIECE) / _PER_PIECE, "valid") + 1e-20)
    quiet = np.flatnonzero(levels <= levels.min() + _QUIET_WITHIN_DB)  # each piece by its first frame
    if (quiet[-1] - quiet[0]) * FRAME / SAMPLE_RATE < _QUIET_APART_S:
        return None  # quiet in one place only: a faint sound there may be all it holds
    middle = (quiet[0] + quiet[-1]) / 2
    heard = {_hum_in(look, half[:: max(1, len(half) // _PIECES_AT_MOST)])
             for half in (quiet[quiet <= middle], quiet[quiet > middle])}
    hz = heard.pop() if len(heard) == 1 else None
    return Hum(hz, float(np.mean(levels[quiet]))) if hz else None


def _frame_energy(frames: np.ndarray) -> np.ndarray:
    """The mean square of each row of `frames` (one 1/8-s frame a row)."""
    return np.mean(np.square(frames, dtype=np.float64), axis=1)


def _hum_in(look: np.ndarray, pieces_at: np.ndarray) -> Optional[float]:
    """The mains frequency whose harmonics stand out as lines in these pieces together, if any."""
    piece = _PER_PIECE * FRAME
    pieces = np.stack([look[k * FRAME : k * FRAME + piece] for k in pieces_at]).astype(np.float64)
    power = np.mean(np.abs(np.fft.rfft(pieces * np.hanning(piece), SAMPLE_RATE, axis=1)) ** 2, axis=0)  # 1-Hz bins
    lines = {hz: [db for db in (_line_over_db(power, int(round(k * hz))) for k in _LINES) if db >= _LINE_OVER_DB]
             for hz in MAINS_HZ}
    hz = max(MAINS_HZ, key=lambda f: sum(lines[f]))
    return hz if len(lines[hz]) >= _LINES_AT_LEAST else None


def _line_over_db(power: np.ndarray, bin_: int) -> float:
    """How far the strongest bin within 1 Hz of `bin_` stands over the median 6-20 Hz either side."""
    around = np.r_[power[bin_ - 20 : bin_ - 5], power[bin_ + 6 : bin_ + 21]]
    return float(10 * np.log10(power[bin_ - 1 : bin_ + 2].max() / (np.median(around) + 1e-30) + 1e-30))


def without_hum(samples: np.ndarray, hum: Hum, start: int, stop: int) -> np.ndarray:
    """samples[start:stop] (float32) less the hum measured on the quiet frames within REACH of each.
    Frames are whole 1/8 s from the recording's start, so any stretch of it is measured alike."""
    first = max(0, start // FRAME - _MEASURED_OVER)
    last = min(len(samples) // FRAME, -(-stop // FRAME) + _MEASURED_OVER)  # whole frames only
    out = pcm_float(samples[start:stop]).astype(np.float32)
    if last <= first:
        return out
    x = pcm_float(samples[first * FRAME : last * FRAME]).astype(np.float64).reshape(-1, FRAME)
    quiet = 10 * np.log10(_frame_energy(x) + 1e-20) <= hum.quiet_db + _QUIET_FRAME_DB
    cos, sin = _waves(hum.hz)
    k = np.arange(1, HARMONICS + 1)
    at = np.exp(-2j * np.pi * np.outer(np.arange(first, last) * FRAME, k) * hum.hz / SAMPLE_RATE)  # frame starts
    sums = np.zeros((last - first, HARMONICS), complex)
    sums[quiet] = (x[quiet] @ cos - 1j * (x[quiet] @ sin)) * at[quiet]  # each quiet frame's harmonics
    measured = np.stack([_smoothed(sums[:, j]) for j in range(HARMONICS)], axis=1)
    counted = _smoothed(quiet * float(FRAME))
    amplitude = np.divide(measured, counted[:, None], out=np.zeros_like(measured), where=counted[:, None] > 0)
    # The wave, frame by frame (each frame's own measure), over the samples asked for.
    turned = amplitude * np.conj(at)
    wave = (2 * (turned.real @ cos.T - turned.imag @ sin.T)).ravel()
    lo = start - first * FRAME
    hi = min(stop, last * FRAME) - first * FRAME
    if hi > lo:
        out[: hi - lo] -= wave[lo:hi].astype(np.float32)
    return out


@functools.lru_cache(maxsize=2)
def _waves(hz: float) -> tuple[np.ndarray, np.ndarray]:
    """Cosine and sine of each harmonic over a frame, from its start."""
    within = 2 * np.pi * np.outer(np.arange(FRAME), np.arange(1, HARMONICS + 1)) * hz / SAMPLE_RATE
    return np.cos(within), np.sin(within)


def _smoothed(per_frame: np.ndarray) -> np.ndarray:
    """Each frame's value, Hann-weighted with its _MEASURED_OVER neighbours either side."""
    weights = np.hanning(2 * _MEASURED_OVER + 3)[1:-1]
    return np.convolve(per_frame, weights)[_MEASURED_OVER : _MEASURED_OVER + len(per_frame)]
