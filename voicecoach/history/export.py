"""Exports of the history: CSV (one row per answer), JSON (answers with their full analyses, weekly
aggregates, trend statements), Markdown, and one self-contained HTML report with the charts and a
pause timeline per answer, readable offline."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import asdict, fields
from typing import Sequence

from voicecoach.analysis.content.signals import evidence
from voicecoach.history.trends import METRICS, Change, TrendMetric, describe_all, measured
from voicecoach.labels import category_label, counted, quoted
from voicecoach.plaintext import csv_cell, markdown_cell
from voicecoach.report import AnswerReport
from voicecoach.storage.queries import HistoryRow, PeriodStats
from voicecoach.timefmt import clock
from voicecoach.transcript import joined

FORMATS = ("csv", "json", "md", "html")


def to_csv(rows: Sequence[HistoryRow]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[f.name for f in fields(HistoryRow)])
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_cell(value) for key, value in asdict(row).items()})
    return out.getvalue()


def to_json(rows: Sequence[HistoryRow], reports: dict[int, AnswerReport], periods: Sequence[PeriodStats]) -> str:
    return json.dumps({
        "answers": [{**asdict(r), "report": reports[r.id].to_dict()} for r in rows],
        "weeks": [asdict(p) for p in periods],
        "changes": [c.sentence for c in describe_all(periods)],
    }, indent=2)


def to_markdown(rows: Sequence[HistoryRow], periods: Sequence[PeriodStats]) -> str:
    lines = ["# voicecoach history", ""]
    changes = describe_all(periods)
    if changes:
        lines += ["## Trends", ""] + [f"- {c.sentence}" for c in changes] + [""]
    if periods:
        lines += ["## Weeks", "", "| week | answers | fillers/min | long pauses/answer | within target | wpm | "
                  "pitch variation | statements ending rising |", "|---|---|---|---|---|---|---|---|"]
        lines += [f"| {p.start} | {p.answers} | {p.fillers_per_min:.1f} | {p.long_pauses_per_answer:.2f} | "
                  f"{p.within_target_pct:.0f} % | {p.wpm:.0f} | {_or_dash(p.pitch_variation_st, '{:.1f} st')} | "
                  f"{_or_dash(p.uptalk_pct, '{:.0f} %')} |" for p in periods]
        lines.append("")
    lines += ["## Answers", "", "| when | category | question | length | fillers | long pauses | wpm | "
              "pitch variation | uptalk |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.recorded_at[:16].replace('T', ' ')} | {markdown_cell(category_label(r.category))} | "
                     f"{markdown_cell(r.question_text)} | "
                     f"{clock(r.answer_s)} ({r.length_verdict}) | {r.filler_count} | {r.long_pause_count} | "
                     f"{r.wpm:.0f} | {_or_dash(r.pitch_variation_st, '{:.1f} st')} | "
                     f"{_or_dash(r.uptalk_count, '{}')} |")
    return "\n".join(lines) + "\n"


def _or_dash(value, form: str) -> str:
    """A measure, or "-" for an answer analysed before it was measured."""
    return "-" if value is None else form.format(value)


# -- HTML ----------------------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1, h2 { font-weight: 600; } .muted { color: #777; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
figure { margin: 0; } figcaption { font-size: 13px; color: #555; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eee; }
details { margin: .5rem 0; } summary { cursor: pointer; }
.good { color: #1a7f37; } .bad { color: #cf222e; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: 13px; color: #555; margin: .5rem 0; }
.legend i { display: inline-block; width: .9rem; height: .9rem; margin-right: .3rem; vertical-align: -2px; }
.metrics td:first-child { color: #555; width: 11rem; }
.scorecard td { vertical-align: top; } .scorecard .muted { font-size: 13px; }
"""

# The timeline's colours, named once for the SVG and its legend.
_SPEECH, _PAUSE, _LONG, _FILLER, _SILENCE = "#2da44e", "#d4a72c", "#cf222e", "#8250df", "#eee"


