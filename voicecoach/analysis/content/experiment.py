"""Controlled experiments (A/B test, holdout, control group) and decision rules: a condition, a
threshold and an action in one sentence ("if minutes rise at least 1 %, we roll out to 20 %")."""

from __future__ import annotations

from typing import Sequence

from voicecoach.analysis.content.quantities import quantity_spans
from voicecoach.analysis.lexicon import SignalsLexicon
from voicecoach.analysis.tokens import PhraseMatcher, Token, is_number, phrase_at
from voicecoach.report import Phrase
from voicecoach.transcript import Word


def find_experiments(words: Sequence[Word], tokens: Sequence[Token], lexicon: SignalsLexicon) -> list[Phrase]:
    matches = PhraseMatcher((p, "experiment") for p in lexicon.experiments).find(tokens)
    return [phrase_at(words, tokens, m.first, m.last) for m in matches]


def find_decision_rules(
    words: Sequence[Word], tokens: Sequence[Token], lexicon: SignalsLexicon
) -> list[Phrase]:
    """One phrase per sentence holding a condition, a number and an action, spanning all three."""
    conditions = PhraseMatcher((p, "condition") for p in lexicon.conditions).find(tokens)
    actions = PhraseMatcher((p, "action") for p in lexicon.actions).find(tokens)
    # (first, last) token of each threshold: a quantity with its unit, or a bare number.
    numbers = quantity_spans(tokens, lexicon) + [(i, i) for i, t in enumerate(tokens) if is_number(t.norm)]
    rules = []
    for sentence in sorted({t.sentence for t in tokens}):
        cond = [c for c in conditions if tokens[c.first].sentence == sentence]
        act = [a for a in actions if tokens[a.first].sentence == sentence]
        nums = [n for n in numbers if tokens[n[0]].sentence == sentence]
        if cond and act and nums:
            first = min(cond[0].first, act[0].first, min(a for a, _ in nums))
            last = max(act[-1].last, cond[0].last, max(b for _, b in nums))
            rules.append(phrase_at(words, tokens, first, last))
    return rules
