"""Filled pauses Whisper wrote as another word.

tiny.en sometimes writes a short "Uh." as "Yeah." or "Or," (on synthesized answers, and where the
streaming pass, cut differently, heard no word at all and found the filler in the audio). Such a
word, alone on its stretch of speech, where that stretch sounds like a filled pause (voiced, at a
level pitch, as long as one), is dropped from the words; its stretch is left unclaimed, and the
filler analysis counts it as a filled pause heard in the audio.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from voicecoach.analysis.reconcile import Reconciled
from voicecoach.analysis.tokens import normalise
from voicecoach.report import DroppedWord
from voicecoach.timeline import SpeechRegion

MISHEARD = "a filled pause, misheard"


def unmask_misheard_fillers(reconciled: Reconciled, misheard: frozenset[str],
                            sounds_like_filler: Callable[[SpeechRegion], bool]) -> Reconciled:
    alone = {region: [w for w in reconciled.words if w.start < region.end and w.end > region.start]
             for region in reconciled.claimed}
    unmasked = {region: words[0] for region, words in alone.items()
                if len(words) == 1 and normalise(words[0].text) in misheard and sounds_like_filler(region)}
    if not unmasked:
        return reconciled
    dropped = [DroppedWord(w.text.strip(), w.start, w.end, MISHEARD) for w in unmasked.values()]
    return replace(
        reconciled,
        words=[w for w in reconciled.words if w not in unmasked.values()],
        dropped=sorted(reconciled.dropped + dropped, key=lambda d: d.start),
        claimed=[r for r in reconciled.claimed if r not in unmasked],
        unclaimed=sorted(reconciled.unclaimed + list(unmasked), key=lambda r: r.start),
    )
