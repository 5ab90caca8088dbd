"""The app's pitch tracker (voicecoach.audio.pitch_tracker) against Praat's own "To Pitch (ac)"
(praat-parselmouth), the method it follows, frame by frame: on the real recordings, including the
low, creaky voice with a cold, and on synthesized voices in noise."""

import numpy as np
import pytest
from speech import Voice, build_answer

from voicecoach.audio.decode import SAMPLE_RATE, load_audio
from voicecoach.audio.pitch_tracker import PitchOptions, track_pitch

REAL = ["mfa/acoustic_corpus.wav", "mfa/cold_corpus.wav", "mfa/cold_corpus3.wav", "faster-whisper/jfk.flac"]
SCRIPT = [("Um.", 0.3), ("So the metric I would pick first is weekly active minutes per listener.", 0.5),
          ("Uh.", 0.0), ("so the trade off is latency against relevance.", 0.4)]


def praat(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import parselmouth

    pitch = parselmouth.Sound(samples.astype(np.float64), sampling_frequency=SAMPLE_RATE).to_pitch_ac(
        time_step=0.01, pitch_floor=50.0, pitch_ceiling=500.0)
    return pitch.xs(), pitch.selected_array["frequency"]


def agreement(samples: np.ndarray) -> tuple[float, float, float, int]:
    """(share of frames both call voiced or both unvoiced, median |cents| where both are voiced,
    share of those off by more than half a semitone, frames voiced by Praat)."""
    expected_times, expected = praat(samples)
    times, hz = track_pitch(samples, SAMPLE_RATE)
    np.testing.assert_allclose(times, expected_times, atol=1e-9)
    both = (hz > 0) & (expected > 0)
    cents = np.abs(1200 * np.log2(hz[both] / expected[both]))
    return float(np.mean((hz > 0) == (expected > 0))), float(np.median(cents)), float(np.mean(cents > 50)), int(
        np.sum(expected > 0))


@pytest.mark.parametrize("name", REAL)
def test_the_track_matches_praat_on_real_voices(name, shared_audio):
    same_voicing, median_cents, gross, voiced = agreement(load_audio(str(shared_audio / name)).samples)
    assert voiced > 400
    assert same_voicing >= 0.995
    assert median_cents < 1.0
    assert gross < 0.005


@pytest.mark.parametrize("voice", [Voice("piper"), Voice("espeak", name="en-us+f3"), Voice("flite", name="kal")],
                         ids=lambda v: f"{v.engine}-{v.name}")
@pytest.mark.parametrize("noise_dbfs", [-65.0, -42.0])
def test_the_track_matches_praat_on_synthetic_voices_in_noise(voice, noise_dbfs):
    samples = build_answer(SCRIPT, voice=voice).samples
    noisy = samples + np.random.default_rng(7).normal(0, 10 ** (noise_dbfs / 20), len(samples)).astype(np.float32)
    same_voicing, median_cents, gross, voiced = agreement(noisy)
    assert voiced > 200
    assert same_voicing >= 0.995
    assert median_cents < 1.0
    assert gross < 0.005


def test_silence_and_sounds_shorter_than_the_window():
    times, hz = track_pitch(np.zeros(SAMPLE_RATE), SAMPLE_RATE)
    np.testing.assert_allclose(times, praat(np.zeros(SAMPLE_RATE))[0], atol=1e-9)
    assert len(times) == 94 and not hz.any()  # 60-ms frames every 10 ms, centred in the second
    window = int(PitchOptions().periods_per_window / PitchOptions().floor_hz * SAMPLE_RATE)
    assert [len(a) for a in track_pitch(np.ones(window - 1), SAMPLE_RATE)] == [0, 0]


def test_an_octave_is_not_mistaken_when_the_fundamental_is_weak():
    # 110 Hz with its fundamental 20 dB under the harmonics above it: the track stays on the period
    # of 110 Hz, neither on twice it (55 Hz, as strong a correlation) nor on a harmonic.
    t = np.arange(SAMPLE_RATE) / SAMPLE_RATE
    samples = 0.1 * np.sin(2 * np.pi * 110 * t) + sum(np.sin(2 * np.pi * 110 * k * t) / k for k in range(2, 10))
    times, hz = track_pitch(0.1 * samples, SAMPLE_RATE)
    assert np.all(np.abs(hz - 110) < 0.5)
