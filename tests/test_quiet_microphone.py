"""A microphone with its input gain turned down: speech is found on a raised copy of its speech band,
and Whisper hears a raised copy when the level is far down (voicecoach.audio.level); the delivery
analysis still says the voice was quiet."""

import numpy as np
import pytest
from speech import as_recorded, build_answer, say
from test_streaming import LONG_PAUSE_AT_EDGE, batch_of, stream

from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.audio.level import boost_db, heard_by_detectors, heard_by_whisper, speech_band
from voicecoach.options import SpeechDetectionOptions

OPTIONS = SpeechDetectionOptions()


def at_db(samples: np.ndarray, gain_db: float, floor_dbfs: float, seed: int = 0) -> np.ndarray:
    noise = 10 ** (floor_dbfs / 20) * np.random.default_rng(seed).standard_normal(len(samples))
    return (samples * 10 ** (gain_db / 20) + noise).astype(np.float32)


def loud_peak(samples: np.ndarray) -> float:
    """dBFS of the 99.9th percentile of 10-ms peaks, as voicecoach.audio.level takes it."""
    frames = np.abs(samples[: len(samples) // 160 * 160].reshape(-1, 160)).max(axis=1)
    return float(20 * np.log10(np.percentile(frames, 99.9)))


def near(filler, said) -> bool:
    return any(s.start - 0.3 < filler.start < s.end + 0.3 for s in said)


@pytest.fixture(scope="module")
def phrase():
    pause = np.zeros(SAMPLE_RATE, np.float32)
    return np.concatenate([pause, say("The primary metric is listening minutes per user."), pause])


def test_the_detectors_hear_quiet_speech_with_its_peaks_at_the_detection_level(phrase):
    quiet = at_db(phrase, -40, -90)
    assert loud_peak(quiet) < OPTIONS.transcribe_peak_dbfs - 10
    assert loud_peak(heard_by_detectors(quiet, OPTIONS)) == pytest.approx(OPTIONS.detect_peak_dbfs, abs=0.5)
    assert loud_peak(heard_by_whisper(quiet, OPTIONS)) == pytest.approx(OPTIONS.transcribe_peak_dbfs, abs=0.5)


def test_whisper_hears_speech_at_an_ordinary_level_as_it_was_recorded(phrase):
    ordinary = at_db(phrase, OPTIONS.transcribe_peak_dbfs + 6 - loud_peak(phrase), -70)
    assert heard_by_whisper(ordinary, OPTIONS) is ordinary
    assert loud_peak(heard_by_detectors(ordinary, OPTIONS)) == pytest.approx(OPTIONS.detect_peak_dbfs, abs=0.5)


def test_speech_already_loud_is_left_as_it_is(phrase):
    band_peak = loud_peak(speech_band(phrase, OPTIONS.detect_highpass_hz))
    loud = at_db(phrase, OPTIONS.detect_peak_dbfs + 1 - band_peak, -70)
    assert boost_db(speech_band(loud, OPTIONS.detect_highpass_hz), OPTIONS.detect_peak_dbfs, OPTIONS) == 0.0
    assert np.array_equal(heard_by_detectors(loud, OPTIONS), speech_band(loud, OPTIONS.detect_highpass_hz))


def test_the_boost_stops_at_its_maximum(phrase):
    faint = at_db(phrase, -80, -130)
    band = speech_band(faint, OPTIONS.detect_highpass_hz)
    assert boost_db(band, OPTIONS.detect_peak_dbfs, OPTIONS) == OPTIONS.boost_max_db
    assert loud_peak(heard_by_detectors(faint, OPTIONS)) == pytest.approx(loud_peak(band) + OPTIONS.boost_max_db, abs=0.1)


def test_a_recording_longer_than_one_block_is_measured_whole(phrase):
    """Peaks are taken 64 s at a time: a 2.5-minute answer whose loudest phrase comes last."""
    quiet = at_db(np.concatenate([np.zeros(150 * SAMPLE_RATE + 37, np.float32), phrase]), -30, -90)
    assert loud_peak(heard_by_detectors(quiet, OPTIONS)) == pytest.approx(OPTIONS.detect_peak_dbfs, abs=0.5)


def test_noise_alone_and_digital_silence_are_not_raised():
    hiss = at_db(np.zeros(5 * SAMPLE_RATE, np.float32), 0, -70)
    assert boost_db(hiss, OPTIONS.detect_peak_dbfs, OPTIONS) == 0.0
    assert boost_db(np.zeros(5 * SAMPLE_RATE, np.float32), OPTIONS.detect_peak_dbfs, OPTIONS) == 0.0


@pytest.mark.model
def test_a_quiet_microphone_gives_the_pauses_words_and_fillers_that_were_said(analyzer):
    """Speech peaking near -50 dBFS over a -90 dBFS floor, in 16 bits, as the recorder writes it:
    without the boost Silero passed over the "Uh." and the words after the 7-s pause, and that
    pause ended a second late, with a made-up long pause from the near miss to the words after
    the "Uh.". (Quietly, Whisper writes the "Uh." as "Yeah. Thank you.", no longer a lone misheard
    filler: it is lost.)"""
    answer = build_answer(LONG_PAUSE_AT_EDGE, lead_s=1.5)
    samples = at_db(np.concatenate([answer.samples, np.zeros(SAMPLE_RATE, np.float32)]), -50, -90)
    assert 20 * np.log10(np.abs(samples).max()) < -45
    quiet = batch_of(analyzer, samples)
    truth = [(s, e) for s, e in answer.silences() if e - s > 5]
    long = [p for p in quiet.pauses if p.long]
    assert len(long) == len(truth)
    for pause, (start, end) in zip(long, truth):
        assert pause.start == pytest.approx(start, abs=0.25) and pause.end == pytest.approx(end, abs=0.25)
    said = sum(len(text.split()) for text, _ in LONG_PAUSE_AT_EDGE if text not in ("Um.", "Uh."))
    assert quiet.metrics.word_count == pytest.approx(said, rel=0.05)
    um, uh = [s for s in answer.spoken if s.text in ("Um.", "Uh.")]
    assert quiet.fillers and quiet.fillers[0].start == pytest.approx(um.start, abs=0.25)
    assert all(near(f, (um, uh)) for f in quiet.fillers)  # none made up
    assert "quiet" in quiet.delivery.input_warning
    # While recording, too: the live stretches are boosted as the batch is. (Whisper, hearing the
    # "Uh." in a stretch of its own, writes no word there, so the sound is counted: one more filler.)
    _, incremental = stream(analyzer, as_recorded(samples).astype(np.float32) / 32768.0)
    assert [t for p in incremental.pauses if p.long for t in (p.start, p.end)] == pytest.approx(
        [t for p in long for t in (p.start, p.end)], abs=0.25)
    assert incremental.metrics.word_count == pytest.approx(said, rel=0.05)
    assert all(near(f, (um, uh)) for f in incremental.fillers)
