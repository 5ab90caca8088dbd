"""Rambling: phrases said again and again, restarts ("we we", "so we, so we"), and an answer that
runs past its target without saying anything new."""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from voicecoach.analysis.lexicon import SignalsLexicon
from voicecoach.analysis.tokens import Token, phrase_at
from voicecoach.report import Rambling, RepeatedPhrase
from voicecoach.transcript import Word

_RESTART_MAX_WORDS = 3  # "so we, so we" is a restart; a repeated sentence is not


def _repeated(tokens: Sequence[Token], lexicon: SignalsLexicon) -> list[RepeatedPhrase]:
    """Phrases of `ngram` or more words said `repeats` times or more. Overlapping n-grams of one
    longer repeated phrase ("the key thing", "key thing is") are reported once, as that phrase."""
    n = lexicon.ngram
    norms = [t.norm for t in tokens]
    positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(tokens) - n + 1):
        gram = tuple(norms[i : i + n])
        if not all(g in lexicon.stopwords for g in gram):  # "and I would" says nothing
            positions[gram].append(i)
    repeated = {tuple(p) for p in positions.values() if len(p) >= lexicon.repeats}
    found = []
    for starts in repeated:
        if tuple(i - 1 for i in starts) in repeated:
            continue  # the continuation of a phrase that starts one word earlier
        length, shifted = n, tuple(i + 1 for i in starts)
        while shifted in repeated:
            length, shifted = length + 1, tuple(i + 1 for i in shifted)
        text = " ".join(norms[starts[0] : starts[0] + length])
        found.append(RepeatedPhrase(text, [tokens[i].start for i in starts]))
    return sorted(found, key=lambda r: r.starts[0])


def _restarts(words: Sequence[Word], tokens: Sequence[Token], skip: set[int]):
    found, i = [], 0
    norms = [t.norm for t in tokens]
    while i < len(tokens):
        for size in range(_RESTART_MAX_WORDS, 0, -1):
            a, b = norms[i : i + size], norms[i + size : i + 2 * size]
            if len(b) == size and a == b and not skip & set(range(i, i + 2 * size)):
                found.append(phrase_at(words, tokens, i, i + 2 * size - 1))
                i += 2 * size
                break
        else:
            i += 1
    return found


def find_rambling(
    words: Sequence[Word],
    tokens: Sequence[Token],
    filler_indices: set[int],
    lexicon: SignalsLexicon,
    answer_start: float,
    target_s: float,
) -> Rambling:
    """`filler_indices`: words that are fillers ("uh, uh" is counted as fillers, not a restart)."""
    deadline = answer_start + target_s
    content = [t for t in tokens if t.norm and t.norm not in lexicon.stopwords and t.index not in filler_indices]
    before = {t.norm for t in content if t.start < deadline}
    after = [t for t in content if t.start >= deadline]
    new_share = None
    if after:
        fresh, seen = 0, set(before)
        for t in after:
            fresh += t.norm not in seen
            seen.add(t.norm)
        new_share = fresh / len(after)
    return Rambling(
        repeated=_repeated(tokens, lexicon),
        restarts=_restarts(words, tokens, filler_indices),
        overtime_new_content=new_share,
        running_long=new_share is not None and new_share < lexicon.new_content_below,
    )
