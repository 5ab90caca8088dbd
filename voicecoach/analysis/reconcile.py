"""Reconcile Whisper's words with the speech the audio really holds.

Whisper invents words in silence ("Okay." after the answer), stretches words over the silence next
to them, and puts filled pauses it does hear at the wrong time. Each word is checked against the
speech timeline: words over speech are clipped to it, filled pauses placed in silence are moved to
the nearest stretch of speech no other word explains, and words with no speech under them go.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Optional, Sequence

from voicecoach.analysis.tokens import ends_sentence, normalise
from voicecoach.report import DroppedWord
from voicecoach.timeline import SpeechRegion, SpeechTimeline
from voicecoach.transcript import Word

_POINT_WORD_S = 0.02  # Whisper gives some words no duration at all
_MIN_SUPPORT_S = 0.05  # speech under a word for it to count as heard
_DRIFT_S = 0.04  # two of Whisper's 20-ms time steps
_SNAP_S = 0.08  # a word this close to speech is on it: Whisper's times are 20 ms steps and drift
_JOIN_GAP_S = 0.3  # gaps inside one word are shorter than a pause
_APART_S = 0.2  # ... but a filled pause this far from a word's sound is not part of it
_NEAR_S = 0.3  # a word this close to speech, inside running speech, is kept (timestamps drift)
_FILLER_REACH_S = 1.5  # how far a misplaced filled pause may be moved
_REPEAT_S = 0.15  # two fillers ("um, uh,") within this are one sound, transcribed twice
_ONSET_S = 0.15  # a word stamped this close to where a stretch of speech begins is at its onset
_CRAMMED_S = 0.05  # words this short, two or more in a row, were never said ("Thank you." in silence)
_CRAMMED_WINDOW = 3  # ... judged over a word and the three before it
_SQUEEZED_WORDS = 3  # ... unless they are this few and run straight on into the sentence's next word
_SURE = 0.5  # a word over sound that is only loud (not heard as speech) needs Whisper this sure of it
_DOUBTED = 0.1  # a word leading into such a run goes too if Whisper doubts it this much, or if it
                # opens the sentence the run ends ("We'll" + "see you next time.")
_ENDING_WORDS = 5  # a sentence Whisper invents where the audio ends has this few words with time to say them
INVENTED_ENDING = "invented where the audio ends"  # the reason such a sentence is dropped


@dataclass
class Reconciled:
    words: list[Word] = field(default_factory=list)  # kept, with times inside speech
    dropped: list[DroppedWord] = field(default_factory=list)
    claimed: list[SpeechRegion] = field(default_factory=list)  # regions that hold kept words
    unclaimed: list[SpeechRegion] = field(default_factory=list)  # speech no word explains
    # Of those, the ones a word was stamped over but whose sound is apart from the word's, as a
    # filled pause's is: heard by Whisper, so part of the answer even before its first word.
    set_apart: list[SpeechRegion] = field(default_factory=list)


def _clip(word: Word, regions: Sequence[SpeechRegion]) -> Word:
    start = min(max(word.start, regions[0].start), regions[0].end)
    end = max(min(word.end, regions[-1].end), regions[-1].start)
    return replace(word, start=start, end=max(start, end))


def _supporting(word: Word, timeline: SpeechTimeline, apart: Callable[[SpeechRegion], bool],
                set_apart: set[SpeechRegion], filled_pause: bool = False) -> list[SpeechRegion]:
    """The speech regions that hold `word`. `apart(region)`: the region sounds like a filled pause
    and the word is none, so the region is the word's only if nothing else under the word is;
    regions left so are added to `set_apart`. A `filled_pause` stamped mostly over silence is not
    snapped to the speech at its edge, the next word's onset ("Um,[33.9-34.44] online,[34.44]"
    with the um's sound at 33.45): it goes to the nearest speech no word explains (`reconcile`)."""
    duration = word.end - word.start
    if duration >= _POINT_WORD_S and timeline.speech_within(word.start, word.end) >= min(
        _MIN_SUPPORT_S, 0.5 * duration
    ):
        under = [
            r for r in timeline.overlapping(word.start, word.end)
            if min(word.end, r.end) > max(word.start, r.start)
        ]
        kept = _without_absorbed(under, apart)
        set_apart.update(r for r in under if r not in kept)
        under = kept
        # A breath beside the word (sound that is only loud) is not the word; but loud sound in
        # the onset Silero heard late is the sound of the region it leads into.
        regions = _joined([r for r in under if not r.energy_only or _in_late_onset(r, under)] or under, word)
    elif filled_pause and duration >= _POINT_WORD_S:
        return []
    else:
        near = _nearest(word, timeline.regions, _SNAP_S)
        regions = [near] if near is not None else []
    if regions and all(r.energy_only for r in regions) and word.probability < _SURE:
        return []
    return regions


