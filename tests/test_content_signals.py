"""Content signals on transcripts written for the tests: positives, near-miss negatives, exact times.
Words are laid out by `words_at`: word k starts at 1.0 + 0.3 k s."""

import pytest
from builders import words_at

from voicecoach.analysis.confidence import find_confidence
from voicecoach.analysis.content import find_signals
from voicecoach.options import AnalysisOptions
from voicecoach.settings import load_lexicons

LEXICONS = load_lexicons()


def signals_of(text, category="", start=1.0, target_s=120.0, word_s=0.3):
    words = words_at(text, start=start, word_s=word_s)
    confidence = find_confidence(words, LEXICONS.confidence, AnalysisOptions())
    return find_signals(words, set(), confidence, LEXICONS.signals, start, target_s, category)


def at(k: int) -> float:
    return pytest.approx(1.0 + 0.3 * k)


def texts(phrases):
    return [p.text for p in phrases]


# Metric-first framing

def test_metric_named_first_and_when():
    s = signals_of("I would optimise weekly active minutes. Then I would look at skip rate.")
    assert texts(s.metric_framing.metrics) == ["weekly active minutes", "skip rate"]
    assert s.metric_framing.metrics[0].start == at(3) and s.metric_framing.early


def test_liking_metrics_is_not_a_metric():
    s = signals_of("I like metrics. Metrics are important to me.", category="product_sense")
    assert s.metric_framing.metrics == [] and "metric_first" in s.missing
    assert any("none was named" in t.text for t in s.tips)


def test_a_metric_after_two_sentences_and_20_seconds_is_late():
    filler = "We talked about the project for a while. It was a long story. " + "and then " * 40
    s = signals_of(filler + "retention went up.", category="product_sense")
    assert texts(s.metric_framing.metrics) == ["retention"] and not s.metric_framing.early
    tip = next(t for t in s.tips if t.signal == "metric_first")
    assert "Lead with the success metric" in tip.text and tip.start == s.metric_framing.metrics[0].start


# Experiments and decision rules

def test_ab_test_holdout_and_control_group():
    s = signals_of("We ran an A/B test with a holdout, and compared it to the control group.")
    assert texts(s.experiments) == ["A/B test", "holdout", "control group"]
    assert s.experiments[0].start == at(3)


def test_we_tested_it_is_not_an_experiment():
    s = signals_of("We tested it and it looked fine.", category="product_sense")
    assert s.experiments == [] and "experiment" in s.missing


def test_decision_rule_needs_a_condition_a_threshold_and_an_action():
    s = signals_of("If minutes go up by at least 1%, we roll out to 20%.")
    assert texts(s.decision_rules) == ["If minutes go up by at least 1% we roll out to 20%"]
    assert (s.decision_rules[0].start, s.decision_rules[0].end) == (at(0), at(13))  # 13 words


@pytest.mark.parametrize("text", [
    "If it works, we roll out.",  # no threshold
    "Minutes went up by 1%, and we were happy.",  # no condition, no action
    "If minutes go up by 1%, that is interesting.",  # no action
])
def test_near_miss_decision_rules(text):
    assert signals_of(text).decision_rules == []


# Quantified impact

def test_quantities_with_units_and_scale():
    s = signals_of("Latency fell by 200 ms, retention rose 12%, and sessions doubled for two million users.")
    assert texts(s.quantities) == ["200 ms", "12%", "doubled", "two million users"]
    assert s.quantities[0].start == at(3)


def test_a_number_without_a_unit_is_not_a_quantity():
    s = signals_of("It is a two stage system with one model, and I have three ideas.")
    assert s.quantities == []


# Trade-offs

def test_tradeoffs_name_both_sides():
    s = signals_of("The trade-off is latency versus relevance, at the cost of some recall.")
    assert texts(s.tradeoffs) == ["trade-off", "latency versus relevance", "at the cost of"]


def test_no_tradeoff_language():
    s = signals_of("We trade songs with friends and off we go.", category="ml_system_design")
    assert s.tradeoffs == [] and "tradeoffs" in s.missing


# STAR

BEHAVIORAL = ("When I was at my previous company, the goal was to cut churn. I decided to build a "
              "retention dashboard. As a result churn fell by 8% in two quarters. Next time I would "
              "involve sales earlier.")


def test_star_parts_and_quantified_result():
    s = signals_of(BEHAVIORAL, category="behavioral")
    star = s.star
    assert texts(star.situation) == ["When I was", "at my previous"]
    assert texts(star.task) == ["the goal was"]
    assert texts(star.action) == ["I decided"]
    assert texts(star.result) == ["As a result"]
    assert texts(star.reflection) == ["Next time"]
    assert star.result_quantified and star.missing == []
    assert s.missing == []


