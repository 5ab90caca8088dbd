"""Explicit trade-off language: "the trade-off is", "at the cost of", "latency versus relevance"."""

from __future__ import annotations

from typing import Sequence

from voicecoach.analysis.lexicon import SignalsLexicon
from voicecoach.analysis.tokens import PhraseMatcher, Token, phrase_at
from voicecoach.report import Phrase
from voicecoach.transcript import Word

_CONTEXT = 1  # the word either side of "versus": the finding names both sides


def find_tradeoffs(words: Sequence[Word], tokens: Sequence[Token], lexicon: SignalsLexicon) -> list[Phrase]:
    found = []
    for m in PhraseMatcher((p, "tradeoff") for p in lexicon.tradeoffs).find(tokens):
        first, last = m.first, m.last
        if m.phrase in (("versus",), ("vs",)):
            first, last = max(0, first - _CONTEXT), min(len(tokens) - 1, last + _CONTEXT)
        found.append(phrase_at(words, tokens, first, last))
    return found
