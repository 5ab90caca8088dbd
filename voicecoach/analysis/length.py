"""Answer length against the target (two minutes by default)."""

from __future__ import annotations

from dataclasses import dataclass

from voicecoach.options import AnalysisOptions


@dataclass(frozen=True)
class Length:
    verdict: str  # "short", "on target", "over", "no speech"
    delta_s: float  # answer minus target: negative is under


def judge_length(answer_s: float, options: AnalysisOptions) -> Length:
    delta = answer_s - options.target_s
    if answer_s <= 0:
        return Length("no speech", delta)
    if answer_s < options.short_below_fraction * options.target_s:
        return Length("short", delta)
    if delta > options.over_grace_s:
        return Length("over", delta)
    return Length("on target", delta)