def _in_late_onset(loud: SpeechRegion, regions: Sequence[SpeechRegion]) -> bool:
    """`loud` (energy only) lies in the onset of one of `regions` that Silero heard late, between
    where that region's sound begins and where Silero's begins ("the" of festival's "Uh, [0.5 s]
    the decision": sound from 17.55 s, Silero from 17.82 s, the loud onset a region of its own)."""
    return any(not r.energy_only and r.heard_from <= loud.start and loud.end <= r.start for r in regions)


def _without_absorbed(under: list[SpeechRegion], apart: Callable[[SpeechRegion], bool]) -> list[SpeechRegion]:
    """Whisper stamps the first word after "uh" over the "uh" too ("The" over "Uh. [0.3 s] the"):
    a first region that sounds like a filled pause, set apart by silence from the word's other
    sound after it, is left for the filler analysis."""
    if len(under) > 1 and apart(under[0]) and under[1].start - under[0].end >= _APART_S:
        return under[1:]
    return under


def _joined(regions: list[SpeechRegion], word: Word) -> list[SpeechRegion]:
    """The region under most of the word, with its neighbours across gaps too short to be pauses
    (a stop closure inside "active"). Whisper stretches a word's end over a pause into the next
    sound ("it." running into the "uh" after it); that sound is not the word's."""
    def overlap(r: SpeechRegion) -> float:
        return min(word.end, r.end) - max(word.start, r.start)

    main = regions.index(max(regions, key=overlap))
    first = last = main
    while first > 0 and regions[first].start - regions[first - 1].end < _JOIN_GAP_S:
        first -= 1
    while last + 1 < len(regions) and regions[last + 1].start - regions[last].end < _JOIN_GAP_S:
        last += 1
    return regions[first : last + 1]


def _nearest(word: Word, regions: Sequence[SpeechRegion], reach: float) -> Optional[SpeechRegion]:
    def distance(r: SpeechRegion) -> float:
        return max(r.start - word.end, word.start - r.end, 0.0)

    best = min(regions, key=distance, default=None)
    return best if best is not None and distance(best) <= reach else None


def _on_its_onset(word: Word, regions: Sequence[SpeechRegion]) -> Optional[SpeechRegion]:
    """The region whose sound `word` lies on before Silero heard it: Silero rises late on a soft
    onset after a silence, and an answer's first "Uh," stamped 1.08-1.32 s ends 0.04 s into its
    region, while the sound begins at 1.19 s (cold_corpus 12 dB down)."""
    return next((r for r in regions if not r.energy_only
                 and min(word.end, r.end) - max(word.start, r.heard_from) >= _MIN_SUPPORT_S), None)


def _opening_run(word: Word, timeline: SpeechTimeline, next_start: float) -> Optional[tuple[float, float]]:
    """The run of level pitch that opens a region's sound just after a filled pause stamped with no
    length, and ends before the next word's stamp: the filler's own sound. Spoken 1.25 and 1.5
    times as fast, cold_corpus's first "Uh," was stamped 0.13 and 0.10 s before its region's sound
    (at p = 0.01 and 0.00), the "uh" a level run 0.06-0.10 s into that sound, "so" stamped after it."""
    if word.end - word.start >= _POINT_WORD_S:
        return None
    return next(((a, b) for r in timeline.regions if not r.energy_only
                 and 0.0 <= r.heard_from - word.start <= _ONSET_S
                 for a, b in timeline.level_pitch
                 if r.heard_from <= a <= r.heard_from + _ONSET_S and b <= next_start + _DRIFT_S), None)


