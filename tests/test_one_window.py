"""A chunk of an answer is heard in the one Whisper window it was cut to fit
(voicecoach/transcribe/one_window.py), through the embedded model."""

import numpy as np
import pytest
from speech import build_answer
from test_real_recordings import textgrid_words

from voicecoach.audio.decode import SAMPLE_RATE, load_audio
from voicecoach.transcribe.chunks import PAD_S

pytestmark = pytest.mark.model

MONOLOGUES = ("acoustic_corpus", "cold_corpus", "cold_corpus3")

OPTIONS = dict(language="en", word_timestamps=True, beam_size=5, condition_on_previous_text=False,
               initial_prompt="Um, uh, hmm, er, ah.")


class _SecondWindow(Exception):
    """Raised as plain faster-whisper starts its second window: the words of its first are all
    written by then, and what it writes over a further window of padding (tiny.en looping on
    "Thank you for watching" up to the model's token limit) is not needed."""


class EncoderPasses(list):
    """The shapes of the encoder passes run; with `stop_at_second`, the second raises _SecondWindow."""

    stop_at_second = False


@pytest.fixture
def encoder_passes(analyzer, monkeypatch):
    """The encoder passes the model runs (the wrapper sits in front of OneWindowWhisper.encode,
    so a window it refuses is not counted)."""
    model, passes = analyzer.transcriber.model, EncoderPasses()
    refusing = model.encode

    def counted(features):
        if passes.stop_at_second and len(passes) == 1:
            passes.append(features.shape)
            raise _SecondWindow
        out = refusing(features)
        passes.append(features.shape)
        return out

    monkeypatch.setattr(model, "encode", counted)
    return passes


SCRIPTS = [
    [("We would ship it if retention goes up by two points.", PAD_S)],
    [("So the trade off is latency against relevance.", 0.3), ("We track signals.", PAD_S)],
    [("First we look at the retention curve for new listeners.", 0.8), ("Um, then we decide.", PAD_S)],
]


def test_a_chunk_padded_after_its_last_word_is_one_encoder_pass(analyzer, encoder_passes, shared_audio):
    model, plain_passes = analyzer.transcriber.model, []
    synthesized = [(build_answer(script, lead_s=PAD_S).samples, " ".join(text for text, _ in script))
                   for script in SCRIPTS]
    # The real monologues cut as the app cuts a chunk, PAD_S around their aligned words:
    # faster-whisper wrote "Thank you for watching" in a second window over their ends.
    real = [(_chunk_of(shared_audio / "mfa" / f"{name}.wav"), None) for name in MONOLOGUES]
    for samples, said in synthesized + real:
        encoder_passes.clear()
        encoder_passes.stop_at_second = True
        first_window = _first_window_words(model.transcribe(samples, **OPTIONS)[0])
        plain_passes.append(len(encoder_passes))
        encoder_passes.clear()
        encoder_passes.stop_at_second = False
        words = model.transcribe_chunk(samples, 1.0, **OPTIONS)
        assert len(encoder_passes) == 1
        # The words of faster-whisper's first window, none of the further one's.
        assert [w.word for w in words] == first_window
        if said:
            assert [w.word.strip(" .,").lower() for w in words][-3:] == said.strip(".").lower().split()[-3:]
    # faster-whisper on its own goes on to a further window over the pad after the last word (where
    # this was written: the third synthesized answer and all three monologues).
    assert max(plain_passes) == 2


def test_audio_left_after_the_first_window_is_still_heard(analyzer, encoder_passes):
    # Longer than a window: what follows the first is speech and is heard in a second.
    answer = build_answer([("First we look at the retention curve.", 31.0), ("Then we ship it.", PAD_S)])
    words = analyzer.transcriber.model.transcribe_chunk(answer.samples, 1.0, **OPTIONS)
    assert len(encoder_passes) == 2
    late = [w for w in words if w.start > 30.0]
    assert [w.word.strip(" .,").lower() for w in late] == "then we ship it".split()
    assert late[0].start == pytest.approx(answer.spoken[1].start, abs=0.3)
    assert len(answer.samples) / SAMPLE_RATE > 30.0 and np.any(answer.samples)


def _first_window_words(segments) -> list[str]:
    """The words faster-whisper writes for its first window, until it starts a second."""
    words = []
    try:
        for segment in segments:
            assert segment.seek == 0
            words += [w.word for w in segment.words]
    except _SecondWindow:
        pass
    return words


def _chunk_of(path) -> np.ndarray:
    said = [(start, end) for start, end, text in textgrid_words(path.with_suffix(".TextGrid")) if text]
    samples = load_audio(path, 60).samples
    return samples[int((said[0][0] - PAD_S) * SAMPLE_RATE) : int((said[-1][1] + PAD_S) * SAMPLE_RATE)]
