"""A soft voice under a fan's hiss, heard band by band against the quiet around it
(voicecoach.audio.activity._standing_out): the edges of every pause under broad noise stand on it."""

import numpy as np
import pytest
from test_real_recordings import with_pink_noise

from voicecoach.audio.activity import (
    _EDGE_ABOVE_NOISE_DB,
    _ONSET_GAP_S,
    FRAME_S,
    FRAME_WIDTH_S,
    _standing_out,
    frame_levels_db,
)
from voicecoach.audio.decode import SAMPLE_RATE

VOICE_S = (2.0, 2.3)


def _vowel(n: int, f0: float = 120.0) -> np.ndarray:
    """`n` samples of a steady vowel-like sound: the harmonics of `f0`, loudest near 500 and 1,500
    Hz (formants)."""
    t = np.arange(n) / SAMPLE_RATE
    harmonics = np.arange(1, int(4000 / f0))
    weight = np.exp(-((harmonics * f0 - 500) / 200) ** 2) + 0.5 * np.exp(-((harmonics * f0 - 1500) / 300) ** 2)
    return (weight[:, None] * np.sin(2 * np.pi * f0 * harmonics[:, None] * t)).sum(axis=0)


def _answer(voice_db_under_noise: float, seed: int = 7) -> np.ndarray:
    """3 s of pink noise at -36 dBFS holding a vowel over VOICE_S, `voice_db_under_noise` under the
    noise's RMS."""
    clean = np.zeros(3 * SAMPLE_RATE)
    a, b = (int(s * SAMPLE_RATE) for s in VOICE_S)
    vowel = _vowel(b - a)
    clean[a:b] = vowel / np.sqrt(np.mean(vowel**2)) * 10 ** ((-36.0 - voice_db_under_noise) / 20)
    return with_pink_noise(clean.astype(np.float32), -36.0, seed)


def _frames(start: float, end: float) -> slice:
    return slice(int(round(start / FRAME_S)), int(round(end / FRAME_S)))


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_a_vowel_under_the_hiss_stands_out_where_the_whole_band_barely_moves(seed):
    answer = _answer(6.0, seed)
    around = _frames(1.6, 2.6)
    standing = _standing_out(answer, _frames(0.2, 1.2), around)
    at = np.arange(around.start, around.stop) * FRAME_S + FRAME_WIDTH_S / 2  # each frame's centre
    inside = (at > VOICE_S[0] + FRAME_WIDTH_S / 2) & (at < VOICE_S[1] - FRAME_WIDTH_S / 2)
    outside = (at < VOICE_S[0] - FRAME_WIDTH_S / 2) | (at > VOICE_S[1] + FRAME_WIDTH_S / 2)
    # Most of it, its edges within a frame, and no gap an onset is not followed over.
    found = at[standing & ~outside]
    assert standing[inside].mean() >= 0.8
    assert found.min() == pytest.approx(VOICE_S[0], abs=FRAME_WIDTH_S)
    assert found.max() == pytest.approx(VOICE_S[1], abs=FRAME_WIDTH_S)
    assert np.diff(found).max() <= _ONSET_GAP_S
    assert standing[outside].sum() <= 1
    # The whole band: the vowel raises it less than the 3 dB a region's edge asks of a frame.
    level = frame_levels_db(answer)
    assert np.median(level[around][inside]) - np.median(level[_frames(0.2, 1.2)]) < _EDGE_ABOVE_NOISE_DB


def test_the_hiss_alone_never_stands_out():
    answer = _answer(np.inf)
    assert not _standing_out(answer, _frames(0.2, 1.2), _frames(1.2, 2.9)).any()


def test_too_little_quiet_judges_nothing():
    answer = _answer(0.0)
    assert not _standing_out(answer, _frames(1.6, 1.9), _frames(1.9, 2.4)).any()
