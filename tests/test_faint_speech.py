"""A word said far softer than the rest, alone in a long silence, ends the silence; a breath there
does not (voicecoach.audio.faint)."""

import numpy as np
import pytest
from speech import Voice, say

from voicecoach.audio.activity import detect_speech
from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.audio.faint import FAINT, faint_speech
from voicecoach.audio.level import heard_by_detectors
from voicecoach.options import SpeechDetectionOptions
from voicecoach.timeline import SILERO

BEFORE = "Then I would run an experiment against a holdout group for two weeks."
AFTER = "The trade off is latency against relevance."
GAP_S = 4.2


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), np.float32)


def with_floor(samples: np.ndarray, seed: int = 0) -> np.ndarray:
    return (samples + 10 ** (-75 / 20) * np.random.default_rng(seed).standard_normal(len(samples))).astype(np.float32)


def between(middle: np.ndarray, voice: Voice = Voice()) -> tuple[np.ndarray, float]:
    """`middle` alone between two sentences, GAP_S of silence either side; and where it starts."""
    first = np.concatenate([silence(1.0), say(BEFORE, voice), silence(GAP_S)])
    return with_floor(np.concatenate([first, middle, silence(GAP_S), say(AFTER, voice), silence(1.0)])), \
        len(first) / SAMPLE_RATE


def breath(seconds: float = 0.5, dbfs: float = -40.0) -> np.ndarray:
    """An in-breath: noise of 500-2500 Hz, rising and falling."""
    n = int(seconds * SAMPLE_RATE)
    spectrum = np.fft.rfft(np.random.default_rng(1).standard_normal(n))
    hz = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
    noise = np.fft.irfft(np.where((hz >= 500) & (hz <= 2500), spectrum, 0), n) * np.hanning(n)
    return (noise * 10 ** (dbfs / 20) / np.sqrt(np.mean(noise**2))).astype(np.float32)


@pytest.mark.parametrize("voice", [Voice("piper"), Voice("espeak", name="en-us"), Voice("flite", name="slt")],
                         ids=["piper", "espeak", "flite"])
def test_a_word_40_db_softer_is_speech_where_it_was_said(voice):
    """Silero passes over most of it for every voice; flite's is voiced enough for the voicing detector."""
    word = say("Right.", voice)
    samples, at = between(word * 10 ** (-40 / 20), voice)
    samples = heard_by_detectors(samples, SpeechDetectionOptions())
    timeline = detect_speech(samples)
    length = len(word) / SAMPLE_RATE
    heard = sum(max(0.0, min(r.end, at + length) - max(r.start, at)) for r in timeline.regions if r.detector == SILERO)
    assert heard < length / 2  # Silero alone hears at most a scrap of it
    found = faint_speech(samples, timeline, 5.0)
    assert all(r.detector == FAINT for r in found)
    there = [r for r in timeline.regions + found if not r.energy_only and r.start < at + 0.5 and r.end > at - 0.2]
    assert there, "the soft word is silence"
    assert min(r.start for r in there) == pytest.approx(at, abs=0.15)
    assert max(r.end for r in there) == pytest.approx(at + length, abs=0.15)


def test_a_breath_in_a_long_silence_is_not_speech():
    samples = heard_by_detectors(between(breath())[0], SpeechDetectionOptions())
    assert faint_speech(samples, detect_speech(samples), 5.0) == []


def test_a_silence_shorter_than_a_long_pause_is_not_listened_to():
    samples = heard_by_detectors(between(say("Right.") * 10 ** (-35 / 20))[0], SpeechDetectionOptions())
    assert faint_speech(samples, detect_speech(samples), 2 * GAP_S + 1.0) == []


@pytest.mark.model
def test_a_soft_word_in_a_long_silence_leaves_two_pauses_not_one_long_one(analyzer):
    """Without the faint-speech pass this was one made-up long pause of 8.7 s."""
    word = say("Right.")
    samples, at = between(word * 10 ** (-40 / 20))
    report = analyzer.analyze_samples(samples, "soft word")
    assert not [p for p in report.pauses if p.long]
    edges = [(p.start, p.end) for p in report.pauses if p.duration > 3]
    assert len(edges) == 2
    assert edges[0][1] == pytest.approx(at, abs=0.25)
    assert edges[1][0] == pytest.approx(at + len(word) / SAMPLE_RATE, abs=0.25)
