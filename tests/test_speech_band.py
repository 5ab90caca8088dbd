"""The speech band the detectors hear (voicecoach.audio.level.speech_band): what is below the
cut-off goes, what is above it stays where it was, and a long recording filtered a block at a
time is filtered as one piece."""

import numpy as np
import pytest

from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.audio.level import speech_band
from voicecoach.options import SpeechDetectionOptions

CUTOFF_HZ = SpeechDetectionOptions().detect_highpass_hz


def tone(hz: float, seconds: float = 2.0, amplitude: float = 0.5) -> np.ndarray:
    return (amplitude * np.sin(2 * np.pi * hz * np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE)).astype(np.float32)


def rms_db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(x.astype(np.float64) ** 2) + 1e-20))


EDGE = 1025  # samples at each end where the filter reaches past the recording


@pytest.mark.parametrize("hz", [160.0, 1000.0, 3000.0])
def test_the_voice_band_passes_unchanged_and_on_time(hz):
    x = tone(hz)
    assert np.abs(speech_band(x, CUTOFF_HZ) - x)[EDGE:-EDGE].max() < 1e-3


@pytest.mark.parametrize("hz", [30.0, 50.0, 60.0])
def test_hum_and_rumble_are_taken_out(hz):
    x = tone(hz)
    middle = slice(SAMPLE_RATE // 4, -SAMPLE_RATE // 4)
    assert rms_db(speech_band(x, CUTOFF_HZ)[middle]) < rms_db(x[middle]) - 60


def test_a_long_recording_is_filtered_as_one_piece():
    """Blocks are 64,512 samples: an excerpt across block edges, filtered alone, matches the same
    samples of the whole, away from the excerpt's own ends."""
    x = np.random.default_rng(0).standard_normal(5 * 65536).astype(np.float32) * 0.1
    whole = speech_band(x, CUTOFF_HZ)
    for start in (60000, 128000, 190000):
        part = speech_band(x[start : start + 70000], CUTOFF_HZ)
        assert np.abs(part[600:-600] - whole[start + 600 : start + 70000 - 600]).max() < 1e-5


def test_an_offset_makes_no_step_at_the_edges():
    """A stretch cut from a recording with a DC offset starts and ends without a click."""
    x = (0.2 + tone(1000.0, amplitude=0.01)).astype(np.float32)
    assert np.abs(speech_band(x, CUTOFF_HZ)).max() < 0.02


def test_no_cut_off_is_a_plain_copy():
    x = tone(60.0)
    band = speech_band(x, 0.0)
    assert band is not x and np.array_equal(band, x)


@pytest.mark.model
def test_a_bass_voice_keeps_its_pauses_and_words(analyzer):
    """The cut-off is above a bass voice's pitch (here moved to a median of 70 Hz by Praat's Change
    gender): its harmonics carry it, and the long pauses and the words are all still found."""
    import parselmouth
    from parselmouth.praat import call
    from speech import build_answer
    from test_streaming import LONG_PAUSE_AT_EDGE

    answer = build_answer(LONG_PAUSE_AT_EDGE, lead_s=1.5)
    samples = np.concatenate([answer.samples, np.zeros(SAMPLE_RATE, np.float32)])
    low = call(parselmouth.Sound(samples.astype(np.float64), SAMPLE_RATE), "Change gender", 60, 400, 0.92, 70.0, 1.0, 1.0)
    report = analyzer.analyze_samples(low.values[0][: len(samples)].astype(np.float32), "bass")
    assert report.delivery.pitch_median_hz == pytest.approx(70, abs=3)
    truth = [t for s, e in answer.silences() if e - s > 5 for t in (s, e)]
    assert [t for p in report.pauses if p.long for t in (p.start, p.end)] == pytest.approx(truth, abs=0.25)
    said = sum(len(text.split()) for text, _ in LONG_PAUSE_AT_EDGE if text not in ("Um.", "Uh."))
    assert report.metrics.word_count == pytest.approx(said, rel=0.05)
