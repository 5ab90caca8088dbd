"""The transcript with fillers, hedges and boosters in distinct styles."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from voicecoach.report import AnswerReport

STYLES = {
    "filler": "bold black on yellow",
    "hedge": "italic underline cyan",
    "booster": "bold magenta",
    "calibrated": "green",
}


def transcript_text(report: AnswerReport) -> Text:
    def inside(word, phrases) -> bool:
        return any(p.start - 1e-3 <= word.start and word.end <= p.end + 1e-3 for p in phrases)

    text = Text()
    audio_fillers = [f for f in report.fillers if f.source == "audio"]
    for word in report.words:
        for filler in [f for f in audio_fillers if f.start <= word.start]:
            text.append("(um?)", STYLES["filler"]).append(" ")
            audio_fillers.remove(filler)
        if word.kind == "filler":
            style = STYLES["filler"]
        elif inside(word, report.boosters):
            style = STYLES["booster"]
        elif inside(word, report.hedges):
            style = STYLES["hedge"]
        elif inside(word, report.calibrated):
            style = STYLES["calibrated"]
        else:
            style = ""
        text.append(word.text, style).append(" ")
    if not report.words:
        text.append("No speech was found in this recording.", "italic grey50")
    return text


def legend() -> Text:
    return Text.assemble(("filler", STYLES["filler"]), "  ", ("hedge", STYLES["hedge"]), "  ",
                         ("booster", STYLES["booster"]), "  ", ("calibrated", STYLES["calibrated"]))


class TranscriptView(Static):
    def show(self, report: AnswerReport) -> None:
        self.update(transcript_text(report))