def _crammed(words: Sequence[Word], is_filled_pause: Callable[[Word], bool]) -> set[int]:
    """Runs of two or more words stamped into less than _CRAMMED_S each: Whisper's signature of
    text it invented at the edge of speech. Filled pauses are left to the repeat rule below."""
    crammed: set[int] = set()
    filled = [is_filled_pause(w) for w in words]  # asked once: a looped run is walked from each of its words
    for i in range(len(words)):
        j = i
        # The next word joins the run if it and the few words before it share almost no time. The
        # window is local: averaged over a whole run of 200 looped words, real speech after the loop
        # would look crammed too (and its speech would be left as a fake pause).
        while j + 1 < len(words) and not filled[j + 1]:
            first = max(i, j + 1 - _CRAMMED_WINDOW)
            if words[j + 1].end - words[first].start >= _CRAMMED_S * (j + 2 - first):
                break
            j += 1
        if j > i and not filled[i] and not _squeezed_into_speech(words, i, j, filled):
            crammed.update(range(i, j + 1))
            if i > 0 and not filled[i - 1] and _leads_into(words, i):
                crammed.add(i - 1)
    return crammed


def _squeezed_into_speech(words: Sequence[Word], i: int, j: int, filled: Sequence[bool]) -> bool:
    """Whether words[i..j] were said but squeezed into no time by Whisper's alignment, as it does
    under a room's echo ("uh, I haven't pulled": "I haven't" at 4.53-4.57 s, "pulled" from 4.57 s).
    Invented text ends a sentence or the answer; these few words go on into the next one's sound."""
    following = j + 1
    return (j - i < _SQUEEZED_WORDS and not ends_sentence(words[j].text) and following < len(words)
            and not filled[following] and words[following].start - words[j].end <= _SNAP_S)


def _leads_into(words: Sequence[Word], i: int) -> bool:
    """Whether words[i - 1] belongs to the invented run that starts at words[i]: Whisper doubts it
    ("Thank[p=0.01] you very much."), or it opens a sentence and runs straight into the run
    ("We'll" + "see you next time.")."""
    lead = words[i - 1]
    if lead.probability < _DOUBTED:
        return True
    opens = (i < 2 or ends_sentence(words[i - 2].text)) and not ends_sentence(lead.text)
    return opens and abs(lead.end - words[i].start) < 0.02


def _invented_ending(words: Sequence[Word], crammed: set[int], is_filled_pause: Callable[[Word], bool]) -> set[int]:
    """The answer's last sentence, when Whisper invented it where the audio ends, over the tail of
    the last real word. Its words not crammed into no time are few, and it opens with a word
    Whisper doubts ("listeners." then "first."[p=0.02]), opens with crammed words ("Thank you"
    crammed, then "very much."), or ends the answer with them ("thanks." then "So, let's go" and
    "ahead and take a look at what we're going to do." crammed)."""
    ended = [k for k in range(len(words) - 1) if ends_sentence(words[k].text)]
    if not ended:
        return set()  # the answer's only sentence
    sentence = range(ended[-1] + 1, len(words))
    if sum(i not in crammed for i in sentence) > _ENDING_WORDS or any(is_filled_pause(words[i]) for i in sentence):
        return set()
    first = sentence[0]
    return set(sentence) if words[first].probability < _DOUBTED or {first, len(words) - 1} & crammed else set()


def _on_the_next_words_sound(word: Word, previous: Word, following: Optional[Word], timeline: SpeechTimeline,
                             is_filled_pause: Callable[[Word], bool]) -> bool:
    """Whisper repeats a filler ("Um, [0.7 s] um, online"): the second stamped where the next
    word's sound begins, after silence, and the word squeezed behind it. A filler of its own would
    have sound of its own, not the start of the stretch of speech that holds the next word."""
    if following is None or is_filled_pause(following) or normalise(word.text) != normalise(previous.text):
        return False
    return any(
        previous.end <= region.start and region.start - _ONSET_S <= word.start <= region.start + _ONSET_S
        and region.start < following.start < region.end
        for region in timeline.regions if not region.energy_only
    )


