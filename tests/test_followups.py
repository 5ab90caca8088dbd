"""Follow-up questions (voicecoach.analysis.followups): the rules over constructed answers, the
lexicon's checks, and `voicecoach analyze --json` through the real model."""

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from builders import speech_under, words_at

from voicecoach.analysis import analyze
from voicecoach.analysis.lexicon import FollowUpLexicon
from voicecoach.options import AnalysisOptions
from voicecoach.settings import load_lexicons
from voicecoach.transcript import Transcript

LEXICONS = load_lexicons()


def follow_ups(text: str, options: AnalysisOptions = AnalysisOptions(), lexicons=LEXICONS, word_s: float = 0.3):
    words = words_at(text, start=1.0, word_s=word_s)
    report = analyze(Transcript(words, model="test"), speech_under(words, words[-1].end + 1.0), lexicons, options)
    return [(f.rule, f.evidence) for f in report.follow_ups]


def test_a_result_with_no_decision_rule_asks_what_it_decided():
    [(rule, evidence)] = follow_ups("Our CTR went up by 2% after the launch of the new shelf.")
    assert rule == "decision_rule" and evidence.startswith("\u201c2%\u201d at ")


def test_a_decision_rule_answers_it_and_a_bold_claim_asks_for_evidence():
    asked = follow_ups("Retention is the metric. I know this will double engagement. "
                       "If retention rises by 1% we roll out to everyone.")
    assert [rule for rule, _ in asked] == ["evidence"]
    assert "I know this will" in asked[0][1]


def test_no_metric_and_hedging_ask_for_a_measure_and_a_recommendation():
    asked = follow_ups("I think maybe it might possibly work, I guess, perhaps it could help somewhat.")
    assert [rule for rule, _ in asked] == ["metric", "recommend"]
    assert asked[0][1] == "no success metric named" and "hedges in" in asked[1][1]


def test_an_answer_over_its_target_asks_for_the_short_version():
    text = " ".join(["Retention is the metric and we track it weekly."] * 8)
    asked = follow_ups(text, AnalysisOptions(target_s=10.0, over_grace_s=0.0))
    assert ("shorter", asked[-1][1]) == asked[-1] and "against a 10.0 s target" in asked[-1][1]


def test_order_and_count_come_from_the_lexicon():
    text = "I think maybe it might possibly work, I guess, perhaps it could help somewhat."
    only_one = replace(LEXICONS, follow_ups=replace(LEXICONS.follow_ups, max=1))
    assert [rule for rule, _ in follow_ups(text, lexicons=only_one)] == ["metric"]
    reordered = replace(LEXICONS, follow_ups=FollowUpLexicon(
        (("recommend", "Decide."), ("metric", "Measure?")), 2))
    assert [rule for rule, _ in follow_ups(text, lexicons=reordered)] == ["recommend", "metric"]


def test_a_bad_follow_up_file_is_named():
    with pytest.raises(ValueError, match="f.toml: unknown follow-up rule 'vibes'; rules are decision_rule"):
        FollowUpLexicon.from_dict({"follow_up": [{"rule": "vibes", "text": "?"}]}, "f.toml")
    with pytest.raises(ValueError, match="max must be a whole number"):
        FollowUpLexicon.from_dict({"max": "two"}, "f.toml")


@pytest.mark.model
def test_analyze_json_lists_the_follow_ups_with_stable_rule_ids():
    sample = Path(__file__).resolve().parents[1] / "examples" / "sample-answer.flac"
    result = subprocess.run([sys.executable, "-m", "voicecoach", "analyze", str(sample), "--json"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    asked = json.loads(result.stdout)["follow_ups"]
    # The sample claims "I know this will double engagement" and quotes numbers, with no decision rule.
    assert [f["rule"] for f in asked] == ["decision_rule", "evidence"]
    assert asked[1]["text"] == "What evidence supports that?" and "I know this will" in asked[1]["evidence"]
    assert all(isinstance(f["start"], float) for f in asked)
