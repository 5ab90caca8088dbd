"""An answer's metrics as a compact table, each against its target."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static

from voicecoach.labels import counted
from voicecoach.report import AnswerReport
from voicecoach.timefmt import clock

GOOD, WARN, BAD = "green", "yellow", "bold red"


def metrics_table(report: AnswerReport) -> Table:
    m = report.metrics
    table = Table.grid(padding=(0, 2))
    table.add_column(style="grey70")
    table.add_column()
    table.add_column(style="grey50")
    if m is None or not report.speech_found:
        table.add_row("Length", "no speech found", "")
        return table
    length_style = {"on target": GOOD, "short": WARN, "over": BAD}.get(m.length_verdict, "")
    by = f"{abs(m.length_delta_s):.0f} s {'under' if m.length_delta_s < 0 else 'over'}"
    table.add_row("Length", _styled(f"{clock(report.answer_s)} · {m.length_verdict}", length_style),
                  f"target {clock(report.target_s)} ({by})")
    table.add_row("Think time", f"{report.think_time_s:.1f} s", "before the first word")
    pace_style = GOOD if m.pace_verdict == "in band" else WARN
    table.add_row("Pace", f"[{pace_style}]{m.wpm:.0f} wpm · {m.pace_verdict}[/]",
                  f"articulation {m.articulation_wpm:.0f} wpm")
    # The same band as the text report and the debrief (fillers_ok_per_min).
    filler_style = {"few": GOOD, "frequent": WARN}.get(m.filler_verdict, "")
    verdict = f" · {m.filler_verdict}" if m.filler_verdict != "n/a" else ""
    table.add_row("Fillers", _styled(f"{m.filler_count} · {m.fillers_per_min:.1f}/min{verdict}", filler_style), "")
    pause_style = GOOD if m.long_pause_count == 0 else BAD
    table.add_row("Long pauses", f"[{pause_style}]{m.long_pause_count}[/]",
                  f"longest {m.longest_pause_s:.1f} s · {counted(m.pause_count, 'pause')}")
    table.add_row("Hedges", str(m.hedge_count), "")
    table.add_row("Boosters", str(m.booster_count), f"{m.calibrated_count} calibrated")
    confidence_style = GOOD if m.confidence_verdict == "balanced" else WARN
    table.add_row("Confidence", f"[{confidence_style}]{m.confidence_verdict}[/]", "")
    return table


def _styled(text: str, style: str) -> str:
    """Markup for `text` in `style`; an unknown verdict (an older report's) gets none: "[]" is no markup."""
    return f"[{style}]{text}[/]" if style else text


class MetricsPanel(Static):
    def show(self, report: AnswerReport) -> None:
        self.update(metrics_table(report))
