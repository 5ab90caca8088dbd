"""The real model and analyzer on synthesized answers whose pauses and fillers are known exactly."""

import pytest
from speech import build_answer

from voicecoach.analysis.fillers import AUDIO_FILLER_TEXT
from voicecoach.analysis.tokens import normalise

pytestmark = pytest.mark.model

BOUNDARY_S = 0.25  # the tolerance on pause edges

SCRIPT = [
    ("So the metric I would pick first is weekly active minutes per listener.", 0.6),
    ("Um.", 0.7),
    ("Then I would run an experiment against a holdout group for two weeks.", 6.5),  # long
    ("I think this might work, but I'm not sure yet.", 4.6),  # near miss: not long
    ("Uh.", 0.6),
    ("I know this will double engagement.", 8.0),  # long
    ("The trade-off is latency against relevance in the ranking stage.", 1.0),
    ("Like.", 1.0),
    ("We would definitely ship it to everyone after the test.", 0.0),
]
FILLERS = {"Um.", "Uh.", "Like."}


@pytest.fixture(scope="module")
def answer():
    return build_answer(SCRIPT, lead_s=2.0)


@pytest.fixture(scope="module")
def report(analyzer, answer):
    import numpy as np

    padded = np.concatenate([answer.samples, np.zeros(16000 * 2, np.float32)])  # 2 s after the answer
    return analyzer.analyze_samples(padded, "synthesized")


def test_long_pauses_found_with_their_boundaries(report, answer):
    truth = [(s, e) for s, e in answer.silences() if e - s > 5.0]
    found = [p for p in report.pauses if p.long]
    assert len(found) == len(truth) == 2
    for pause, (start, end) in zip(found, truth):
        assert pause.start == pytest.approx(start, abs=BOUNDARY_S)
        assert pause.end == pytest.approx(end, abs=BOUNDARY_S)


def test_every_pause_is_found_and_the_near_miss_is_not_long(report, answer):
    for start, end in answer.silences():
        match = [p for p in report.pauses if abs(p.start - start) <= BOUNDARY_S and abs(p.end - end) <= BOUNDARY_S]
        assert match, f"no pause found for the silence {start:.2f}-{end:.2f}"
        assert match[0].long == (end - start > 5.0)
    near_miss = next(p for p in report.pauses if abs(p.duration - 4.6) < 0.3)
    assert not near_miss.long


def test_think_time_and_answer_length(report, answer):
    assert report.think_time_s == pytest.approx(answer.onset, abs=BOUNDARY_S)
    assert report.answer_s == pytest.approx(answer.offset - answer.onset, abs=0.3)


def test_fillers(report, answer):
    """Each filler where it was said; a filled pause Whisper wrote no word for is found in the audio."""
    assert [f.kind for f in report.fillers] == ["filled_pause", "filled_pause", "discourse"]
    for filler, said in zip(report.fillers, ["um", "uh", "like"]):
        assert filler.text.lower() == (said if filler.source == "transcript" else AUDIO_FILLER_TEXT)
    spoken = {s.text: s for s in answer.spoken}
    for filler, text in zip(report.fillers, ["Um.", "Uh.", "Like."]):
        assert filler.start == pytest.approx(spoken[text].start, abs=BOUNDARY_S)


def test_hedges_and_boosters(report):
    assert [h.text for h in report.hedges] == ["I think", "might", "I'm not sure"]
    assert [b.text for b in report.boosters] == ["I know this will", "definitely"]


def test_pace_within_five_percent(report, answer):
    lexical = sum(len([w for w in text.split() if normalise(w)]) for text, _ in SCRIPT if text not in FILLERS)
    truth_wpm = lexical / ((answer.offset - answer.onset) / 60)
    assert report.metrics.wpm == pytest.approx(truth_wpm, rel=0.05)


def test_the_trailing_silence_invents_no_words(report, answer):
    assert all(w.end <= answer.offset + BOUNDARY_S for w in report.words)
