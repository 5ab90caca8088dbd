"""Content signals through the real model and analyzer, on a synthesized answer whose phrases and
their times are known."""

import pytest
from speech import build_answer

pytestmark = pytest.mark.model

SCRIPT = [
    ("The success metric I would use is weekly active minutes.", 0.8),
    ("I would run a controlled experiment with a control group for two weeks.", 0.8),
    ("If minutes go up by at least one percent, we roll out to twenty percent.", 1.2),
    ("The trade off is latency against relevance.", 0.8),
    ("I know this will double engagement.", 0.5),
]
SLACK_S = 0.3  # a finding lies inside the phrase that says it, give or take this


@pytest.fixture(scope="module")
def answer():
    return build_answer(SCRIPT, lead_s=1.5)


@pytest.fixture(scope="module")
def report(analyzer, answer):
    return analyzer.analyze_samples(answer.samples, "synthesized", category="metrics_experimentation")


def within(phrase, spoken):
    return spoken.start - SLACK_S <= phrase.start and phrase.end <= spoken.end + SLACK_S


def test_metric_first(report, answer):
    framing = report.signals.metric_framing
    assert framing.metrics[0].text.lower() == "weekly active minutes"
    assert within(framing.metrics[0], answer.spoken[0]) and framing.early


def test_experiment_and_decision_rule(report, answer):
    signals = report.signals
    assert [p.text.lower() for p in signals.experiments] == ["controlled experiment", "control group"]
    assert all(within(p, answer.spoken[1]) for p in signals.experiments)
    assert len(signals.decision_rules) == 1 and within(signals.decision_rules[0], answer.spoken[2])


def test_quantities_and_tradeoff(report, answer):
    signals = report.signals
    by_phrase = [[q.text for q in signals.quantities if within(q, s)] for s in answer.spoken]
    assert by_phrase[1] == ["two weeks"] and len(by_phrase[2]) == 2 and by_phrase[4] == ["double"]
    assert [t.text.lower() for t in signals.tradeoffs] == ["trade off"]
    assert within(signals.tradeoffs[0], answer.spoken[3])


def test_no_invented_words_after_the_answer(report):
    # Whisper appends "Thank you very much." here; none of it has speech under it.
    assert report.words[-1].text == "engagement."


def test_every_expected_signal_is_there_and_the_booster_gets_its_tip(report, answer):
    signals = report.signals
    assert signals.expected == ["metric_first", "experiment", "decision_rule"] and signals.missing == []
    [tip] = signals.tips
    assert tip.signal == "confidence" and tip.text.startswith("'I know this will double engagement'")
    assert tip.start == pytest.approx(answer.spoken[4].start, abs=0.25)
