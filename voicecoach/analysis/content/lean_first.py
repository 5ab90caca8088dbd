"""Lean first, or solution bloat: the architecture components an answer names (a feature store, a
streaming pipeline, a two-tower model) against the minimal change it proposes first ("start with
a popularity baseline"). Panels mark down an answer that builds a platform before it has tried
the smallest thing that could work."""

from __future__ import annotations

from typing import Sequence

from voicecoach.analysis.lexicon import SignalsLexicon
from voicecoach.analysis.tokens import PhraseMatcher, Token, phrase_at
from voicecoach.report import LeanFirst
from voicecoach.transcript import Word


def find_lean_first(words: Sequence[Word], tokens: Sequence[Token], lexicon: SignalsLexicon) -> LeanFirst:
    matcher = PhraseMatcher([(p, "component") for p in lexicon.components] + [(p, "minimal") for p in lexicon.minimal])
    matches = matcher.find(tokens)
    components = [phrase_at(words, tokens, m.first, m.last) for m in matches if m.tag == "component"]
    minimal = next((phrase_at(words, tokens, m.first, m.last) for m in matches if m.tag == "minimal"), None)
    before = [c for c in components if minimal is None or c.start < minimal.start]
    return LeanFirst(components, minimal, bloated=len(before) > lexicon.max_components_first)
