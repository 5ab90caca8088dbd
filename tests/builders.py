"""Constructed transcripts and timelines for testing the analyses as pure functions."""

from __future__ import annotations

from voicecoach.timeline import SpeechRegion, SpeechTimeline
from voicecoach.transcript import Word


def words_at(text: str, start: float = 1.0, word_s: float = 0.3) -> list[Word]:
    """One word every `word_s` seconds from `start`, back to back."""
    out = []
    for i, token in enumerate(text.split()):
        out.append(Word(token, start + i * word_s, start + (i + 1) * word_s))
    return out


def speech_under(words: list[Word], duration: float = 60.0) -> SpeechTimeline:
    """A timeline with speech exactly under the words (touching words share a region)."""
    regions: list[SpeechRegion] = []
    for w in words:
        if regions and w.start - regions[-1].end < 0.01:
            regions[-1] = SpeechRegion(regions[-1].start, w.end)
        else:
            regions.append(SpeechRegion(w.start, w.end))
    return SpeechTimeline(duration, regions)
