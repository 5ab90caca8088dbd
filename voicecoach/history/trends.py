"""Trends in words: "fillers/min down 38 % over 4 weeks (3.2 -> 2.0)". Pure functions over period
aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional, Sequence

from voicecoach.storage.queries import PeriodStats


@dataclass(frozen=True)
class TrendMetric:
    key: str  # a PeriodStats field
    label: str
    unit: str  # shown after values: "", " s", " %", " wpm"
    better: str  # "lower", "higher", or "" when neither is better
    points: bool = False  # changes in percentage points, not percent


METRICS = (
    TrendMetric("fillers_per_min", "fillers/min", "", "lower"),
    TrendMetric("long_pauses_per_answer", "long pauses per answer", "", "lower"),
    TrendMetric("longest_pause_s", "longest pause", " s", "lower"),
    TrendMetric("within_target_pct", "answers within the target", " %", "higher", points=True),
    TrendMetric("mean_answer_s", "mean answer length", " s", ""),
    TrendMetric("wpm", "pace", " wpm", ""),
    TrendMetric("hedges_per_min", "hedges/min", "", "lower"),
    TrendMetric("boosters_per_min", "boosters/min", "", "lower"),
    TrendMetric("think_time_s", "think time", " s", ""),
    TrendMetric("pitch_variation_st", "pitch variation", " st", "higher"),
    TrendMetric("uptalk_pct", "statements ending rising", " %", "lower", points=True),
)


def measured(metric: TrendMetric, periods: Sequence[PeriodStats]) -> list[tuple[PeriodStats, float]]:
    """The periods that have a value for `metric` (delivery is missing before it was measured)."""
    return [(p, v) for p in periods if (v := getattr(p, metric.key)) is not None]


@dataclass(frozen=True)
class Change:
    metric: TrendMetric
    first: float
    last: float
    span_days: int
    sentence: str
    improved: Optional[bool]  # None when the metric has no better direction, or did not move


def _span(first: PeriodStats, last: PeriodStats) -> tuple[int, str]:
    days = (date.fromisoformat(last.start) - date.fromisoformat(first.start)).days
    if days % 7 == 0 and days >= 7:
        return days, f"{days // 7} week{'s' if days != 7 else ''}"
    return days, f"{days} day{'s' if days != 1 else ''}"


def describe(metric: TrendMetric, periods: Sequence[PeriodStats]) -> Optional[Change]:
    """The change from the first period to the last that have a value; None with fewer than two."""
    values = measured(metric, periods)
    if len(values) < 2:
        return None
    (first_period, first), (last_period, last) = values[0], values[-1]
    days, span = _span(first_period, last_period)
    values = f"({first:.1f}{metric.unit} → {last:.1f}{metric.unit})"
    if metric.points:
        delta = last - first
        moved = abs(delta) >= 0.5
        what = f"{'up' if delta > 0 else 'down'} {abs(delta):.0f} points" if moved else "unchanged"
    elif first == 0:
        moved = last != 0
        what = f"up from 0 to {last:.1f}{metric.unit}" if moved else "unchanged at 0"
        values = ""
    else:
        ratio = (last - first) / first
        moved = abs(ratio) >= 0.005
        what = f"{'up' if ratio > 0 else 'down'} {abs(ratio):.0%}".replace("%", " %") if moved else "unchanged"
    improved = None
    if moved and metric.better:
        improved = (last < first) == (metric.better == "lower")
    sentence = f"{metric.label} {what} over {span}" + (f" {values}" if values else "")
    return Change(metric, first, last, days, sentence, improved)


def describe_all(periods: Sequence[PeriodStats]) -> list[Change]:
    return [c for c in (describe(m, periods) for m in METRICS) if c is not None]