def test_star_without_result():
    s = signals_of("At my last job the goal was to fix onboarding. I built a new flow.", category="behavioral")
    assert s.star.missing == ["result"]
    assert "star" in s.missing and any(t.text == "STAR: add result." for t in s.tips)


def test_result_without_a_number_is_not_quantified():
    s = signals_of("When I was there I decided to ship it. As a result things got better.")
    assert s.star.result and not s.star.result_quantified


# Rambling

def test_repeated_phrases_and_restarts():
    s = signals_of("The key thing is speed. The key thing is cost. So we, so we built it. "
                   "The key thing is trust.")
    assert [(r.text, len(r.starts)) for r in s.rambling.repeated] == [("the key thing is", 3)]
    assert s.rambling.repeated[0].starts == [at(0), at(5), at(16)]
    assert texts(s.rambling.restarts) == ["So we so we"]


def test_running_long_without_new_content():
    text = ("Recall matters because users want relevant songs quickly. " * 2
            + "recall matters users want relevant songs " * 6)
    s = signals_of(text, target_s=10.0)
    assert s.rambling.running_long and s.rambling.overtime_new_content < 0.3
    assert any("wrap up" in t.text for t in s.tips)


def test_new_content_past_the_target_is_not_rambling():
    s = signals_of("First we cover retention. Then latency budgets, caching, embeddings, "
                   "monitoring, rollback plans, fairness audits and cost.", target_s=3.0)
    assert not s.rambling.running_long


# Confidence calibration tips

# Decision matrix and lean first

def test_a_decision_matrix_names_impact_confidence_and_effort():
    s = signals_of("The impact is two points of retention, the risk is low and it takes two engineer weeks.",
                   category="product_sense")
    m = s.decision_matrix
    assert (texts(m.impact), texts(m.confidence), texts(m.effort)) == (["impact"], ["the risk"], ["engineer weeks"])
    assert m.effort[0].start == at(15) and "decision_matrix" not in s.missing


def test_a_matrix_missing_a_layer_gets_a_tip_that_names_it():
    s = signals_of("The impact is big and the effort is small.", category="product_sense")
    assert s.decision_matrix.missing == ["confidence"] and "decision_matrix" in s.missing
    [tip] = [t for t in s.tips if t.signal == "decision_matrix"]
    assert tip.text == "Weigh the proposal on confidence as well: you named impact and effort."


def test_lean_first_counts_the_components_named_before_the_minimal_change():
    lean = signals_of("I would start with a popularity baseline, then add a feature store and a two tower model, "
                      "and later a vector database.", category="ml_system_design").lean_first
    assert texts(lean.components) == ["feature store", "two tower", "vector database"]
    assert lean.minimal.text == "popularity baseline" and lean.minimal.start == at(5) and not lean.bloated
    # Starting with the metric proposes nothing to build.
    assert signals_of("I would start with the metric, then add a feature store.").lean_first.minimal is None


def test_three_components_before_any_minimal_change_is_bloat():
    s = signals_of("We need kafka, a feature store, and a graph neural network. We could start simple.",
                   category="ml_system_design")
    assert s.lean_first.bloated and "lean_first" in s.missing
    [tip] = [t for t in s.tips if t.signal == "lean_first"]
    assert tip.start == at(2) and "3 components named, starting with 'kafka" in tip.text
    # Two components before it stay within signals.toml's max_components_first.
    assert not signals_of("We need kafka and a feature store, but start simple.").lean_first.bloated


def test_early_hedges_and_overconfidence_tips():
    s = signals_of("I think maybe this might work. I know this will double engagement, obviously.")
    tips = [t.text for t in s.tips if t.signal == "confidence"]
    assert tips[0].startswith("3 hedges in the first 30 s ('I think' 1.0 s, 'maybe' 1.6 s, 'might' 2.2 s)")
    assert tips[1].startswith("'I know this will double engagement' at 2.8 s reads as over-confident")
    assert tips[2].startswith("'obviously' at 4.6 s reads as over-confident")


def test_calibrated_confidence_gets_no_tip():
    s = signals_of("I'm confident it will help, pending validation in the experiment.")
    assert [t for t in s.tips if t.signal == "confidence"] == []


def test_expected_signals_come_from_the_category():
    s = signals_of("Hello.", category="metrics_experimentation")
    assert s.expected == ["metric_first", "experiment", "decision_rule"]
    assert s.missing == s.expected and len(s.tips) == 3
    assert signals_of("Hello.").expected == []
