"""Speech no word covers: where the audio holds speech but the transcript has nothing.

tiny.en sometimes stops early inside a window, or loops on a phrase and loses what follows; the
speech it skipped is still on the timeline. Such a stretch is transcribed again (the pipeline does
that); what stays uncovered is reported as unrecognised speech. It is never a pause.
"""

from __future__ import annotations

from typing import Optional, Sequence

from voicecoach.timeline import SpeechTimeline
from voicecoach.transcript import Word

_WORD_SLACK_S = 0.15  # Whisper's word edges drift by a few 20-ms steps


def uncovered_speech(words: Sequence[Word], timeline: SpeechTimeline, min_s: float,
                     tail_min_s: Optional[float] = None) -> list[tuple[float, float]]:
    """(start, end) of every stretch of timeline speech (Silero's or voiced, up to where its sound
    ends) at least `min_s` long that no word (widened by a little slack) overlaps, in order.
    `words`: anything with a start and an end.
    `tail_min_s`: how long the speech left after a region's last word must be instead (None: `min_s`)."""
    covered = sorted((w.start - _WORD_SLACK_S, w.end + _WORD_SLACK_S) for w in words)
    stretches = []
    for region in timeline.regions:
        if region.energy_only:
            continue  # a breath is loud too: only the detectors of speech count here
        # Up to where its sound ends: Silero's end lags it, and speech left there after the last
        # word ("Uh," under a 50-Hz buzz, its sound ended at 4.37 s, Silero's region at 4.74 s)
        # held a 5.25-s silence back 0.37 s, and it was called short.
        at, sound_end = region.start, region.heard_until
        for start, end in covered:
            if end <= at or start >= sound_end:
                continue
            if start - at >= min_s:
                stretches.append((at, start))
            at = max(at, end)
        after_a_word = at > region.start
        if sound_end - at >= (tail_min_s if after_a_word and tail_min_s is not None else min_s):
            stretches.append((at, sound_end))
    return stretches
