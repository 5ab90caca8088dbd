"""What transcription produces: words with times, in seconds from the start of the file."""

from __future__ import annotations

from dataclasses import dataclass, field


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
        return " ".join(w.text.strip() for w in self.words)
