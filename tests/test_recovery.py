"""Speech the first pass left without words is transcribed again (real model): words the model
lost come back, and nothing there is ever measured as a pause."""

from dataclasses import replace

import pytest
from speech import build_answer

from voicecoach.analysis.tokens import normalise
from voicecoach.audio.activity import detect_speech

pytestmark = pytest.mark.model

SCRIPT = [
    ("So the first thing I would look at is the retention curve for new listeners.", 0.4),
    ("Then I would split it by acquisition channel, because paid users churn faster.", 0.3),
    ("If the drop happens in week two, I would check the recommendations.", 0.4),
    ("And I would ship it if retention goes up by at least one point.", 0.0),
]


@pytest.fixture(scope="module")
def answer():
    return build_answer(SCRIPT, lead_s=1.0)


def test_words_the_first_pass_lost_are_found_again_and_no_pause_is_made_of_them(analyzer, answer):
    timeline = detect_speech(answer.samples, analyzer.settings.speech_detection)
    transcript = analyzer.transcriber.transcribe(answer.samples, timeline.spans)
    # The model "stopped early": everything said in the second and third sentences is lost.
    lost_from, lost_to = answer.spoken[1].start, answer.spoken[2].end
    kept = [w for w in transcript.words if not lost_from <= (w.start + w.end) / 2 <= lost_to]
    assert len(transcript.words) - len(kept) >= 20

    report = analyzer.report(replace(transcript, words=kept), timeline, answer.samples, "lost")
    said = " ".join(s.text for s in answer.spoken)
    words = [normalise(w.text) for w in report.words if w.kind == "word"]
    assert len(words) == pytest.approx(len(said.split()), abs=2)
    assert "acquisition" in words or "channel" in words
    assert report.unrecognised_speech == []
    assert report.metrics.long_pause_count == 0 and report.metrics.longest_pause_s < 0.6


def test_the_same_audio_gives_the_same_report_every_time(analyzer, answer):
    first = analyzer.analyze_samples(answer.samples, "a").to_dict()
    second = analyzer.analyze_samples(answer.samples, "a").to_dict()
    assert first == second
