"""Constructed transcripts and timelines for testing the analyses as pure functions, and other
situations tests set up (a database another process holds locked)."""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

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


@contextmanager
def write_lock_held(database: Path):
    """Another process holding an exclusive lock on `database` until the block ends; yields its pid."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys; db = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "db.execute('BEGIN EXCLUSIVE'); print('held', flush=True); sys.stdin.readline()"), str(database)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder.pid
    finally:
        holder.communicate("\n", timeout=30)
