"""The pause timeline: the whole recording as one strip, speech and silence to scale, pauses of a
second or more visible, long pauses marked and numbered."""

from __future__ import annotations

from typing import Optional

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from voicecoach.report import AnswerReport
from voicecoach.timefmt import clock

SHOWN_PAUSE_S = 1.0  # shorter pauses are articulation at this scale
SPEECH, THINK, PAUSE, LONG, FILLER, UNHEARD = "█", "·", "░", "▓", "▲", "?"


def strip_cells(report: AnswerReport, width: int) -> list[str]:
    """One character per cell, from 0 to the end of the recording."""
    total = max(report.duration_s, 1e-6)
    step = total / width
    cells = [" "] * width

    def paint(start: float, end: float, char: str) -> None:
        first = int(start / step)
        last = max(first, int(end / step - 1e-9))
        for i in range(max(0, first), min(last, width - 1) + 1):
            cells[i] = char

    if report.speech_found:
        paint(0.0, report.answer_start_s, THINK)
        paint(report.answer_start_s, report.answer_end_s, SPEECH)
        for pause in report.pauses:
            if pause.duration >= SHOWN_PAUSE_S:
                paint(pause.start, pause.end, LONG if pause.long else PAUSE)
        for start, end in report.unrecognised_speech:
            paint(start, end, UNHEARD)
        for filler in report.fillers:
            paint(filler.start, filler.end, FILLER)
    else:
        paint(0.0, total, THINK)
    return cells


PITCH_LEVELS = "▁▂▃▄▅▆▇█"
PITCH_SPAN_ST = 6.0  # the strip shows the median pitch +- this many semitones


def pitch_cells(report: AnswerReport, width: int) -> list[str]:
    """The pitch strip, cell for cell under `strip_cells`: higher blocks for a higher voice, blank
    where it is not voiced."""
    cells = [" "] * width
    if report.delivery is None:
        return cells
    step = max(report.duration_s, 1e-6) / width
    by_cell: dict[int, list[float]] = {}
    for at, semitones in report.delivery.pitch_contour:
        by_cell.setdefault(min(width - 1, int(at / step)), []).append(semitones)
    top = len(PITCH_LEVELS) - 1
    for cell, values in by_cell.items():
        level = (sorted(values)[len(values) // 2] + PITCH_SPAN_ST) / (2 * PITCH_SPAN_ST)
        cells[cell] = PITCH_LEVELS[max(0, min(top, round(level * top)))]
    return cells


class PauseTimeline(Widget):
    DEFAULT_CSS = """
    PauseTimeline { height: auto; }  /* the legend wraps on a narrow terminal */
    """
    report: reactive[Optional[AnswerReport]] = reactive(None)

    def render(self) -> Text:
        report = self.report
        width = max(10, self.size.width)
        if report is None:
            return Text("")
        styles = {SPEECH: "green", THINK: "grey50", PAUSE: "yellow", LONG: "bold red", FILLER: "bold magenta",
                  UNHEARD: "bold dark_orange"}
        strip = Text()
        for char in strip_cells(report, width):
            strip.append(char, styles.get(char, ""))
        marks = [" "] * width
        step = max(report.duration_s, 1e-6) / width
        for number, pause in enumerate([p for p in report.pauses if p.long], 1):
            at = min(width - 1, int((pause.start + pause.end) / 2 / step))
            marks[at] = str(number % 10)
        pitch = Text()
        rising = [False] * width
        for rise in report.delivery.rises if report.delivery else []:
            for cell in range(int(rise.start / step), min(width, int(rise.end / step) + 1)):
                rising[cell] = True
        for char, up in zip(pitch_cells(report, width), rising):
            pitch.append(char, "bold red" if up else "cyan")
        axis = f"0:00{clock(report.duration_s).rjust(width - 4)}"
        legend = Text.assemble(
            ("▁▄█", "cyan"), " pitch (", ("▄█", "bold red"), " rising at a statement's end)  ", ("█", "green"), " speech  ", ("░", "yellow"), " pause ≥ 1 s  ", ("▓", "bold red"),
            f" long pause > {report.long_pause_s:g} s  ", ("▲", "bold magenta"), " filler  ",
            ("·", "grey50"), " think time",
        )
        if report.unrecognised_speech:
            legend.append_text(Text.assemble("  ", (UNHEARD, "bold dark_orange"), " speech not recognised"))
        return Text("\n").join([strip, pitch, Text("".join(marks), "bold red"), Text(axis, "grey50"), legend])
