"""Answers with chosen metrics, for history and trends tests and the scale benchmark."""

from __future__ import annotations

from voicecoach.report import AnswerReport, Metrics, Pause, ReportWord


def report_with(*, answer_s: float, fillers_per_min: float, long_pauses: int, longest_pause_s: float,
                verdict: str, wpm: float, hedges: int, boosters: int, think_s: float) -> AnswerReport:
    """A report whose metrics are exactly these (its words and pauses only sketch them)."""
    pauses = [Pause(think_s + 10.0 * i, think_s + 10.0 * i + longest_pause_s, longest_pause_s, True, "a", "b")
              for i in range(long_pauses)]
    return AnswerReport(
        duration_s=think_s + answer_s + 1.0, think_time_s=think_s, answer_start_s=think_s,
        answer_end_s=think_s + answer_s, answer_s=answer_s, target_s=120.0, long_pause_s=5.0,
        speech_found=True, words=[ReportWord("answer", think_s, think_s + 0.4, "word")],
        speech=[(think_s, think_s + answer_s)], pauses=pauses,
        metrics=Metrics(
            word_count=int(wpm * answer_s / 60), wpm=wpm, articulation_wpm=wpm * 1.2, pace_verdict="in band",
            filler_count=round(fillers_per_min * answer_s / 60), fillers_per_min=fillers_per_min,
            pause_count=long_pauses + 3, long_pause_count=long_pauses, longest_pause_s=longest_pause_s,
            hedge_count=hedges, booster_count=boosters, calibrated_count=0, length_verdict=verdict,
            length_delta_s=answer_s - 120.0, confidence_verdict="balanced",
        ),
        model="seed",
    )
