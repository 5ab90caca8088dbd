"""Mains hum (voicecoach.audio.hum): found in a recording's quiet, never in a voice, and taken out
of what the speech detectors hear while the speech stays."""

from pathlib import Path

import numpy as np
import pytest
from speech import Voice, build_answer, say
from test_real_recordings import with_mains_hum

from voicecoach.audio.decode import SAMPLE_RATE, load_audio
from voicecoach.audio.hum import mains_hum
from voicecoach.audio.level import speech_band, speech_band_into

MFA = Path(__file__).resolve().parents[2] / "shared" / "audio" / "mfa"
CUTOFF_HZ = 110.0


def mains_hum_hz(samples):
    hum = mains_hum(samples)
    return hum.hz if hum else None


def noisy(samples: np.ndarray, dbfs: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (samples + 10 ** (dbfs / 20) * rng.standard_normal(len(samples))).astype(np.float32)


@pytest.mark.parametrize("name", ["cold_corpus", "cold_corpus3"])
def test_hum_under_a_real_voice_is_found_at_its_mains_frequency(name):
    samples = load_audio(MFA / f"{name}.wav", 900).samples
    assert mains_hum_hz(samples) is None
    assert mains_hum_hz(with_mains_hum(samples, -40.0)) == 50.0
    assert mains_hum_hz(with_mains_hum(samples, -40.0, 60.0)) == 60.0
    assert mains_hum_hz(with_mains_hum(samples, -45.0, 50.0, 8)) == 50.0  # a buzz, rich in harmonics


@pytest.mark.parametrize("voice", [Voice("festival", 0.85), Voice("festival"), Voice("piper"),
                                   Voice("flite", name="awb")], ids=["festival-x0.85", "festival", "piper", "awb"])
@pytest.mark.parametrize("lead_s", [0.0, 1.0])
def test_a_steady_voice_is_no_hum(voice, lead_s):
    # festival's kal speaks at a steady ~100 Hz: its harmonics are lines at multiples of 50 Hz too,
    # and on quiet pieces that held its fading end they were taken for hum.
    answer = build_answer([("The main risk is the sample size. Uh, having said that, I would still ship it.", 0.5),
                           ("We measured it over four weeks.", 1.5), ("So the effect is real, but it is small.", 0.0)],
                          lead_s=lead_s, voice=voice)
    for floor in (-65.0, -45.0):
        samples = noisy(answer.samples, floor)
        assert mains_hum_hz(samples) is None
        if lead_s:  # quiet apart (the second before the first word, and the pauses): the hum is found
            assert mains_hum_hz(with_mains_hum(samples, -40.0, 60.0)) == 60.0


@pytest.mark.parametrize("hum", [(50.0, 6), (60.0, 3)], ids=["50Hz-buzz", "60Hz"])
def test_the_hum_is_taken_out_of_the_band_and_the_speech_left_as_it_was(hum):
    speech = say("Then I would run an experiment against a holdout group.")
    clean = noisy(np.concatenate([np.zeros(SAMPLE_RATE, np.float32), speech, np.zeros(6 * SAMPLE_RATE, np.float32),
                                  speech, np.zeros(SAMPLE_RATE, np.float32)]), -80.0)
    hummed = with_mains_hum(clean, -40.0, *hum)
    band, kept = speech_band(hummed, CUTOFF_HZ), np.empty(len(hummed), np.float32)
    speech_band_into(kept, hummed, CUTOFF_HZ, 0, None)  # the hum left in
    clean_band = speech_band(clean, CUTOFF_HZ)

    def db(x):
        return 10 * np.log10(np.mean(np.square(x, dtype=np.float64)) + 1e-20)

    silence = slice(len(speech) + 3 * SAMPLE_RATE, len(speech) + 5 * SAMPLE_RATE)  # out of the notches' reach of it
    hum_left, hum_kept = band[silence] - clean_band[silence], kept[silence] - clean_band[silence]
    assert db(hum_kept) > -55 and db(hum_left) < db(hum_kept) - 40  # the hum, 40 dB down or more
    # The speech keeps its level, and nothing of it spreads past its end (a filter that notched the
    # hum's frequencies rang there with the voice's harmonics): next to it, the hum is measured on
    # the quiet of one side only, and is still taken 15 dB down.
    said = slice(SAMPLE_RATE, SAMPLE_RATE + len(speech))
    after = slice(SAMPLE_RATE + len(speech) + SAMPLE_RATE // 20, SAMPLE_RATE + len(speech) + SAMPLE_RATE // 2)
    assert abs(db(band[said]) - db(clean_band[said])) < 0.5
    assert db(band[after] - clean_band[after]) < db(hum_kept) - 15
