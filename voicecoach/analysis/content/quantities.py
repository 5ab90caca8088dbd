"""Quantified impact: numbers with a unit or scale ("12 %", "200 ms", "twice", "a million users").
A number followed by an ordinary noun ("two stage system") is not a quantity."""

from __future__ import annotations

import re
from typing import Sequence

from voicecoach.analysis.lexicon import SignalsLexicon
from voicecoach.analysis.tokens import Token, is_number, phrase_at
from voicecoach.report import Phrase
from voicecoach.transcript import Word

# One token that carries its own unit: 12%, $5, 1.5x, 10k, 200ms.
_SELF_UNIT = re.compile(r"^([$€£]\d[\d.,]*[kmb]?|\d[\d.,]*(%|x|k|m|ms|pp|bn))$")


def quantity_spans(tokens: Sequence[Token], lexicon: SignalsLexicon) -> list[tuple[int, int]]:
    spans, i = [], 0
    while i < len(tokens):
        norm = tokens[i].norm
        if _SELF_UNIT.match(norm) or norm in lexicon.scale_words:
            spans.append((i, i))
        elif is_number(norm):
            last = i
            while last + 1 < len(tokens) and is_number(tokens[last + 1].norm):  # "two hundred"
                last += 1
            nxt = last + 1
            # "20 percent", "two weeks"; also "1 %" and "three x" as separate tokens.
            if nxt < len(tokens) and tokens[nxt].norm in lexicon.units:
                spans.append((i, nxt))
                i = nxt
            elif nxt + 1 < len(tokens) and tokens[nxt].norm in ("more", "fewer", "extra", "new") and \
                    tokens[nxt + 1].norm in lexicon.units:
                spans.append((i, nxt + 1))  # "a million more users"
                i = nxt + 1
            else:
                i = last
        i += 1
    return spans


def find_quantities(words: Sequence[Word], tokens: Sequence[Token], lexicon: SignalsLexicon) -> list[Phrase]:
    return [phrase_at(words, tokens, a, b) for a, b in quantity_spans(tokens, lexicon)]
