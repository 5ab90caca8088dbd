"""STAR coverage for behavioral answers: situation, task, action, result (quantified or not), and a
reflection on what the speaker would do differently."""

from __future__ import annotations

from typing import Sequence

from voicecoach.analysis.content.quantities import quantity_spans
from voicecoach.analysis.lexicon import STAR_PARTS, SignalsLexicon
from voicecoach.analysis.tokens import PhraseMatcher, Token, phrase_at
from voicecoach.report import StarCoverage
from voicecoach.transcript import Word


def find_star(words: Sequence[Word], tokens: Sequence[Token], lexicon: SignalsLexicon) -> StarCoverage:
    matcher = PhraseMatcher(
        (phrase, part) for part in STAR_PARTS for phrase in lexicon.star.get(part, ())
    )
    parts: dict[str, list] = {part: [] for part in STAR_PARTS}
    result_sentences = set()
    for m in matcher.find(tokens):
        parts[m.tag].append(phrase_at(words, tokens, m.first, m.last))
        if m.tag == "result":
            result_sentences.add(tokens[m.first].sentence)
    quantified = any(tokens[a].sentence in result_sentences for a, _ in quantity_spans(tokens, lexicon))
    return StarCoverage(**parts, result_quantified=quantified)
