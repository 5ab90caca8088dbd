"""All content signals of one answer, the expected ones that are missing, and the tips."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from voicecoach.analysis.confidence import ConfidenceFindings
from voicecoach.analysis.content.coaching import calibration_tips, missing_signal_tips, rambling_tips
from voicecoach.analysis.content.decision_matrix import find_decision_matrix
from voicecoach.analysis.content.experiment import find_decision_rules, find_experiments
from voicecoach.analysis.content.framing import find_metric_framing
from voicecoach.analysis.content.lean_first import find_lean_first
from voicecoach.analysis.content.quantities import find_quantities
from voicecoach.analysis.content.rambling import find_rambling
from voicecoach.analysis.content.star import find_star
from voicecoach.analysis.content.tradeoffs import find_tradeoffs
from voicecoach.analysis.lexicon import SignalsLexicon
from voicecoach.analysis.tokens import tokenize
from voicecoach.report import MATRIX_LAYERS, ContentSignals, Phrase
from voicecoach.transcript import Word


def present_signals(signals: ContentSignals) -> set[str]:
    """The content signals the answer has (signals.toml names)."""
    present = set()
    if signals.metric_framing.metrics and signals.metric_framing.early:
        present.add("metric_first")
    if signals.experiments:
        present.add("experiment")
    if signals.decision_rules:
        present.add("decision_rule")
    if signals.quantities:
        present.add("quantified_impact")
    if signals.tradeoffs:
        present.add("tradeoffs")
    if not signals.star.missing and signals.star.result_quantified:
        present.add("star")
    if not signals.decision_matrix.missing:
        present.add("decision_matrix")
    if signals.lean_first.minimal is not None and not signals.lean_first.bloated:
        present.add("lean_first")
    return present


def find_signals(
    words: Sequence[Word],
    filler_indices: set[int],
    confidence: ConfidenceFindings,
    lexicon: SignalsLexicon,
    answer_start: float,
    target_s: float,
    category: str = "",
) -> ContentSignals:
    """`words`: the reconciled words; `category`: the question's category, whose expected signals
    (signals.toml [expected]) become tips when missing."""
    tokens = tokenize(words)
    signals = ContentSignals(
        metric_framing=find_metric_framing(words, tokens, lexicon, answer_start),
        experiments=find_experiments(words, tokens, lexicon),
        decision_rules=find_decision_rules(words, tokens, lexicon),
        quantities=find_quantities(words, tokens, lexicon),
        tradeoffs=find_tradeoffs(words, tokens, lexicon),
        star=find_star(words, tokens, lexicon),
        rambling=find_rambling(words, tokens, filler_indices, lexicon, answer_start, target_s),
        category=category,
        decision_matrix=find_decision_matrix(words, tokens, lexicon),
        lean_first=find_lean_first(words, tokens, lexicon),
    )
    expected = list(lexicon.expected.get(category, ()))
    signals = replace(signals, expected=expected,
                      missing=[s for s in expected if s not in present_signals(signals)])
    tips = (missing_signal_tips(signals, answer_start)
            + calibration_tips(confidence, tokens, words, answer_start)
            + rambling_tips(signals, target_s))
    return replace(signals, tips=tips)


def evidence(signals: ContentSignals) -> list[tuple[str, Phrase]]:
    """(what it shows, the words) for every content signal found, in the order they were said:
    what the review lists, to replay each from just before it."""
    rows = [("metric" + (" (first)" if i == 0 and signals.metric_framing.early else ""), p)
            for i, p in enumerate(signals.metric_framing.metrics)]
    rows += [("experiment", p) for p in signals.experiments]
    rows += [("decision rule", p) for p in signals.decision_rules]
    rows += [("quantity", p) for p in signals.quantities]
    rows += [("trade-off", p) for p in signals.tradeoffs]
    star = signals.star
    rows += [(f"STAR: {part}", p) for part in ("situation", "task", "action", "result", "reflection")
             for p in getattr(star, part)]
    rows += [(f"weighs {layer}", p) for layer in MATRIX_LAYERS
             for p in getattr(signals.decision_matrix, layer)[:1]]
    lean = signals.lean_first
    rows += [("component", p) for p in lean.components]
    rows += [("minimal change", lean.minimal)] if lean.minimal else []
    rows += [("restart", p) for p in signals.rambling.restarts]
    return sorted(rows, key=lambda row: row[1].start)
