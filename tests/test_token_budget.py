"""The bound on what Whisper may write per window (voicecoach.transcribe.whisper.token_budget): it
stops tiny.en's loops of invented text early, and no real answer, however fast, reaches it."""

from dataclasses import replace

import numpy as np
from speech import Voice, build_answer

from voicecoach.transcribe import whisper
from voicecoach.transcribe.chunks import Chunk
from voicecoach.transcribe.whisper import token_budget

SENTENCES = [
    "So the metric I would pick first is weekly active minutes per listener, um, not raw streams.",
    "Then we ship it to twenty percent of listeners and watch the skip rate and the save rate.",
    "Uh, the trade off is latency against relevance, and we measured a 3.5% lift in retention.",
    "If skips stay flat for a week, we roll out to everyone; otherwise we roll back and look again.",
]
FAST = Voice("piper", rate=1.35)  # about 230 wpm


def test_speech_at_300_words_a_minute_fits_a_windows_budget(analyzer):
    tokenizer = analyzer.transcriber.model.hf_tokenizer
    words = " ".join(SENTENCES * 4).split()
    for seconds in (10.0, 30.0):
        said = words[: int(300 / 60 * seconds)]  # 300 wpm: faster than anyone answers a panel
        text = " " + " ".join(said)
        # Whisper's timestamps: a pair around each segment, about one per sentence.
        timestamps = 2 * (text.count(".") + text.count(";") + 1)
        tokens = len(tokenizer.encode(text, add_special_tokens=False).ids) + timestamps
        assert tokens <= 0.8 * token_budget(seconds), (seconds, tokens)


def test_fast_speech_is_transcribed_the_same_with_the_budget_and_without(analyzer, monkeypatch):
    answer = build_answer([(s, 0.3) for s in SENTENCES], lead_s=0.3, voice=FAST)
    chunk = Chunk(0.0, len(answer.samples) / 16000)
    assert chunk.end < 30.0
    bounded = analyzer.transcriber.transcribe_chunk(answer.samples, chunk)
    monkeypatch.setattr(whisper, "token_budget", lambda seconds: 380)
    unbounded = analyzer.transcriber.transcribe_chunk(answer.samples, chunk)
    assert len(bounded) >= 60
    assert [(w.text, w.start) for w in bounded] == [(w.text, w.start) for w in unbounded]


def test_a_long_prompt_a_user_wrote_still_leaves_the_model_room(analyzer, monkeypatch):
    # Whisper keeps at most 223 tokens of a prompt; with a 25-s window's budget on top of them, the
    # model's 448 would be exceeded and faster-whisper would refuse to transcribe. (Greedy: the room
    # left by the prompt is under test here, not the beam.)
    answer = build_answer([(s, 0.3) for s in SENTENCES], lead_s=0.3, voice=FAST)
    samples = np.concatenate([answer.samples, np.zeros(int(25 * 16000) - len(answer.samples), np.float32)])
    long_prompt = " ".join(SENTENCES * 8)
    assert len(analyzer.transcriber.model.hf_tokenizer.encode(long_prompt).ids) > 300
    monkeypatch.setattr(analyzer.transcriber, "options", replace(analyzer.transcriber.options, filler_prompt=long_prompt))
    words = analyzer.transcriber.transcribe_chunk(samples, Chunk(0.0, 25.0), beam_size=1)
    assert len(words) >= 40
