"""Filled pauses Whisper wrote as another word.

tiny.en sometimes writes a short "Uh." as "Yeah." or "Or," (on synthesized answers, and where the
streaming pass, cut differently, heard no word at all and found the filler in the audio). Such a
word, alone on its stretch of speech, where that stretch sounds like a filled pause (voiced, at a
level pitch, as long as one), is dropped from the words; its stretch is left unclaimed, and the
filler analysis counts it as a filled pause heard in the audio.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional, Sequence

from voicecoach.analysis.reconcile import Reconciled
from voicecoach.analysis.tokens import normalise
from voicecoach.report import DroppedWord
from voicecoach.timeline import SpeechRegion
from voicecoach.transcript import Word

MISHEARD = "a filled pause, misheard"


def unmask_misheard_fillers(reconciled: Reconciled, misheard: frozenset[str],
                            sounds_like_filler: Callable[[SpeechRegion], bool]) -> Reconciled:
    """A misheard word alone on a claimed region, or alone on one of its parts (the other words of
    the region on its other parts: "Otherwise, [uh written as yeah.] we roll back")."""
    def on(word: Word, region: SpeechRegion) -> bool:
        return word.start < region.end and word.end > region.start

    def alone_on(region: SpeechRegion, others: Sequence[SpeechRegion]) -> Optional[Word]:
        words = [w for w in reconciled.words if on(w, region)]
        if (len(words) == 1 and normalise(words[0].text) in misheard and sounds_like_filler(region)
                and not any(on(words[0], other) for other in others)):
            return words[0]
        return None

    unmasked = {region: word for region in reconciled.claimed if (word := alone_on(region, ())) is not None}
    unmasked_parts = {part: word for region in reconciled.claimed if region not in unmasked
                      for part in region.parts
                      if (word := alone_on(part, [p for p in region.parts if p is not part])) is not None}
    if not unmasked and not unmasked_parts:
        return reconciled
    words = {*unmasked.values(), *unmasked_parts.values()}
    dropped = [DroppedWord(w.text.strip(), w.start, w.end, MISHEARD) for w in words]
    return replace(
        reconciled,
        words=[w for w in reconciled.words if w not in words],
        dropped=sorted(reconciled.dropped + dropped, key=lambda d: d.start),
        claimed=[r for r in reconciled.claimed if r not in unmasked],
        unclaimed=sorted(reconciled.unclaimed + list(unmasked) + list(unmasked_parts), key=lambda r: r.start),
    )
