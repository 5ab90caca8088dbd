"""Attempt against attempt: what changed between two answers to the same question - length,
fillers, long pauses, pace, hedges and the content signals gained or lost - and whether each
change is for the better. A pure function of the two reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from voicecoach.analysis.content.signals import present_signals
from voicecoach.labels import signal_label
from voicecoach.options import AnalysisOptions
from voicecoach.report import AnswerReport
from voicecoach.timefmt import clock


@dataclass(frozen=True)
class Change:
    measure: str
    before: str
    after: str
    better: Optional[bool]  # None: no better or worse (the same, or a matter of taste)


def _lower(before: float, after: float) -> Optional[bool]:
    return None if round(before, 1) == round(after, 1) else after < before


def compare_attempts(before: AnswerReport, after: AnswerReport,
                     options: AnalysisOptions = AnalysisOptions()) -> list[Change]:
    """The changes from the `before` attempt to the `after` one, measure by measure."""
    b, a = before.metrics, after.metrics
    if b is None or a is None:
        return []
    length = None if abs(a.length_delta_s) == abs(b.length_delta_s) else (
        a.length_verdict == "on target" and b.length_verdict != "on target"
        or (a.length_verdict == b.length_verdict and abs(a.length_delta_s) < abs(b.length_delta_s)))
    in_band = (lambda wpm: options.pace_min_wpm <= wpm <= options.pace_max_wpm)
    pace = None if in_band(a.wpm) == in_band(b.wpm) else in_band(a.wpm)
    changes = [
        Change("Length", f"{clock(before.answer_s)} ({b.length_verdict})",
               f"{clock(after.answer_s)} ({a.length_verdict})", length),
        Change("Fillers per minute", f"{b.fillers_per_min:.1f}", f"{a.fillers_per_min:.1f}",
               _lower(b.fillers_per_min, a.fillers_per_min)),
        Change("Long pauses", str(b.long_pause_count), str(a.long_pause_count),
               _lower(b.long_pause_count, a.long_pause_count)),
        Change("Pace", f"{b.wpm:.0f} wpm", f"{a.wpm:.0f} wpm", pace),
        Change("Hedges", str(b.hedge_count), str(a.hedge_count), _lower(b.hedge_count, a.hedge_count)),
    ]
    had = present_signals(before.signals) if before.signals else set()
    has = present_signals(after.signals) if after.signals else set()
    for signal in sorted(has - had):
        changes.append(Change(f"Gained: {signal_label(signal)}", "no", "yes", True))
    for signal in sorted(had - has):
        changes.append(Change(f"Lost: {signal_label(signal)}", "yes", "no", False))
    return changes
