"""Trade-off timing (voicecoach.analysis.constraint_timing) over constructed words, and the bank
field that carries a constraint."""

import pytest
from builders import words_at

from voicecoach.analysis.constraint_timing import (
    ACKNOWLEDGED_FIRST,
    NOT_ACKNOWLEDGED,
    TRADEOFFS_FIRST,
    Constraint,
    check_constraint,
    constraint_of,
)
from voicecoach.analysis.content.tradeoffs import find_tradeoffs
from voicecoach.analysis.tokens import tokenize
from voicecoach.banks import Question, parse_bank
from voicecoach.settings import load_lexicons

SIGNALS = load_lexicons().signals
BUDGET = Constraint("Playlist generation must stay under 100 milliseconds.", 10.0,
                    ("100 milliseconds", "latency", "budget", "latency cap"))


def check(text: str, constraint: Constraint = BUDGET):
    words = words_at(text, start=0.0, word_s=0.5)
    return check_constraint(words, constraint, find_tradeoffs(words, tokenize(words), SIGNALS))


# 20 words of opening (0-10 s) come before the constraint is stated at 10 s.
OPENING = "I would start from the skip rate of each listener and look at which playlists lose people first each day. "


def test_given_the_latency_cap_before_the_tradeoff_is_acknowledged_first():
    result = check(OPENING + "Given the latency cap, the trade-off is a smaller model against relevance.")
    assert result.verdict == ACKNOWLEDGED_FIRST and result.tip == ""
    assert result.acknowledged.text == "latency cap" and result.acknowledged.start == pytest.approx(11.0)
    assert result.first_tradeoff.start > result.acknowledged.start


def test_latency_named_only_after_proposing_does_not_count():
    result = check(OPENING + "The trade-off is depth against freshness, and we keep latency low.")
    assert result.verdict == TRADEOFFS_FIRST
    assert result.first_tradeoff.start == pytest.approx(10.5) and result.acknowledged.text == "latency"
    assert result.tip.startswith("“trade-off” at 10.5 s came before the constraint was named (“latency” at 14.5 s)")


def test_never_named_and_named_before_it_was_stated():
    assert check(OPENING + "The trade-off is depth against freshness.").verdict == NOT_ACKNOWLEDGED
    # "latency" in the opening, before the interviewer said anything, is not taking it in.
    early = "Latency matters and I would start from the skip rate of each listener and what loses them. "
    result = check(early + "The trade-off is depth against freshness.")
    assert result.verdict == NOT_ACKNOWLEDGED and result.acknowledged is None
    assert "never named it" in result.tip and " at 10.0 s and" in result.tip  # the time as every report writes it


def test_acknowledged_with_no_tradeoff_at_all():
    result = check(OPENING + "With a 100 milliseconds budget I would precompute the candidates.")
    assert result.verdict == ACKNOWLEDGED_FIRST and result.first_tradeoff is None
    assert result.acknowledged.text == "100 milliseconds"


def test_a_stored_check_gives_back_its_constraint():
    assert constraint_of(check(OPENING)) == BUDGET and constraint_of(None) is None


def test_a_bank_question_carries_its_constraint(tmp_path):
    path = tmp_path / "bank.toml"
    path.write_text('[bank]\nid = "b"\nname = "B"\n\n[[questions]]\nid = "q1"\ncategory = "latency_relevance"\n'
                    'text = "How would you rank playlists?"\n[questions.constraint]\n'
                    'text = "Stay under 100 ms."\nafter_s = 30\nterms = ["100 ms", "latency"]\n')
    [question] = parse_bank(path).questions
    assert question.constraint == Constraint("Stay under 100 ms.", 30.0, ("100 ms", "latency"))
    from dataclasses import asdict

    assert Question.from_dict(asdict(question)) == question  # a recording's note keeps it
    path.write_text(path.read_text().replace("after_s = 30", "after_s = 500"))
    with pytest.raises(ValueError, match=r"bank.toml:\d+: constraint after_s must be .* from 0 to the target"):
        parse_bank(path)


@pytest.mark.model
def test_trade_off_timing_through_the_model(analyzer):
    """A spoken answer: the interviewer states the budget at 8 s; one take names it before its
    trade-off, the other weighs options first."""
    import numpy as np
    from speech import build_answer

    opening = [("I would start from the skip rate of each listener.", 0.6),
               ("Then I would look at which playlists lose people first.", 1.2)]
    first = build_answer(opening + [("Given the latency budget, the trade off is a smaller model against relevance.",
                                      1.0)], lead_s=1.0)
    late = build_answer(opening + [("The trade off is a deeper model against freshness.", 0.6),
                                   ("And we keep the latency low.", 1.0)], lead_s=1.0)
    constraint = Constraint("Stay under 100 milliseconds.", first.spoken[2].start - 0.5, ("latency", "budget"))
    for answer, verdict in ((first, ACKNOWLEDGED_FIRST), (late, TRADEOFFS_FIRST)):
        report = analyzer.analyze_samples(np.pad(answer.samples, (0, 16000)), constraint=constraint)
        assert report.constraint.verdict == verdict
        assert report.constraint.acknowledged.start == pytest.approx(
            next(s.start for s in answer.spoken if "latency" in s.text), abs=2.5)
        assert report.constraint.first_tradeoff.start >= constraint.after_s


def test_a_recording_stopped_before_the_cue_is_not_checked():
    from voicecoach.analysis import analyze
    from voicecoach.timeline import SpeechRegion, SpeechTimeline
    from voicecoach.transcript import Transcript

    words = words_at(OPENING, start=0.0, word_s=0.5)  # 0-10 s
    heard = SpeechTimeline(10.5, [SpeechRegion(0.0, 10.0)])
    lexicons = load_lexicons()
    assert analyze(Transcript(words), heard, lexicons, constraint=BUDGET).constraint is not None
    later = Constraint(BUDGET.text, 12.0, BUDGET.terms)
    assert analyze(Transcript(words), heard, lexicons, constraint=later).constraint is None