def line_chart(all_periods: Sequence[PeriodStats], metric: TrendMetric) -> str:
    """An inline SVG line chart of one metric per period (the periods that have a value)."""
    width, height, pad = 300, 120, 24
    key, label, unit = metric.key, metric.label, metric.unit
    points_measured = measured(metric, all_periods)
    periods = [p for p, _ in points_measured]
    values = [v for _, v in points_measured]
    top = max(values + [1e-9]) * 1.15
    step = (width - 2 * pad) / max(1, len(values) - 1)
    points = [(pad + i * step, height - pad - (v / top) * (height - 2 * pad)) for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5"><title>{html.escape(p.start)}: '
                   f'{v:.2f}{unit}</title></circle>' for (x, y), p, v in zip(points, periods, values))
    first = html.escape(periods[0].start) if periods else ""
    last = html.escape(periods[-1].start) if periods else ""
    return (
        f'<svg class="chart" data-metric="{key}" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{html.escape(label)}"><polyline fill="none" stroke="#0969da" stroke-width="2" '
        f'points="{path}"/>{dots}<text x="{pad}" y="{height - 6}" font-size="10">{first}</text>'
        f'<text x="{width - pad}" y="{height - 6}" font-size="10" text-anchor="end">{last}</text>'
        f'<text x="{pad}" y="12" font-size="10">max {top / 1.15:.1f}{unit}</text></svg>'
    )


def timeline_svg(report: AnswerReport) -> str:
    """The answer's pause timeline: speech, pauses of 1 s or more, long pauses, fillers, over a
    time axis (see `timeline_legend`)."""
    width, height, axis = 600, 44, 34
    total = max(report.duration_s, 1e-6)

    def x(t: float) -> float:
        return t / total * width

    parts = [f'<rect x="0" y="6" width="{width}" height="14" fill="{_SILENCE}"/>']
    if report.speech_found:
        parts.append(f'<rect class="speech" x="{x(report.answer_start_s):.1f}" y="6" '
                     f'width="{x(report.answer_end_s) - x(report.answer_start_s):.1f}" height="14" fill="{_SPEECH}"/>')
        for p in report.pauses:
            if p.duration >= 1.0:
                colour = _LONG if p.long else _PAUSE
                parts.append(f'<rect class="{"long-pause" if p.long else "pause"}" x="{x(p.start):.1f}" y="6" '
                             f'width="{x(p.end) - x(p.start):.1f}" height="14" fill="{colour}"><title>'
                             f'{clock(p.start)}: {p.duration:.1f} s</title></rect>')
        for f in report.fillers:
            parts.append(f'<rect class="filler" x="{x(f.start):.1f}" y="2" width="2" height="22" fill="{_FILLER}">'
                         f'<title>{html.escape(f.text)} at {clock(f.start)}</title></rect>')
    parts.append(f'<line class="axis" x1="0" y1="26" x2="{width}" y2="26" stroke="#999"/>')
    for k in range(5):  # ticks at 0, a quarter, half, three quarters and the end
        at = total * k / 4
        anchor = "start" if k == 0 else "end" if k == 4 else "middle"
        parts.append(f'<line x1="{x(at):.1f}" y1="26" x2="{x(at):.1f}" y2="29" stroke="#999"/>'
                     f'<text x="{x(at):.1f}" y="{axis + 6}" font-size="10" fill="#555" text-anchor="{anchor}">'
                     f'{clock(at)}</text>')
    return f'<svg class="timeline" viewBox="0 0 {width} {height}" width="100%">{"".join(parts)}</svg>'


def timeline_legend(long_pause_s: float) -> str:
    items = [(_SPEECH, "speech"), (_PAUSE, "pause of 1 s or more"), (_LONG, f"long pause (over {long_pause_s:g} s)"),
             (_FILLER, "filler"), (_SILENCE, "before and after the answer")]
    return '<div class="legend">' + "".join(
        f'<span><i style="background:{colour}"></i>{html.escape(label)}</span>' for colour, label in items) + "</div>"


