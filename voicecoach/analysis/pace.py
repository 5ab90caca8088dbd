"""Speaking pace: words per minute over the answer, and articulation rate without the pauses."""

from __future__ import annotations

from dataclasses import dataclass

from voicecoach.options import AnalysisOptions


@dataclass(frozen=True)
class Pace:
    wpm: float
    articulation_wpm: float
    verdict: str  # "slow", "in band", "fast", "n/a"


def measure_pace(word_count: int, answer_s: float, pause_s: float, options: AnalysisOptions) -> Pace:
    """`word_count` excludes fillers; `pause_s` is the pauses' total inside the answer."""
    if word_count == 0 or answer_s <= 0:
        return Pace(0.0, 0.0, "n/a")
    wpm = word_count / (answer_s / 60.0)
    speaking_s = max(answer_s - pause_s, 1e-6)
    articulation = word_count / (speaking_s / 60.0)
    if wpm < options.pace_min_wpm:
        verdict = "slow"
    elif wpm > options.pace_max_wpm:
        verdict = "fast"
    else:
        verdict = "in band"
    return Pace(wpm, articulation, verdict)
