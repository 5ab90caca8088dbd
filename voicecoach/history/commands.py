"""`voicecoach history | trends | export | reanalyze`: the history from the command line."""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Optional

from voicecoach.analysis.constraint_timing import constraint_of
from voicecoach.errors import VoicecoachError
from voicecoach.history.export import FORMATS, to_csv, to_html, to_json, to_markdown
from voicecoach.history.trends import METRICS, describe_all, measured
from voicecoach.labels import category_label
from voicecoach.options import AnalysisOptions
from voicecoach.plaintext import printable
from voicecoach.report import AnswerReport
from voicecoach.storage import Store
from voicecoach.storage.queries import Filters, history, period_stats
from voicecoach.timefmt import clock

_SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    top = max(values + [1e-9])
    return "".join(_SPARKS[min(len(_SPARKS) - 1, int(v / top * (len(_SPARKS) - 1) + 0.5))] for v in values)


def _follows(row) -> str:
    """How a follow-up's question is marked: after the answer it follows up."""
    return f"↳ (follow-up to {row.parent_id}) " if row.parent_id is not None else ""


def history_table(store: Store, filters: Filters, limit: Optional[int]) -> str:
    rows = history(store, filters, limit)
    if not rows:
        return "No answers in the history yet."
    lines = [f"{'id':>5}  {'when':16}  {'category':24}  {'length':>6}  {'verdict':9}  {'wpm':>4}  "
             f"{'fill/min':>8}  {'long':>4}  question"]
    for r in rows:
        lines.append(f"{r.id:>5}  {r.recorded_at[:16].replace('T', ' '):16}  {printable(category_label(r.category))[:24]:24}  "
                     f"{clock(r.answer_s):>6}  {r.length_verdict:9}  {r.wpm:>4.0f}  {r.fillers_per_min:>8.1f}  "
                     f"{r.long_pause_count:>4}  {_follows(r)}{printable(r.question_text)[:50]}")
    return "\n".join(lines)


def trends_text(store: Store, filters: Filters, by: str = "week") -> str:
    periods = period_stats(store, by, filters)
    if not periods:
        return "No answers in this range yet."
    what = f" in {filters.category}" if filters.category else ""
    lines = [f"{len(periods)} {by}{'s' if len(periods) != 1 else ''}, {sum(p.answers for p in periods)} answers{what}", ""]
    width = max(len(m.label) for m in METRICS)
    for metric in METRICS:
        values = [v for _, v in measured(metric, periods)]
        if values:
            lines.append(f"{metric.label:>{width}}  {sparkline(values)}  {values[-1]:.1f}{metric.unit}")
    changes = describe_all(periods)
    if changes:
        lines += [""] + [f"• {c.sentence}" for c in changes]
    return "\n".join(lines)


def week_start(day: date) -> date:
    """The Monday of `day`'s week (as the history's weekly aggregates count weeks)."""
    return day - timedelta(days=day.weekday())


def since_weeks(weeks: Optional[int], until: Optional[str] = None) -> str:
    if not weeks:
        return ""
    end = date.fromisoformat(until[:10]) if until else datetime.now().date()
    return (week_start(end) - timedelta(weeks=weeks - 1)).isoformat()


def export(store: Store, fmt: str, filters: Filters) -> str:
    if fmt not in FORMATS:
        raise VoicecoachError(f"export format must be one of {', '.join(FORMATS)}")
    rows = history(store, filters)
    periods = period_stats(store, "week", filters)
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "md":
        return to_markdown(rows, periods)
    reports = {a.id: a.report for a in (store.answer(r.id) for r in rows)}
    return to_json(rows, reports, periods) if fmt == "json" else to_html(rows, reports, periods)


def import_answer(store: Store, report: AnswerReport, source: Path, question: str, category: str) -> int:
    """`analyze --save`: keep a copy of the recording with the history, and the answer in it."""
    folder = store.recordings_dir / "imported"
    copy = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / source.name
        n = 1
        while copy.exists():
            copy, n = folder / f"{source.stem}-{n}{source.suffix}", n + 1
        shutil.copyfile(source, copy)  # not copy2: the copy takes the private mode, not the source's
    except OSError as exc:
        if copy is not None:
            copy.unlink(missing_ok=True)  # no partial copy stays behind
        raise VoicecoachError(f"cannot copy {source} into {folder}: {exc.strerror}") from None
    try:
        return store.save_answer(report, question_text=question, category=category, audio_path=str(copy))
    except BaseException:
        copy.unlink(missing_ok=True)  # a copy no answer owns would come back as "interrupted"
        raise


def reanalyze(store: Store, analyzer, answer_ids: Optional[list[int]] = None, progress=print) -> tuple[int, int]:
    """Re-run the analysis of stored answers, one transaction each, keeping the replaced results.
    Returns (re-analysed, skipped)."""
    rows = history(store)
    if answer_ids:
        rows = [r for r in rows if r.id in set(answer_ids)]
    done = skipped = 0
    for row in reversed(rows):  # oldest first
        if not row.audio_path or not Path(row.audio_path).is_file():
            progress(f"answer {row.id}: recording {row.audio_path or '(none)'} is missing; skipped")
            skipped += 1
            continue
        try:
            constraint = constraint_of(store.answer(row.id).report.constraint)
            report = analyzer.analyze_file(row.audio_path, row.category, row.target_s, constraint)
        except VoicecoachError as exc:
            progress(f"answer {row.id}: {exc}; skipped")
            skipped += 1
            continue
        store.replace_analysis(row.id, report)
        done += 1
        progress(f"answer {row.id}: {row.fillers_per_min:.1f} → {report.metrics.fillers_per_min:.1f} fillers/min, "
                 f"{row.long_pause_count} → {report.metrics.long_pause_count} long pauses")
    return done, skipped


def export_to_data_dir(store: Store, what: str, options: AnalysisOptions = AnalysisOptions()) -> Path:
    """The history as one HTML page (`what` "html") or the latest session's debrief as Markdown
    ("debrief"), written to exports/NAME-DATE in the data dir, private to its owner as the data
    dir is. Returns the file written."""
    from voicecoach.history.debrief import session_debrief

    if what == "html":
        text, name, suffix = export(store, "html", Filters()), "history", "html"
    else:
        session_id, text = session_debrief(store, None, options)
        name, suffix = f"debrief-{session_id}", "md"
    folder = store.data_dir / "exports"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / f"{name}-{datetime.now():%Y%m%d-%H%M%S}.{suffix}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    return path
