"""The real model and analyzer on answers that open with a filled pause, in three synthetic voices:
Whisper often stamps the first word over the "uh" before it ("Uh. [0.3 s] The first" becomes
"The" from the "uh" on); the filler is still found, where it was said. And on answers with an "uh" that
Whisper leaves out, between two short silences inside one stretch of speech."""

import numpy as np
import pytest
from speech import Voice, build_answer

from voicecoach.audio.decode import SAMPLE_RATE

pytestmark = pytest.mark.model

SCRIPTS = [
    [("Uh.", 0.3), ("The first thing I would check is whether the drop is real.", 0.6), ("Um.", 0.4),
     ("then we look at retention.", 0.0)],
    [("Um.", 0.4), ("So the metric I would pick first is weekly active minutes.", 0.5), ("Uh.", 0.3),
     ("we compare it with a holdout.", 0.0)],
]
VOICES = [Voice("piper"), Voice("espeak", name="en-us"), Voice("flite", name="slt")]


@pytest.mark.parametrize("voice", VOICES, ids=lambda v: v.engine)
@pytest.mark.parametrize("script", SCRIPTS, ids=["uh-the", "um-so"])
def test_an_answer_that_opens_with_a_filled_pause(analyzer, voice, script):
    answer = build_answer(script, lead_s=1.0, voice=voice)
    noise = 10 ** (-55 / 20) * np.random.default_rng(0).standard_normal(len(answer.samples) + SAMPLE_RATE)
    report = analyzer.analyze_samples((np.pad(answer.samples, (0, SAMPLE_RATE)) + noise).astype(np.float32))
    said = [s for s in answer.spoken if s.text in ("Uh.", "Um.")]
    found = [f for f in report.fillers if f.kind == "filled_pause"]
    assert len(found) == len(said), [(f.text, f.start) for f in found]
    assert found[0].start == pytest.approx(said[0].start, abs=0.25)
    assert report.answer_start_s == pytest.approx(answer.onset, abs=0.25)
    # The second one is found too, at most as late as Whisper stamps a filler it did not place.
    assert 0 <= found[1].start - said[1].start <= 0.7
    assert report.answer_end_s == pytest.approx(answer.offset, abs=0.25)


# Whisper writes no "uh" here (tiny.en): Silero hears "Otherwise, uh, we" as one region, and the
# "uh" is only a part of it, set apart by a silence of 0.15 s on each side.
BETWEEN_SILENCES = [("We could cache the results for a day.", 0.6), ("Otherwise", 0.15), ("Uh.", 0.15),
                    ("we serve them from memory.", 0.0)]


@pytest.mark.parametrize("voice", [Voice("piper", 1.25), Voice("festival")], ids=["piper-x1.25", "festival"])
def test_a_filled_pause_between_two_short_silences_inside_speech(analyzer, voice):
    answer = build_answer(BETWEEN_SILENCES, lead_s=1.0, voice=voice)
    noise = 10 ** (-55 / 20) * np.random.default_rng(0).standard_normal(len(answer.samples) + SAMPLE_RATE)
    report = analyzer.analyze_samples((np.pad(answer.samples, (0, SAMPLE_RATE)) + noise).astype(np.float32))
    uh = answer.spoken[2]
    found = [f for f in report.fillers if f.kind == "filled_pause"]
    assert [(f.start, f.end) for f in found] == [
        (pytest.approx(uh.start, abs=0.05), pytest.approx(uh.end, abs=0.05))], [(f.text, f.start) for f in found]
    assert not any(w.kind == "filler" for w in report.words)  # no word was taken for it


# "with, um, the": Whisper stretches "with" over the "um" and writes the "um" after it, where the
# next words begin; the "um" falls (espeak-ng), so no level pitch marks it.
STRETCHED_OVER = [("The decision rule is to ship if retention goes up by one point.", 0.6),
                  ("We would compare it with", 0.15), ("Um.", 0.15), ("the current ranker on last month's data.", 0.0)]


@pytest.mark.parametrize("rate", [1.0, 1.25])
def test_a_falling_um_written_after_its_sound_is_put_back_on_it(analyzer, rate):
    answer = build_answer(STRETCHED_OVER, lead_s=1.0, voice=Voice("espeak", rate, "en-us"))
    noise = 10 ** (-50 / 20) * np.random.default_rng(0).standard_normal(len(answer.samples) + SAMPLE_RATE)
    report = analyzer.analyze_samples((np.pad(answer.samples, (0, SAMPLE_RATE)) + noise).astype(np.float32))
    um = answer.spoken[2]
    found = [f for f in report.fillers if f.kind == "filled_pause"]
    assert [f.start for f in found] == [pytest.approx(um.start, abs=0.1)], [(f.text, f.start, f.end) for f in found]
    with_ = next(w for w in report.words if w.text.strip(",.").lower() == "with")
    assert with_.end <= found[0].start + 0.05  # the word before gave the filler its sound back
