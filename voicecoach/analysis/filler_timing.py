"""Put each filled pause where it was said.

When Whisper has not found a filler's sound it stamps "uh"/"um" with (nearly) zero length, up to
~0.7 s after the sound, and folds the sound into the word before. The sound itself is a voiced run
of level pitch (SpeechTimeline.level_pitch); such a filler moves onto the latest run that starts no
later than its stamp (Whisper is late, never early), within the search window - after the word
before, if Whisper left time between them - and takes that run's length. A stamp as long as a
filled pause is Whisper's own find and stays (on a monotone voice every word has runs of level
pitch), unless Whisper left time before it and a run lies wholly in that time, in the same sound:
then Whisper stamped the filler, and the words after it, late. A filler with no run in reach keeps
Whisper's time (a guess is worse than a late stamp), unless it is the first word of speech that
began after a silence within its reach: then nothing else was written where that speech starts,
and the filler starts there (`onto_speech_onsets`). Before that, a filler written just after a
sound apart that no word starts on (Whisper stretched the word before over it) is put on that
sound (`onto_unwritten_sounds`): a falling "um" holds no level pitch.

Whisper also writes one long "uhhhh" as two fillers back to back ("uh, uh"): where the pitch holds
level from the first's start to the second's end, with no break longer than a frame or two, it
is one filled pause (`join_split_fillers`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional, Sequence

from voicecoach.options import AnalysisOptions
from voicecoach.transcript import Word

_ABUTTING_S = 0.05
_OWN_SOUND_S = 0.05  # the sound under a word for it to have been said there
_STAMP_AFTER_S = 0.25  # how far after a filler's sound Whisper's late stamp may begin (onto_unwritten_sounds)


def retime_fillers(
    words: list[Word], level_pitch: list[tuple[float, float]], is_filler: Callable[[Word], bool],
    options: AnalysisOptions = AnalysisOptions(), sounds: Sequence[tuple[float, float]] = (),
) -> list[Word]:
    """The words with each filler on its sound; the word before gives up the time it absorbed,
    and the filler ends where the next word starts. `sounds`: where sound is, no silence inside;
    a trusted stamp moves only within its own (see below)."""
    out = list(words)
    movable = [stamped_late(w, is_filler, options) for w in words]
    # The sound of a filler that stays (its stamp is trusted) is not another filler's.
    taken = {run for run in level_pitch for w, moves in zip(words, movable)
             if is_filler(w) and not moves and run[0] < w.end and run[1] > w.start}
    for i, word in enumerate(out):
        after_a_gap = i > 0 and is_filler(word) and word.start - out[i - 1].end >= options.filler_stamp_trusted_s
        if not (movable[i] or after_a_gap):
            continue
        # A trusted stamp moves only within the sound it lies in: a sound of its own before a
        # silence is another filler Whisper did not write ("hm [0.6 s] hmm").
        own = _sound_at(word.start, sounds)
        if not movable[i] and own is None:
            continue
        floor = max(out[i - 1].start if i else 0.0, word.start - options.filler_search_before_s)
        if after_a_gap:
            # Whisper left room between the word before and the stamp: the sound is in there,
            # not in the word before (the flat vowel of "otherwise").
            floor = max(floor, out[i - 1].end - _ABUTTING_S)
        # A stamp as long as a filled pause moves only onto a sound wholly in the room before it:
        # Whisper wrote the filler, then stamped it and the words after it late ("happened. [uh
        # and uh]" with "Uh," stamped 0.58 s late, over the "and").
        latest = word.start if movable[i] else word.start + _ABUTTING_S
        reach = [
            run for run in level_pitch
            if floor < run[0] <= word.start and run not in taken
            and (movable[i] or (own[0] <= run[0] and run[1] <= latest))
        ]
        if not reach:
            continue
        start, end = max(reach)
        taken.add((start, end))
        # A long "uhhh" whose pitch drifts is cut into abutting runs: its sound starts at the first.
        for run in sorted((r for r in level_pitch if floor < r[0] < start and r not in taken), reverse=True):
            if run[1] < start - _ABUTTING_S:
                break
            start = run[0]
            taken.add(run)
        if i + 1 < len(out) and start < out[i + 1].start < end:
            end = out[i + 1].start
        out[i] = replace(word, start=start, end=end)
        if i and out[i - 1].end > start:
            out[i - 1] = replace(out[i - 1], end=max(out[i - 1].start, start))
    return out


def onto_unwritten_sounds(
    words: list[Word], sounds: Sequence[tuple[float, float]], is_filler: Callable[[Word], bool],
    options: AnalysisOptions = AnalysisOptions(),
) -> list[Word]:
    """The words with a filler moved onto a sound apart that no word starts on, where that sound
    ends at most _STAMP_AFTER_S before the filler's stamp begins: Whisper wrote the filler after its
    sound ("with," stamped 26.71-27.49 s and "um," 27.49 s over an "um" said 26.98-27.30 s, between
    two silences). So for a filler still stamped late (no run of level pitch in reach: a falling
    "um"); and for one whose stamp is as long as a filled pause where the word before was stretched
    over at least half that sound (a stamp that is the filler's own find starts on its sound). It is
    the latest such sound within the filler's reach and after the word before began. `sounds`:
    (start, end) of the sounds apart that may be a filled pause (voiced, as long as one), in order.
    The filler runs to its sound's end, or the next word."""
    out = list(words)
    for i, word in enumerate(out):
        if not (i and is_filler(word)):
            continue
        before, late = out[i - 1], stamped_late(word, is_filler, options)
        reach = [
            (start, end) for start, end in sounds
            if max(before.start, word.start - options.filler_search_before_s) < start < word.start
            and word.start - _STAMP_AFTER_S <= end
            and (late or before.end >= (start + end) / 2)
            and not any(start <= w.start < end for w in out if w is not word)
        ]
        if not reach:
            continue
        _move_onto(out, i, *max(reach))
    return out


def onto_speech_onsets(
    words: list[Word], speech: list[tuple[float, float]], is_filler: Callable[[Word], bool],
    options: AnalysisOptions = AnalysisOptions(), sounds: Optional[list[tuple[float, float]]] = None,
) -> list[Word]:
    """The words with each filler that is still stamped late (no sound of its own was found: a
    falling synthetic "um" holds no level pitch) moved to the start of the `speech` it opens, when
    that speech began after a silence and within the filler's reach: nothing else was written
    there ("week. [0.6 s] um we would", the "Um," stamped 0.32 s in). It runs to the next word.
    The word before may have been stretched over the silence into that speech ("the," stamped
    6.80-7.98 s over a whispered "uh" at 7.31 s, the filler at 7.98 s with no length): where it
    also lies on sound of its own before the silence (`sounds`: where sound is, no silence inside;
    `speech` by default), it gives up the rest."""
    out = list(words)
    for start, end in sorted(speech):
        first = next((i for i, w in enumerate(out) if start <= w.start <= end), None)
        if first is None:
            continue
        word = out[first]
        if not (stamped_late(word, is_filler, options)
                and _ABUTTING_S < word.start - start <= options.filler_search_before_s):
            continue
        before = out[first - 1] if first else None
        if before is not None and before.end > start and not _on_sound_before(before, start, sounds or speech):
            continue
        _move_onto(out, first, start, end)
    return out


def _move_onto(words: list[Word], i: int, start: float, end: float) -> None:
    """Moves the filler `words[i]` onto the sound `start`-`end`, ending at the next word's start if
    that comes first; the word before gives up the time it stretched over the sound."""
    until = words[i + 1].start if i + 1 < len(words) else end
    words[i] = replace(words[i], start=start, end=max(start, min(end, until)))
    if i and words[i - 1].end > start:
        words[i - 1] = replace(words[i - 1], end=max(words[i - 1].start, start))


def _on_sound_before(word: Word, start: float, sounds: list[tuple[float, float]]) -> bool:
    """`word` lies on sound before `start` (Whisper's stamp also drifts a few tens of ms early
    onto the silence before the sound it was said on: that is not sound of its own)."""
    return any(min(b, start, word.end) - max(a, word.start) >= _OWN_SOUND_S for a, b in sounds)


def join_split_fillers(
    words: list[Word], level_pitch: list[tuple[float, float]], is_filler: Callable[[Word], bool]
) -> list[Word]:
    """The words with two abutting fillers made one where a level pitch runs unbroken under both."""
    out: list[Word] = []
    for word in words:
        before = out[-1] if out else None
        if (before is not None and is_filler(before) and is_filler(word)
                and word.start - before.end <= _ABUTTING_S
                and any(a <= before.start + _ABUTTING_S and word.end - _ABUTTING_S <= b
                        for a, b in _chained(level_pitch))):
            out[-1] = replace(before, end=word.end)
        else:
            out.append(word)
    return out


def filler_windows(words: list[Word], is_filler: Callable[[Word], bool],
                   options: AnalysisOptions = AnalysisOptions(),
                   sounds: Sequence[tuple[float, float]] = ()) -> list[tuple[float, float]]:
    """Where to look for the sound of each filler `retime_fillers` moves: its reach, plus the
    length of a long "ummm" after its start; under a stamp as long as a filled pause, the room
    Whisper left before it within the sound it lies in (`sounds`: where sound is, no silence
    inside; a level run in a silence is mains hum's); and under each pair `join_split_fillers`
    may join."""
    windows = [
        (w.start - options.filler_search_before_s, w.end + 1.0)
        for w in words if stamped_late(w, is_filler, options)
    ]
    for a, b in zip(words, words[1:]):
        trusted = is_filler(b) and not stamped_late(b, is_filler, options)
        if trusted and b.start - a.end >= options.filler_stamp_trusted_s:
            own = _sound_at(b.start, sounds)
            start = max(a.end - _ABUTTING_S, b.start - options.filler_search_before_s, own[0] if own else b.start)
            if start < b.start:
                windows.append((start, b.end))
    windows += [
        (a.start, b.end) for a, b in zip(words, words[1:])
        if is_filler(a) and is_filler(b) and b.start - a.end <= _ABUTTING_S
    ]
    return windows


def _sound_at(t: float, sounds: Sequence[tuple[float, float]]) -> Optional[tuple[float, float]]:
    return next(((a, b) for a, b in sounds if a <= t < b), None)


def _chained(runs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Runs that abut, as one span each."""
    spans: list[list[float]] = []
    for start, end in sorted(runs):
        if spans and start - spans[-1][1] <= _ABUTTING_S:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(a, b) for a, b in spans]


def stamped_late(word: Word, is_filler: Callable[[Word], bool], options: AnalysisOptions) -> bool:
    """A filler whose stamp is too short to be Whisper's own find of its sound: the sound is up to
    `filler_search_before_s` before it."""
    return is_filler(word) and word.end - word.start < options.filler_stamp_trusted_s
