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
    _fading_end,
    _faint_onset,
    _standing_out,
    frame_levels_db,
)
from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.audio.detection import detector_gain
from voicecoach.audio.level import raise_in_place, speech_band
from voicecoach.options import SpeechDetectionOptions

VOICE_S = (2.0, 2.3)
FLOOR_DBFS = SpeechDetectionOptions().energy_floor_dbfs


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


def _syllables_before_a_region(gap_s: float) -> np.ndarray:
    """4 s of pink noise at -36 dBFS: two soft syllables (0.1 s each, 6 dB under the noise), `gap_s`
    apart and ending 0.14 s before a region Silero hears from 3.0 s (a vowel as loud as the noise)."""
    clean = np.zeros(4 * SAMPLE_RATE)
    second = 3.0 - 0.14 - 0.1
    for start, db in [(second - gap_s - 0.1, 6.0), (second, 6.0), (3.0, 0.0)]:
        a = int(start * SAMPLE_RATE)
        vowel = _vowel(int((0.5 if start == 3.0 else 0.1) * SAMPLE_RATE))
        clean[a : a + vowel.size] = vowel / np.sqrt(np.mean(vowel**2)) * 10 ** ((-36.0 - db) / 20)
    return with_pink_noise(clean.astype(np.float32), -36.0)


@pytest.mark.parametrize("gap_s, heard_from", [(0.16, 2.5), (0.3, 2.76)])
def test_a_faint_onset_is_followed_back_over_the_gaps_soft_syllables_leave(gap_s, heard_from):
    answer = _syllables_before_a_region(gap_s)
    first = int(round(3.0 / FRAME_S))
    onset = _faint_onset(answer, frame_levels_db(answer), first, first, 0.5, FLOOR_DBFS)
    assert onset == pytest.approx(heard_from, abs=FRAME_WIDTH_S)


def test_no_faint_onset_without_a_quiet_before_it_to_judge_against():
    answer = _syllables_before_a_region(0.16)
    first = int(round(3.0 / FRAME_S))
    # The region before ends at 1.5 s.
    assert _faint_onset(answer, frame_levels_db(answer), first, first, 1.5, FLOOR_DBFS) is None


def test_the_hiss_alone_holds_no_faint_onset():
    answer = _answer(np.inf)
    first = int(round(2.6 / FRAME_S))
    assert _faint_onset(answer, frame_levels_db(answer), first, first, 0.0, FLOOR_DBFS) is None


def test_chance_peaks_in_a_hum_s_quiet_hold_no_faint_onset():
    """Mains hum (50 Hz and harmonics at -40 dBFS, as benchmarks/stress.py's) over a white floor at
    -70 dBFS, and two vowels, the second from 3.5 s, as the detectors hear them (the hum taken out,
    raised to the speech level). Over a second of reach the quiet's own chance peaks, joined across
    gaps of 0.2 s, began a faint onset up to 0.23 s before the second vowel in 4 of these 10 seeds
    (before an onset had to be louder than the quiet), and 0.39 s before a synthesized "um"."""
    options = SpeechDetectionOptions()
    onsets = []
    for seed in range(10):
        rng = np.random.default_rng(seed)
        t = np.arange(5 * SAMPLE_RATE) / SAMPLE_RATE
        answer = sum(10 ** (-40 / 20) / k * np.sin(2 * np.pi * 50 * k * t + k) for k in (1, 2, 3, 5))
        answer += 10 ** (-70 / 20) * rng.standard_normal(t.size)
        vowel = _vowel(int(0.8 * SAMPLE_RATE))
        for start in (int(0.5 * SAMPLE_RATE), int(3.5 * SAMPLE_RATE)):
            answer[start : start + vowel.size] += 0.1 * vowel / np.abs(vowel).max()
        band = speech_band(answer.astype(np.float32), options.detect_highpass_hz)
        heard = raise_in_place(band, detector_gain(band, options))
        first = int(round(3.5 / FRAME_S))
        onsets.append(_faint_onset(heard, frame_levels_db(heard), first, first, 1.3, FLOOR_DBFS))
    assert all(onset is None or onset >= 3.5 - FRAME_WIDTH_S for onset in onsets)


