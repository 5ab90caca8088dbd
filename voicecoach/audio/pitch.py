"""Pitch from the audio: the whole answer's pitch and level for the delivery analysis, and where the
voice holds a level pitch - the sound of a filled pause ("uhhh", "ummm").

A filled pause is voiced, with a nearly flat F0, for about 150-900 ms (Goto, Itou & Hayamizu 1999).
Pitch comes from Boersma's autocorrelation method, Praat's (voicecoach.audio.pitch_tracker), which
follows the low, creaky "uh" of a tired voice that a plain autocorrelation peak loses. It is
measured only in the windows asked for, so a long recording is never copied whole.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from voicecoach.audio.activity import frame_levels_db
from voicecoach.audio.decode import SAMPLE_RATE, pcm_float
from voicecoach.audio.level import loud_peak
from voicecoach.audio.pitch_tracker import PitchOptions, track_pitch
from voicecoach.options import SpeechDetectionOptions
from voicecoach.prosody import STEP_S, ProsodyTrack

_TRACKING = PitchOptions(time_step_s=STEP_S)
_CLIP_BLOCK = 1 << 20  # samples checked for clipping at once
_PAD_S = 0.2
_FULL_SCALE = 0.999
_VOICING_STOPS_WITHIN = 5  # frames: 50 ms


def pitch_track(samples: np.ndarray, start: float, end: float, loudest: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """(times in s, F0 in Hz, 0 where unvoiced) of the samples between `start` and `end`;
    `loudest`: the recording's loud peak (voicecoach.audio.level.loud_peak), or 0 for theirs."""
    first, last = max(0, int(start * SAMPLE_RATE)), min(len(samples), int(end * SAMPLE_RATE))
    times, hz = track_pitch(pcm_float(samples[first:max(first, last)]), SAMPLE_RATE, _TRACKING, loudest)
    return times + first / SAMPLE_RATE, hz


def prosody_track(samples: np.ndarray, spans: list[tuple[float, float]],
                  measured: Sequence[tuple[np.ndarray, np.ndarray]] = (), measured_until: float = 0.0) -> ProsodyTrack:
    """Pitch inside the speech `spans` (padded a little, so a sentence's last syllable is whole) and
    the level everywhere, every 10 ms. `measured`: pitch already tracked (times, Hz) up to
    `measured_until` (the app tracks each stretch while the person goes on speaking)."""
    level_db = frame_levels_db(samples)
    n = len(level_db)
    times = 0.02 + np.arange(n) * STEP_S
    pitch = np.zeros(n)
    todo = [(max(a - _PAD_S, measured_until), b + _PAD_S) for a, b in spans if b + _PAD_S > measured_until]
    for at, hz in [*measured, *(pitch_track(samples, a, b) for a, b in _merged(todo))]:
        if n and len(at):
            pitch[np.clip(np.round((at - times[0]) / STEP_S).astype(int), 0, n - 1)] = hz
    at_full_scale = sum(int(np.count_nonzero(np.abs(pcm_float(samples[k : k + _CLIP_BLOCK])) >= _FULL_SCALE))
                        for k in range(0, len(samples), _CLIP_BLOCK))
    clipped = at_full_scale / len(samples) if len(samples) else 0.0
    return ProsodyTrack(times, pitch, level_db, clipped)


def level_pitch_runs(
    samples: np.ndarray, windows: list[tuple[float, float]],
    options: SpeechDetectionOptions = SpeechDetectionOptions(), ending_unvoiced: bool = False, loudest: float = 0.0,
) -> list[tuple[float, float]]:
    """(start, end) of voiced runs inside `windows` whose pitch stays within
    `level_pitch_max_st` semitones, moving less than `level_pitch_step_st` per 10 ms, for at least
    `level_pitch_min_s`; with `ending_unvoiced`, only those where the voicing stops (within
    _VOICING_STOPS_WITHIN frames: a falling "uh" leaves the range a few frames before it ends).
    `loudest`: the recording's loud peak, against which a frame is quiet (see pitch_track): a
    window of silence near a filler holds mains hum at a perfectly level pitch."""
    runs: list[tuple[float, float]] = []
    for start, end in _merged(windows):
        times, hz = pitch_track(samples, start, end, loudest)
        semitones = 12 * np.log2(np.maximum(hz, 1.0))
        k = 0
        while k < len(hz):
            if hz[k] <= 0:
                k += 1
                continue
            low = high = semitones[k]
            j = k + 1
            while j < len(hz) and hz[j] > 0 and abs(semitones[j] - semitones[j - 1]) < options.level_pitch_step_st:
                low, high = min(low, semitones[j]), max(high, semitones[j])
                if high - low > options.level_pitch_max_st:
                    break
                j += 1
            if times[j - 1] - times[k] + STEP_S >= options.level_pitch_min_s and (
                    not ending_unvoiced or (hz[j : j + _VOICING_STOPS_WITHIN] <= 0).any()):
                runs.append((float(times[k] - STEP_S / 2), float(times[j - 1] + STEP_S / 2)))
            k = j
    return runs


def heard_in_silence(samples: np.ndarray, runs: list[tuple[float, float]], windows: list[tuple[float, float]],
                     heard: Callable[[float, float], bool],
                     options: SpeechDetectionOptions = SpeechDetectionOptions()) -> list[tuple[float, float]]:
    """`runs` (level_pitch_runs over `windows`), less those where no detector `heard` speech that
    the tracker loses when it weighs a frame's silence against the recording's loud peak, as Praat
    does against the whole sound's: in a window of silence near a filler, mains hum 34 dB under
    the speech holds a level pitch, and made a sound that cut a 5.12-s pause in two. A run a
    detector heard keeps its own window's measure: a soft "uh" opening a sound in a room, 0.6 m
    from the microphone, is voiced there and not against the loud peak."""
    alone = [run for run in runs if not heard(*run)]
    if not alone:
        return runs
    around = [w for w in _merged(windows) if any(w[0] <= a and b <= w[1] for a, b in alone)]
    voiced = level_pitch_runs(samples, around, options, loudest=loud_peak(samples))
    return [run for run in runs if run not in alone or any(a < run[1] and run[0] < b for a, b in voiced)]


def _merged(windows: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([max(0.0, start), end])
    return [(a, b) for a, b in merged]
