"""History and trends queries. Aggregates are computed in SQL over the metric columns, never by
loading transcripts, so a year of answers answers in milliseconds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from voicecoach.storage.store import Store


@dataclass(frozen=True)
class Filters:
    category: str = ""
    bank_id: str = ""
    since: str = ""  # ISO date or datetime, inclusive
    until: str = ""  # exclusive

    def where(self) -> tuple[str, list]:
        clauses, args = [], []
        if self.category:
            clauses.append("a.category = ?")
            args.append(self.category)
        if self.bank_id:
            clauses.append("s.bank_id = ?")
            args.append(self.bank_id)
        if self.since:
            clauses.append("a.recorded_at >= ?")
            args.append(self.since)
        if self.until:
            clauses.append("a.recorded_at < ?")
            args.append(self.until)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


@dataclass(frozen=True)
class HistoryRow:
    id: int
    recorded_at: str
    bank_name: str
    category: str
    question_text: str
    attempt: int
    answer_s: float
    target_s: float
    length_verdict: str
    wpm: float
    filler_count: int
    fillers_per_min: float
    long_pause_count: int
    longest_pause_s: float
    hedge_count: int
    booster_count: int
    think_time_s: float
    audio_path: str
    pitch_variation_st: Optional[float]  # None: analysed before delivery was measured
    uptalk_count: Optional[int]
    parent_id: Optional[int] = None  # a follow-up: the answer it follows up
    follow_up_rule: str = ""


def history(store: Store, filters: Filters = Filters(), limit: Optional[int] = None) -> list[HistoryRow]:
    where, args = filters.where()
    sql = f"""SELECT a.id, a.recorded_at, COALESCE(s.bank_name, '') AS bank_name, a.category, a.question_text,
                     a.attempt, a.answer_s, a.target_s, a.length_verdict, a.wpm, a.filler_count,
                     a.fillers_per_min, a.long_pause_count, a.longest_pause_s, a.hedge_count,
                     a.booster_count, a.think_time_s, a.audio_path, a.pitch_variation_st, a.uptalk_count,
                     a.parent_id, a.follow_up_rule
              FROM answers a LEFT JOIN sessions s ON s.id = a.session_id {where}
              ORDER BY a.recorded_at DESC, a.id DESC {'LIMIT ?' if limit else ''}"""
    rows = store.query(sql, args + ([limit] if limit else []))
    return [HistoryRow(**{**dict(row), "audio_path": store.audio_file(row["audio_path"])}) for row in rows]


@dataclass(frozen=True)
class PeriodStats:
    start: str  # first day of the period, YYYY-MM-DD (weeks start on Monday)
    answers: int
    fillers_per_min: float
    long_pauses_per_answer: float
    longest_pause_s: float
    within_target_pct: float
    mean_answer_s: float
    wpm: float
    hedges_per_min: float
    boosters_per_min: float
    think_time_s: float
    pitch_variation_st: Optional[float] = None  # None: no answer in the period has delivery measured
    uptalk_pct: Optional[float] = None  # statements that ended rising, of all statements judged


# The period an answer falls in: its day, or the Monday on or before it.
_PERIOD = {
    "day": "date(a.recorded_at)",
    "week": "date(a.recorded_at, '-6 days', 'weekday 1')",
}


def period_stats(store: Store, by: str = "week", filters: Filters = Filters()) -> list[PeriodStats]:
    """Per week (or day), oldest first; answers with no speech are left out of the rates."""
    if by not in _PERIOD:
        raise ValueError(f"period must be day or week, not {by!r}")
    where, args = filters.where()
    speech = "a.answer_s > 0"
    where = f"{where} AND {speech}" if where else f"WHERE {speech}"
    sql = f"""
        SELECT {_PERIOD[by]} AS start,
               COUNT(*) AS answers,
               AVG(a.fillers_per_min) AS fillers_per_min,
               AVG(a.long_pause_count) AS long_pauses_per_answer,
               MAX(a.longest_pause_s) AS longest_pause_s,
               100.0 * AVG(a.length_verdict = 'on target') AS within_target_pct,
               AVG(a.answer_s) AS mean_answer_s,
               AVG(a.wpm) AS wpm,
               60.0 * SUM(a.hedge_count) / SUM(a.answer_s) AS hedges_per_min,
               60.0 * SUM(a.booster_count) / SUM(a.answer_s) AS boosters_per_min,
               AVG(a.think_time_s) AS think_time_s,
               AVG(a.pitch_variation_st) AS pitch_variation_st,
               100.0 * SUM(a.uptalk_count) / NULLIF(SUM(a.statement_count), 0) AS uptalk_pct
        FROM answers a LEFT JOIN sessions s ON s.id = a.session_id
        {where}
        GROUP BY start ORDER BY start"""
    return [PeriodStats(**dict(row)) for row in store.query(sql, args)]
