"""The voicing and pitch spread each short region of speech is summarised with
(voicecoach.audio.activity), on constructed voices whose pitch is known."""

import numpy as np
import pytest

from voicecoach.audio.activity import SpreadWhere, _summarised, voicing_track
from voicecoach.audio.decode import SAMPLE_RATE


def voice(f0_hz, seconds: float, amplitude: float = 0.1) -> np.ndarray:
    """A buzz of 11 harmonics at `f0_hz` (a number, or one per sample)."""
    f0 = np.broadcast_to(np.asarray(f0_hz, float), (int(seconds * SAMPLE_RATE),))
    phase = 2 * np.pi * np.cumsum(f0) / SAMPLE_RATE
    return amplitude * sum(np.sin(k * phase) / k for k in range(1, 12))


def summary(*pieces: np.ndarray, spread_where: SpreadWhere = SpreadWhere()):
    rng = np.random.default_rng(0)
    quiet = rng.normal(0, 1e-4, int(0.3 * SAMPLE_RATE))
    samples = np.concatenate([quiet, *pieces, quiet]).astype(np.float32)
    track = voicing_track(samples)
    end = len(samples) / SAMPLE_RATE - 0.28
    sound_db = np.full(track.level_db.size, track.noise_db + 6)
    return _summarised(track, samples, 0.28, end, "voicing", sound_db, spread_where)


def test_a_level_uh_that_rings_at_a_formant_as_it_ends_holds_a_level_pitch():
    """mfa_uhuh's "uh"s: 0.1-0.2 s at about 100 Hz, then 0.04-0.08 s where the autocorrelation
    peaks at about 320 Hz. Read frame by frame, that tail put the "uh" 20 semitones apart (here
    10) and it never counted as a filled pause; its voice, the longest voiced run, is level."""
    tail = 0.1 * np.sin(2 * np.pi * 320 * np.arange(int(0.07 * SAMPLE_RATE)) / SAMPLE_RATE)
    region = summary(voice(100, 0.15), tail)
    assert region.voiced_fraction > 0.8
    assert region.pitch_spread_st == pytest.approx(0, abs=0.3)


def test_a_glide_is_not_level():
    """100 to 160 Hz over 0.2 s (8 semitones): its middle half spans 4."""
    region = summary(voice(np.linspace(100, 160, int(0.2 * SAMPLE_RATE)), 0.2))
    assert region.pitch_spread_st == pytest.approx(4.0, abs=0.4)


def test_under_three_voiced_frames_has_no_pitch_spread():
    rng = np.random.default_rng(1)
    region = summary(0.05 * rng.normal(size=int(0.2 * SAMPLE_RATE)))  # a hiss: loud, unvoiced
    assert region.voiced_fraction < 0.2 and region.pitch_spread_st is None


def test_the_spread_is_measured_only_where_a_filled_pause_may_be():
    """The analysis hears a filled pause in sounds up to 1.5 s long and voiced in half their
    frames (AnalysisOptions): elsewhere Praat's tracker is not run, and the spread is None."""
    where = SpreadWhere(max_s=1.5, min_voiced=0.5)
    assert summary(voice(100, 1.0), spread_where=where).pitch_spread_st == pytest.approx(0, abs=0.3)
    assert summary(voice(100, 1.8), spread_where=where).pitch_spread_st is None
    assert summary(voice(100, 1.8)).pitch_spread_st == pytest.approx(0, abs=0.3)
    rng = np.random.default_rng(2)
    half_hiss = [voice(100, 0.2), 0.05 * rng.normal(size=int(0.4 * SAMPLE_RATE))]
    region = summary(*half_hiss, spread_where=where)
    assert region.voiced_fraction < 0.5 and region.pitch_spread_st is None
    assert summary(*half_hiss).pitch_spread_st is not None
