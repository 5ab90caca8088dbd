"""Speech too faint for the detectors alone, where Whisper wrote words over it.

Under a fan's hiss Silero hears a soft voice late: "bunch of different words" from "words", half a
second after the sound began, and the silence before was called a long pause though it was 4.75 s.
The timeline marks where faint sound, standing out of the quiet band by band, may begin before a
region (SpeechRegion.faint_from); by itself that may be a breath. Whisper's stamps, by themselves,
stretch over silence. Where the two agree - words Whisper wrote over that faint sound, running on
into the region - the region is heard from there: from the faint sound, or from the first of those
words if it begins later, unless that word is a filled pause (Whisper stamps those late).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

from voicecoach.timeline import SpeechRegion, SpeechTimeline
from voicecoach.transcript import Word

_MIN_OVER_S = 0.05  # a word with less time than this is no evidence (Whisper stamps some with none)
_RUNS_ON_S = 0.08  # words part by no more than this run on (Whisper's times drift by 20-ms steps)
# Whisper stamps the first word after a silence a little early (cold_corpus3's "Much" 0.13 s before
# the faint sound); a word beginning more than this before it is a word before, stretched over the silence.
_EARLY_S = 0.3


def heard_under_words(timeline: SpeechTimeline, words: Sequence[Word],
                      is_filled_pause: Callable[[Word], bool]) -> SpeechTimeline:
    """The timeline with each region whose faint onset words lie over heard from there."""
    regions = [_heard_from_words(r, words, is_filled_pause) if r.faint_from is not None else r
               for r in timeline.regions]
    return timeline if regions == timeline.regions else replace(timeline, regions=regions)


def _heard_from_words(region: SpeechRegion, words: Sequence[Word],
                      is_filled_pause: Callable[[Word], bool]) -> SpeechRegion:
    """`region`, heard from where the words that run on into it begin, no earlier than its faint sound."""
    over = [w for w in words if region.faint_from - _EARLY_S <= w.start < region.heard_from - _MIN_OVER_S
            and w.end - w.start >= _MIN_OVER_S]
    first = None
    for word in sorted(over, key=lambda w: w.end, reverse=True):
        if word.end < (first.start if first is not None else region.heard_from) - _RUNS_ON_S:
            break
        first = word if first is None or word.start < first.start else first
    if first is None:
        return region
    start = region.faint_from if is_filled_pause(first) else max(region.faint_from, first.start)
    return replace(region, sound_start=start) if start <= region.heard_from - _MIN_OVER_S else region
