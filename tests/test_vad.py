"""voicecoach's Silero pass (voicecoach.audio.activity.vad_spans) finds exactly the spans
faster-whisper's get_speech_timestamps finds with the same options, reading the audio in place
instead of padding a copy of it (115 MB more at the peak of a 30-minute recording)."""

import numpy as np
import pytest
from faster_whisper.vad import VadOptions, get_speech_timestamps
from speech import say

from voicecoach.audio.activity import vad_spans
from voicecoach.audio.decode import SAMPLE_RATE, load_audio
from voicecoach.options import SpeechDetectionOptions

OPTIONS = SpeechDetectionOptions()


def faster_whispers(samples: np.ndarray) -> list[tuple[float, float]]:
    vad = VadOptions(threshold=OPTIONS.vad_threshold, min_speech_duration_ms=OPTIONS.min_speech_ms,
                     min_silence_duration_ms=OPTIONS.min_silence_ms, speech_pad_ms=0)
    return [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in get_speech_timestamps(samples, vad)]


def answer() -> np.ndarray:
    """Two sentences with silence between and after them, over a -60 dBFS floor."""
    noise = 10 ** (-60 / 20) * np.random.default_rng(3).standard_normal(12 * SAMPLE_RATE)
    speech = np.concatenate([np.zeros(SAMPLE_RATE // 2), say("The trade off is latency."),
                             np.zeros(2 * SAMPLE_RATE), say("We would ship it after the test.")])
    return (np.concatenate([speech, np.zeros(12 * SAMPLE_RATE - len(speech))]) + noise).astype(np.float32)


@pytest.mark.parametrize("recording", ["cold_corpus.wav", "mfa_uhuh.flac"])
def test_real_recordings_give_faster_whispers_spans(shared_audio, recording):
    samples = load_audio(shared_audio / "mfa" / recording, 900).samples
    spans = vad_spans(samples, OPTIONS)
    assert len(spans) >= 3
    assert spans == faster_whispers(samples)


@pytest.mark.parametrize("cut", ["mid-speech", "whole windows", "after the silence"])
def test_any_length_and_speech_running_to_the_end(cut):
    samples = answer()
    end = {"mid-speech": int(4.8 * SAMPLE_RATE) + 77, "whole windows": 512 * 150,
           "after the silence": len(samples) - 3}[cut]
    samples = samples[:end]
    spans = vad_spans(samples, OPTIONS)
    assert spans == faster_whispers(samples)
    assert (spans[-1][1] == end / SAMPLE_RATE) == (cut != "after the silence")


def test_silero_heard_afresh_does_not_stay_deaf(shared_audio):
    """A soft, hoarse voice in a simulated office, three times over: one run of Silero through the
    whole recording settles into hearing little after the first copy (its spans held 13.1 s of
    the second copy, against 18.6 s of the copy alone); restarted every 30 s it hears each copy."""
    from room_acoustics import ROOMS

    from voicecoach.audio.level import heard_by_detectors

    one = ROOMS["office, 1.5 m"].play(load_audio(shared_audio / "mfa" / "cold_corpus3.wav", 900).samples)
    samples = heard_by_detectors(np.concatenate([one] * 3), OPTIONS)
    alone = sum(end - start for start, end in vad_spans(heard_by_detectors(one, OPTIONS), OPTIONS))
    spans = vad_spans(samples, OPTIONS)
    copy_s = len(one) / SAMPLE_RATE
    for k in range(3):
        heard = sum(max(0.0, min(end, (k + 1) * copy_s) - max(start, k * copy_s)) for start, end in spans)
        assert heard >= 0.75 * alone, f"copy {k + 1}: {heard:.1f} s of speech heard, {alone:.1f} s alone"
