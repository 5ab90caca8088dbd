import pytest

from voicecoach.analysis.length import judge_length
from voicecoach.analysis.pace import measure_pace
from voicecoach.options import AnalysisOptions

OPTIONS = AnalysisOptions()


def test_pace_counts_words_over_the_answer_and_over_speaking_time():
    pace = measure_pace(word_count=260, answer_s=120.0, pause_s=20.0, options=OPTIONS)
    assert pace.wpm == pytest.approx(130.0)
    assert pace.articulation_wpm == pytest.approx(156.0)
    assert pace.verdict == "in band"


@pytest.mark.parametrize("words, verdict", [(180, "slow"), (200, "in band"), (330, "in band"), (340, "fast")])
def test_pace_band(words, verdict):
    assert measure_pace(words, 120.0, 0.0, OPTIONS).verdict == verdict


def test_no_words_no_pace():
    assert measure_pace(0, 0.0, 0.0, OPTIONS).verdict == "n/a"


@pytest.mark.parametrize(
    "answer_s, verdict, delta",
    [(0.0, "no speech", -120.0), (60.0, "short", -60.0), (95.0, "on target", -25.0),
     (125.0, "on target", 5.0), (131.0, "over", 11.0), (200.0, "over", 80.0)],
)
def test_length_against_two_minutes(answer_s, verdict, delta):
    length = judge_length(answer_s, OPTIONS)
    assert (length.verdict, length.delta_s) == (verdict, pytest.approx(delta))


def test_length_target_is_configurable():
    assert judge_length(50.0, AnalysisOptions(target_s=60.0)).verdict == "on target"
