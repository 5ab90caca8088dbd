"""Metric-first framing: does the answer name a concrete success metric early, and when."""

from __future__ import annotations

from typing import Sequence

from voicecoach.analysis.lexicon import SignalsLexicon
from voicecoach.analysis.tokens import PhraseMatcher, Token, phrase_at
from voicecoach.report import MetricFraming
from voicecoach.transcript import Word


def find_metric_framing(
    words: Sequence[Word], tokens: Sequence[Token], lexicon: SignalsLexicon, answer_start: float
) -> MetricFraming:
    matches = PhraseMatcher((m, "metric") for m in lexicon.metrics).find(tokens)
    metrics = [phrase_at(words, tokens, m.first, m.last) for m in matches]
    if not matches:
        return MetricFraming([], False)
    first = matches[0]
    early = (
        metrics[0].start - answer_start <= lexicon.metric_window_s
        or tokens[first.first].sentence < lexicon.metric_window_sentences
    )
    return MetricFraming(metrics, early)
