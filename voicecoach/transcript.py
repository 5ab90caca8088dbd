"""What transcription produces: words with times, in seconds from the start of the file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

_SPLIT_OFF = re.compile(r"-\w")  # Whisper writes "30-day" as "30" and "-day", "A/B-test" as "B" and "-test"


def joined(texts: Iterable[str]) -> str:
    """Words as one line of text, as said: a piece Whisper split off with its hyphen ("-day") joins
    the word before it."""
    line = ""
    for text in texts:
        line += text if not line or _SPLIT_OFF.match(text) else " " + text
    return line


@dataclass(frozen=True)
class Word:
    text: str  # as Whisper wrote it, punctuation included ("know," "Um,")
    start: float
    end: float
    probability: float = 1.0


@dataclass
class Transcript:
    words: list[Word] = field(default_factory=list)
    language: str = "en"
    model: str = ""

    @property
    def text(self) -> str:
        return joined(w.text.strip() for w in self.words)