def _answer_html(report: AnswerReport) -> str:
    """An answer's metrics, confidence phrases, content signals and tips, beside its timeline."""
    m = report.metrics
    rows = []
    if m is not None and report.speech_found:
        rows += [("Length", f"{clock(report.answer_s)} ({m.length_verdict}, target {clock(report.target_s)})"),
                 ("Pace", f"{m.wpm:.0f} wpm ({m.pace_verdict})"),
                 ("Fillers", f"{m.filler_count} ({m.fillers_per_min:.1f}/min)"),
                 ("Long pauses", f"{m.long_pause_count} (longest {m.longest_pause_s:.1f} s)"),
                 ("Hedges", _phrases(report.hedges) or "none"),
                 ("Boosters", _phrases(report.boosters) or "none"),
                 ("Confidence", m.confidence_verdict)]
    if report.signals:
        rows += [(what.capitalize(), quoted(p.text, p.start)) for what, p in evidence(report.signals)]
    table = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in rows)
    tips = "".join(f"<li>{html.escape(tip)}</li>" for tip in report.tips())
    return (f'<table class="metrics">{table}</table>' if table else "") + (
        f'<ul class="tips">{tips}</ul>' if tips else "")


def _phrases(phrases) -> str:
    return ", ".join(quoted(p.text, p.start) for p in phrases)


def _delivery_html(report: AnswerReport) -> str:
    """How the answer sounded, under its timeline (its tips are with the others)."""
    d = report.delivery
    if d is None:
        return ""
    summary = (f"Pitch {d.pitch_median_hz:.0f} Hz, varies {d.pitch_variation_st:.1f} semitones"
               f"{' (monotone)' if d.monotone else ''}; {len(d.rises)} of {d.statements} statements end rising; "
               f"level {d.level_dbfs:.0f} dBFS")
    return f'<p class="delivery">{html.escape(summary)}</p>'


def _change_html(change: Change) -> str:
    css = "" if change.improved is None else ("good" if change.improved else "bad")
    return f'<li class="{css}">{html.escape(change.sentence)}</li>'


def to_html(rows: Sequence[HistoryRow], reports: dict[int, AnswerReport], periods: Sequence[PeriodStats]) -> str:
    if not periods:
        charts = '<p class="muted">No answers yet.</p>'
    elif len(periods) == 1:
        # One point per chart says nothing, and an axis from a date to the same date less.
        charts = (f'<p class="muted one-week">One week of practice so far ({html.escape(periods[0].start)}): '
                  "the charts start with a second week.</p>")
    else:
        charts = '<div class="charts">' + "".join(
            f"<figure>{line_chart(periods, m)}<figcaption>{html.escape(m.label)} per week"
            f"</figcaption></figure>" for m in METRICS if measured(m, periods)) + "</div>"
    changes = "".join(_change_html(c) for c in describe_all(periods))
    answers = []
    for r in rows:
        report = reports[r.id]
        words = joined(f"<mark>{html.escape(w.text)}</mark>" if w.kind == "filler" else html.escape(w.text)
                       for w in report.words)
        answers.append(
            f'<details class="answer" data-id="{r.id}"><summary>{html.escape(r.recorded_at[:16].replace("T", " "))}'
            f" · {html.escape(r.question_text or '(no question)')} · {clock(r.answer_s)} · "
            f"{counted(r.filler_count, 'filler')} · {counted(r.long_pause_count, 'long pause')}</summary>"
            f"{timeline_svg(report)}{_delivery_html(report)}{_answer_html(report)}<p>{words}</p></details>"
        )
    long_pause_s = next((reports[r.id].long_pause_s for r in rows), 5.0)
    return html_page("voicecoach history", (
        f'<p class="muted">{counted(len(rows), "answer")}, {counted(len(periods), "week")}.</p>'
        f"<h2>Trends</h2><ul>{changes}</ul>{charts}"
        f"<h2>Answers</h2>{timeline_legend(long_pause_s)}{''.join(answers)}"))


def html_page(title: str, body: str) -> str:
    """One self-contained page: no script, no font or style fetched, readable offline."""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>\n")


def _change_html(change: Change) -> str:
    css = "" if change.improved is None else ("good" if change.improved else "bad")
    return f'<li class="{css}">{html.escape(change.sentence)}</li>'
