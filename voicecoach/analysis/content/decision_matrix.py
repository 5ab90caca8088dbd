"""The decision matrix: whether the answer weighs its proposal on the three layers a panel scores
options on - impact ("moves minutes by 2 %"), confidence ("how sure we are", "the evidence"),
effort ("two engineer-weeks", "the cost")."""

from __future__ import annotations

from typing import Sequence

from voicecoach.analysis.lexicon import SignalsLexicon
from voicecoach.analysis.tokens import PhraseMatcher, Token, phrase_at
from voicecoach.report import MATRIX_LAYERS, DecisionMatrix
from voicecoach.transcript import Word


def find_decision_matrix(words: Sequence[Word], tokens: Sequence[Token], lexicon: SignalsLexicon) -> DecisionMatrix:
    matcher = PhraseMatcher((p, layer) for layer in MATRIX_LAYERS for p in lexicon.decision_matrix.get(layer, ()))
    found: dict[str, list] = {layer: [] for layer in MATRIX_LAYERS}
    for m in matcher.find(tokens):
        found[m.tag].append(phrase_at(words, tokens, m.first, m.last))
    return DecisionMatrix(**found)
