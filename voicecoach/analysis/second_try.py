"""Join the words a second try found (voicecoach.transcribe.recover) to the first pass's.

The second try hears speech no word covered. Often that speech is a word the first pass did
write, but stamped late and with no length ("basically" said at 2.2 s, written "basically," at
2.86-2.86 s): Whisper left its sound uncovered, and heard again it comes back as the same word.
Counted twice, it inflates the word count and the pace.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

from voicecoach.analysis.tokens import normalise
from voicecoach.transcript import Word

LATE_STAMP_S = 1.0  # how late Whisper stamps a word after its sound


def join_recovered(words: Sequence[Word], found: Sequence[Word], known_fillers: Sequence[Word],
                   is_filler: Callable[[Word], bool], trusted_s: float) -> list[Word]:
    """`words` with the `found` ones, in time order. A found word that the first pass wrote up to
    LATE_STAMP_S later, stamped shorter than `trusted_s`, is that word: a filler stays where the
    first pass put it (filler timing re-places it, against `known_fillers`), another word takes
    the found word's times and keeps the first pass's text (its commas are evidence of a
    discourse filler)."""
    joined = list(words)
    for word in found:
        if is_filler(word):
            if not any(abs(k.start - word.start) < LATE_STAMP_S for k in known_fillers):
                joined.append(word)
            continue
        same = next((i for i, k in enumerate(joined)
                     if normalise(k.text) == normalise(word.text) and 0 <= k.start - word.start < LATE_STAMP_S
                     and k.end - k.start < trusted_s), None)
        if same is None:
            joined.append(word)
        else:
            joined[same] = replace(joined[same], start=word.start, end=word.end)
    return sorted(joined, key=lambda w: w.start)