def unexplained_parts(regions: Sequence[SpeechRegion], words: Sequence[Word]) -> list[SpeechRegion]:
    """The parts of `regions` (sounds set apart by short silences) that no word is on, between two
    parts that words are on: Whisper left them out, as it does an "uh" between two short silences.
    A word is on the part its stamp is centred in; one centred in a silence, on each part it
    reaches further into than Whisper's stamps drift. Whisper stretches the word after the "uh"
    back over the silence into it ("we" from 3.82 s, the "uh" 3.71-3.90 s): that word is centred
    in its own part. A region's first part is never taken: after a silence Whisper stamps the
    words late, each on the next one's sound ("but" on the "um" after it)."""
    def on(word: Word, part: SpeechRegion, parts: Sequence[SpeechRegion]) -> bool:
        middle = (word.start + word.end) / 2
        if part.start <= middle <= part.end:
            return True
        return (not any(p.start <= middle <= p.end for p in parts)
                and min(word.end, part.end) - max(word.start, part.start) > _DRIFT_S)

    found = []
    for region in regions:
        worded = [any(on(w, part, region.parts) for w in words) for part in region.parts]
        found += [part for k, part in enumerate(region.parts)
                  if 0 < k < len(worded) - 1 and worded[k - 1] and worded[k + 1] and not worded[k]]
    return found


def reconcile(
    words: Sequence[Word],
    timeline: SpeechTimeline,
    is_filled_pause: Callable[[Word], bool],
    sounds_like_filler: Callable[[SpeechRegion], bool] = lambda region: False,
) -> Reconciled:
    """`sounds_like_filler(region)`: the region's sound is that of a filled pause (voiced, level
    pitch), which a word Whisper stamped over it and other speech does not take."""
    placed: dict[int, Word] = {}
    claimed: set[SpeechRegion] = set()
    set_apart: set[SpeechRegion] = set()
    crammed = _crammed(words, is_filled_pause)
    invented = _invented_ending(words, crammed, is_filled_pause) - crammed
    dropped = [
        DroppedWord(words[i].text.strip(), words[i].start, words[i].end, "no time to say it")
        for i in sorted(crammed)
    ] + [DroppedWord(words[i].text.strip(), words[i].start, words[i].end, INVENTED_ENDING)
         for i in sorted(invented)]
    gone = crammed | invented
    for i, word in enumerate(words):
        if i in gone:
            continue
        filler_word = is_filled_pause(word)
        regions = _supporting(word, timeline, lambda r: not filler_word and sounds_like_filler(r), set_apart,
                              filler_word)
        if regions:
            placed[i] = _clip(word, regions)
            claimed.update(regions)

    for i, word in enumerate(words):
        if i in placed or i in gone:
            continue
        inside_speech = (i - 1 in placed) and (i + 1 in placed)
        near = _nearest(word, timeline.regions, _NEAR_S) if inside_speech else None
        unclaimed = [r for r in timeline.regions if r not in claimed and not r.energy_only]
        orphan = _nearest(word, unclaimed, _FILLER_REACH_S) if is_filled_pause(word) else None
        if orphan is None and near is None and is_filled_pause(word):
            near = _on_its_onset(word, timeline.regions)
            if near is None:
                following = next((placed[j] for j in range(i + 1, len(words)) if j in placed), None)
                run = _opening_run(word, timeline, following.start if following is not None else timeline.duration)
                if run is not None:
                    placed[i] = replace(word, start=run[0], end=run[1])
                    continue
        target = orphan or near
        if target is None:
            dropped.append(DroppedWord(word.text.strip(), word.start, word.end, "no speech in the audio"))
            continue
        placed[i] = _clip(word, [target]) if target is near else replace(
            word, start=target.start, end=target.end
        )
        claimed.add(target)

    kept = []
    order = sorted(placed)
    for k, i in enumerate(order):
        word = placed[i]
        previous = kept[-1] if kept else None
        following = placed[order[k + 1]] if k + 1 < len(order) else None
        if (
            previous is not None
            and is_filled_pause(word)
            and is_filled_pause(previous)
            and (word.start - previous.start < _REPEAT_S
                 or _on_the_next_words_sound(word, previous, following, timeline, is_filled_pause))
        ):
            dropped.append(DroppedWord(word.text.strip(), word.start, word.end, "repeated filler"))
            continue
        kept.append(word)

    ordered_claimed = [r for r in timeline.regions if r in claimed]
    return Reconciled(
        words=kept,
        dropped=sorted(dropped, key=lambda d: d.start),
        claimed=ordered_claimed,
        unclaimed=sorted([r for r in timeline.regions if r not in claimed]
                         + unexplained_parts(ordered_claimed, kept), key=lambda r: r.start),
        set_apart=[r for r in timeline.regions if r in set_apart and r not in claimed],
    )