def _word_fading_into_the_hiss(breath_at: float | None = None, tail_s: float = 0.2) -> np.ndarray:
    """4 s of pink noise at -36 dBFS: a vowel 10 dB over it from 1.0 to 2.0 s, whose end fades
    into a tail 6 dB under it for `tail_s` (under the 3 dB a region's edge asks of a frame, as a
    word's fading end is under a fan's hiss), and a breath (0.1 s of white noise, as loud as the
    hiss) from `breath_at`."""
    rng = np.random.default_rng(3)
    clean = np.zeros(4 * SAMPLE_RATE)
    for start, length, db in [(1.0, 1.0, -10.0), (2.0, tail_s, 6.0)]:
        a, n = int(start * SAMPLE_RATE), int(length * SAMPLE_RATE)
        vowel = _vowel(n)
        clean[a : a + n] = vowel / np.sqrt(np.mean(vowel**2)) * 10 ** ((-36.0 - db) / 20)
    if breath_at is not None:
        a = int(breath_at * SAMPLE_RATE)
        clean[a : a + SAMPLE_RATE // 10] = rng.standard_normal(SAMPLE_RATE // 10) * 10 ** (-36.0 / 20)
    return with_pink_noise(clean.astype(np.float32), -36.0)


@pytest.mark.parametrize("tail_s", [0.1, 0.2])
def test_a_word_s_end_fading_under_the_hiss_is_followed_band_by_band(tail_s):
    """The sound at the edge's level ends at 2.0 s, Silero's 0.4 s after the tail: the tail, which
    the whole band loses under the hiss, still ends the sound (a silence after it began 0.15-0.19 s
    early under pink noise at -40 dBFS in cold_corpus and cold_corpus3, and two 4.88-s silences
    were called long)."""
    answer = _word_fading_into_the_hiss(tail_s=tail_s)
    end = _fading_end(2.0, answer, frame_levels_db(answer), _frames(0, 2.0 + tail_s + 0.4).stop, 4.0)
    assert end == pytest.approx(2.0 + tail_s, abs=FRAME_WIDTH_S)


def test_a_breath_after_a_word_s_faded_end_is_not_its_sound():
    """A breath 0.2 s after the tail, before Silero's end: only the frames right after the word are
    followed."""
    answer = _word_fading_into_the_hiss(breath_at=2.4)
    end = _fading_end(2.0, answer, frame_levels_db(answer), _frames(0, 2.6).stop, 4.0)
    assert end == pytest.approx(2.2, abs=FRAME_WIDTH_S)
    assert _standing_out(answer, _frames(2.6, 3.6), _frames(2.4, 2.5)).mean() >= 0.5  # the breath stands out


def test_a_word_s_end_is_not_followed_without_a_quiet_after_it_to_judge_against():
    answer = _word_fading_into_the_hiss()
    # The next region begins 0.3 s after Silero's end.
    assert _fading_end(2.0, answer, frame_levels_db(answer), _frames(0, 2.4).stop, 2.7) == 2.0


@pytest.mark.parametrize("count", [1, 2])
def test_one_or_two_frames_are_judged_too(count):
    """A region's sound may end a frame or two before Silero's end: a frame of the vowel, 10 dB over
    the hiss, stands out alone, and the hiss after the word does not."""
    answer = _word_fading_into_the_hiss()
    quiet = _frames(2.6, 3.6)
    for at, expected in [(1.5, True), (3.7, False)]:
        first = _frames(at, at + 0.1).start
        assert _standing_out(answer, quiet, slice(first, first + count)).tolist() == [expected] * count
