"""Level-pitch runs (voicecoach.audio.pitch) on voiced sounds whose pitch contour is built exactly."""

import numpy as np
import pytest

from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.audio.pitch import level_pitch_runs, pitch_track


def voiced(contour_hz: np.ndarray) -> np.ndarray:
    """A harmonic complex (12 harmonics falling 6 dB/octave, like a glottal source) that follows
    `contour_hz`, one value per sample; 0 Hz is silence."""
    phase = 2 * np.pi * np.cumsum(contour_hz) / SAMPLE_RATE
    wave = sum(np.sin(k * phase) / k for k in range(1, 13))
    return (0.1 * wave * (contour_hz > 0)).astype(np.float32)


def segment(seconds: float, start_hz: float, end_hz: float | None = None) -> np.ndarray:
    n = int(seconds * SAMPLE_RATE)
    return np.geomspace(start_hz, end_hz or start_hz, n) if start_hz else np.zeros(n)


def test_a_flat_uh_is_a_run_and_a_gliding_vowel_is_not():
    # 0.3 s silence, 0.4 s flat at 120 Hz, 0.1 s silence, 0.4 s gliding 120 -> 160 Hz (5 semitones).
    samples = voiced(np.concatenate([segment(0.3, 0), segment(0.4, 120), segment(0.1, 0),
                                     segment(0.4, 120, 160), segment(0.3, 0)]))
    runs = level_pitch_runs(samples, [(0.0, len(samples) / SAMPLE_RATE)])
    assert len(runs) == 1
    assert runs[0] == pytest.approx((0.3, 0.7), abs=0.04)


def test_the_track_follows_the_contour():
    samples = voiced(np.concatenate([segment(0.2, 0), segment(0.5, 100, 200), segment(0.2, 0)]))
    times, hz = pitch_track(samples, 0.0, 0.9)
    inside = (times > 0.3) & (times < 0.6)
    expected = 100 * 2 ** ((times[inside] - 0.2) / 0.5)
    assert np.all(np.abs(12 * np.log2(hz[inside] / expected)) < 0.3)
    assert np.all(hz[times < 0.15] == 0)


def test_only_the_windows_asked_for_are_searched():
    samples = voiced(np.concatenate([segment(0.4, 150), segment(0.6, 0), segment(0.4, 110)]))
    runs = level_pitch_runs(samples, [(0.9, 1.4)])
    assert runs == [pytest.approx((1.0, 1.4), abs=0.04)]
    assert level_pitch_runs(samples, [(0.45, 0.5)]) == []


def test_a_run_that_ends_where_the_voicing_stops():
    # "uh" then "so": 0.15 s flat at 90 Hz, 0.08 s of silence (the fricative), a vowel at 130 Hz;
    # and a vowel that holds 150 Hz for 0.15 s and then glides on, voiced, up 4 semitones.
    uh_so = voiced(np.concatenate([segment(0.2, 0), segment(0.15, 90), segment(0.08, 0), segment(0.3, 130, 110),
                                   segment(0.2, 0)]))
    so = voiced(np.concatenate([segment(0.2, 0), segment(0.15, 150), segment(0.3, 150, 190), segment(0.2, 0)]))
    windows = [(0.15, 0.8)]
    assert level_pitch_runs(uh_so, windows, ending_unvoiced=True)[:1] == [pytest.approx((0.2, 0.35), abs=0.04)]
    assert level_pitch_runs(so, windows)[:1] == [pytest.approx((0.2, 0.4), abs=0.06)]
    assert level_pitch_runs(so, windows, ending_unvoiced=True) == []
