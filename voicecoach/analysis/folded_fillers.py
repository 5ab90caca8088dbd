"""Filled pauses Whisper folded into the next word.

tiny.en writes "Uh. so the trade-off", said with no silence between "uh" and "so", as "So": it
stamps "So" from the start of the "uh", or on its own sound and leaves the "uh" out. A word that
opens on a loud voiceless fricative ("so", "since", "she", "cents") cannot open on voicing: where
the sound it opens after a silence opens with a voiced run of level pitch that ends where the
voicing stops (at the fricative) before the word's stamp ends, that run is a filled pause's
(Goto, Itou & Hayamizu 1999: voiced, F0 nearly flat), and the word starts where it ends. Only at
a sound's onset: inside running speech the voicing before the fricative may be the word before's."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional, Sequence

from voicecoach.analysis.tokens import normalise
from voicecoach.transcript import Word

# Spellings that open on a loud voiceless fricative (/s/, /ʃ/, /tʃ/): a tenth of a second or more
# of noise well over any room's, so the sound's onset lies before the word's first voicing. Not a
# stop ("people", "to"): its closure is silent and its burst brief, and the onset can be its vowel;
# nor /f/ or /θ/ ("first", "think"), too weak to be sure of; nor "th" ("the", "that": voiced).
_VOICELESS = ("s", "ce", "ci", "cy", "ps", "ch")
# Whisper stamps the first word after a silence up to this far after the sound's onset (the "uh"
# before it left out), or stretches it back over the silence before.
_ONSET_REACH_S = 0.5
_RUN_AT_ONSET_S = 0.05  # the run starts on the onset (Praat's first voiced frame); the word before may end this late
_RUN_LOOKED_S = 0.6  # how far after an onset a run is looked for


def opens_voiceless(text: str) -> bool:
    word = normalise(text)
    return word.startswith(_VOICELESS)


def onset_of(words: Sequence[Word], i: int, onsets: Sequence[float], is_filler: Callable[[Word], bool]
             ) -> Optional[float]:
    """The onset of the sound `words[i]` opens, if it opens on a voiceless fricative: the first
    onset from _ONSET_REACH_S before its stamp to its end that the word before does not reach."""
    word = words[i]
    if is_filler(word) or not opens_voiceless(word.text):
        return None
    after = words[i - 1].end - _RUN_AT_ONSET_S if i else -1.0
    return next((o for o in onsets if max(after, word.start - _ONSET_REACH_S) <= o < word.end), None)


def onset_windows(words: Sequence[Word], onsets: Sequence[float], is_filler: Callable[[Word], bool]
                  ) -> list[tuple[float, float]]:
    """Where to look for a run of level pitch a word may have folded in."""
    return [(onset - _RUN_AT_ONSET_S, onset + _RUN_LOOKED_S) for i in range(len(words))
            if (onset := onset_of(words, i, onsets, is_filler)) is not None]


def unfold_fillers(words: Sequence[Word], onsets: Sequence[float], runs: Sequence[tuple[float, float]],
                   is_filler: Callable[[Word], bool]) -> tuple[list[Word], list[tuple[float, float]]]:
    """The words with each folded filler taken out of the word it was folded into (which then starts
    where the filler ends), and the fillers' (start, end). `onsets`: where sound begins after a
    silence; `runs`: voiced runs of level pitch that end where the voicing stops
    (voicecoach.audio.pitch.level_pitch_runs)."""
    out, fillers = list(words), []
    for i, word in enumerate(out):
        onset = onset_of(out, i, onsets, is_filler)
        if onset is None:
            continue
        run = next(((a, b) for a, b in runs if abs(a - onset) <= _RUN_AT_ONSET_S and b < word.end), None)
        if run is not None:
            fillers.append(run)
            out[i] = replace(word, start=max(word.start, run[1]))
    return out, fillers
