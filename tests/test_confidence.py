import pytest
from builders import words_at

from voicecoach.analysis.confidence import confidence_verdict, find_confidence
from voicecoach.options import AnalysisOptions
from voicecoach.settings import load_lexicons

LEXICON = load_lexicons().confidence
OPTIONS = AnalysisOptions()


def found(text):
    result = find_confidence(words_at(text), LEXICON, OPTIONS)
    return ([h.text for h in result.hedges], [b.text for b in result.boosters],
            [c.text for c in result.calibrated])


def test_hedges():
    assert found("I think this might work, but I'm not sure.") == (["I think", "might", "I'm not sure"], [], [])


def test_boosters_longest_match_first():
    assert found("I know this will double engagement. It's definitely the right call.") == (
        [], ["I know this will", "definitely"], []
    )


def test_not_sure_is_a_hedge_not_a_booster():
    assert found("I am not sure about that") == (["I am not sure"], [], [])


def test_calibrated_confidence_is_recognised():
    assert found("I'm confident this will lift retention, pending validation in an A/B test.") == (
        [], [], ["I'm confident"]
    )
    assert found("Based on the holdout results, I'm certain it helps.") == ([], [], ["I'm certain"])


def test_phrase_times():
    result = find_confidence(words_at("Well I think so", start=2.0), LEXICON, OPTIONS)
    assert (result.hedges[0].start, result.hedges[0].end) == (pytest.approx(2.3), pytest.approx(2.9))


@pytest.mark.parametrize(
    "hedges, boosters, minutes, verdict",
    [(0, 0, 2.0, "balanced"), (10, 1, 2.0, "hedging"), (3, 3, 2.0, "balanced"),
     (0, 3, 2.0, "over-confident"), (1, 0, 0.2, "balanced"), (0, 1, 0.2, "over-confident"),
     (0, 0, 0.0, "n/a")],
)
def test_verdict(hedges, boosters, minutes, verdict):
    assert confidence_verdict(hedges, boosters, minutes, OPTIONS) == verdict
