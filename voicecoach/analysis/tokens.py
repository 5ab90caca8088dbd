"""Whisper words as normalised tokens, and whole-word phrase matching (longest phrase first)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from voicecoach.report import Phrase
from voicecoach.transcript import Word, joined

_EDGE_PUNCT = ".,!?;:…—–\"()[]{}"
_SET_OFF = set(",.!?;:…—–")
_NUMBER_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "thousand", "million", "billion", "twice", "thrice", "half",
    "double", "triple", "dozen", "a hundred",
}


@dataclass(frozen=True)
class Token:
    norm: str  # lower case, edge punctuation stripped, typographic apostrophes folded
    index: int  # position in the word list
    start: float
    end: float
    set_off_before: bool  # punctuation ends the previous word, or this is the first word
    set_off_after: bool  # punctuation ends this word, or this is the last word
    sentence: int  # which sentence (by Whisper's full stops, question and exclamation marks)


def normalise(text: str) -> str:
    text = text.strip().lower().replace("’", "'").replace("‘", "'")
    return text.strip(_EDGE_PUNCT + "'-")


def ends_sentence(text: str) -> bool:
    """Whether Whisper ended a sentence with this word ("listeners." "right?")."""
    return text.strip().endswith((".", "?", "!"))


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(t for t in (normalise(p) for p in phrase.split()) if t)


def tokenize(words: Sequence[Word]) -> list[Token]:
    tokens, sentence = [], 0
    for i, word in enumerate(words):
        stripped = word.text.strip()
        ends_punct = bool(stripped) and stripped[-1] in _SET_OFF
        prev = words[i - 1].text.strip() if i > 0 else ""
        tokens.append(
            Token(
                norm=normalise(stripped),
                index=i,
                start=word.start,
                end=word.end,
                set_off_before=i == 0 or (bool(prev) and prev[-1] in _SET_OFF),
                set_off_after=ends_punct or i == len(words) - 1,
                sentence=sentence,
            )
        )
        if ends_sentence(stripped):
            sentence += 1
    return tokens


def is_number(norm: str) -> bool:
    return bool(re.match(r"^[$€£]?\d", norm)) or norm in _NUMBER_WORDS


def phrase_text(words: Sequence[Word], tokens: Sequence[Token], first: int, last: int) -> str:
    return joined(words[t.index].text.strip(" ,.?!;:") for t in tokens[first : last + 1])


def phrase_at(words: Sequence[Word], tokens: Sequence[Token], first: int, last: int) -> Phrase:
    return Phrase(phrase_text(words, tokens, first, last), tokens[first].start, tokens[last].end)


@dataclass(frozen=True)
class Match:
    first: int  # token positions, inclusive
    last: int
    phrase: tuple[str, ...]
    tag: str


class PhraseMatcher:
    """Finds phrases as whole tokens; at each position the longest phrase wins and consumes its
    tokens, so "i'm not sure" (a hedge) is never also read as "i'm sure"."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], str]]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, tag in phrases:
            if phrase:
                self._by_first.setdefault(phrase[0], []).append((phrase, tag))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def find(self, tokens: Sequence[Token]) -> list[Match]:
        norms = [t.norm for t in tokens]
        matches, i = [], 0
        while i < len(norms):
            for phrase, tag in self._by_first.get(norms[i], ()):
                if tuple(norms[i : i + len(phrase)]) == phrase:
                    matches.append(Match(i, i + len(phrase) - 1, phrase, tag))
                    i += len(phrase)
                    break
            else:
                i += 1
        return matches
