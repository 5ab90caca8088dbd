"""Live recording meters: input level, elapsed time against the target, current silence."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from voicecoach.timefmt import clock

FLOOR_DBFS = -60.0
AMBER_FROM = 0.85  # of the target


def bar(fraction: float, width: int) -> str:
    filled = max(0, min(width, round(fraction * width)))
    return "█" * filled + "░" * (width - filled)


class LevelMeter(Widget):
    DEFAULT_CSS = "LevelMeter { height: 1; }"
    level_dbfs: reactive[float] = reactive(-120.0)

    def render(self) -> Text:
        width = max(10, self.size.width - 18)
        fraction = (max(self.level_dbfs, FLOOR_DBFS) - FLOOR_DBFS) / -FLOOR_DBFS
        style = "red" if self.level_dbfs > -3 else "green" if self.level_dbfs > -40 else "grey50"
        return Text.assemble(("Level   ", "grey70"), (bar(fraction, width), style),
                             f" {max(self.level_dbfs, -99):5.0f} dBFS")


class TargetBar(Widget):
    """Elapsed time against the target; amber near it, red past it."""

    DEFAULT_CSS = "TargetBar { height: 1; }"
    elapsed_s: reactive[float] = reactive(0.0)
    target_s: reactive[float] = reactive(120.0)

    def watch_elapsed_s(self, elapsed: float) -> None:
        self.set_class(AMBER_FROM * self.target_s <= elapsed <= self.target_s, "-amber")
        self.set_class(elapsed > self.target_s, "-red")

    def render(self) -> Text:
        width = max(10, self.size.width - 24)
        fraction = self.elapsed_s / self.target_s if self.target_s else 0
        style = "red" if self.has_class("-red") else "yellow" if self.has_class("-amber") else "green"
        return Text.assemble(("Time    ", "grey70"), (bar(min(fraction, 1.0), width), style),
                             f" {clock(self.elapsed_s)} / {clock(self.target_s)}")


class SilenceCounter(Widget):
    """How long the speaker has been silent right now; warns past the long-pause threshold."""

    DEFAULT_CSS = "SilenceCounter { height: 1; }"
    silence_s: reactive[float] = reactive(0.0)
    long_pause_s: reactive[float] = reactive(5.0)

    def watch_silence_s(self, silence: float) -> None:
        self.set_class(silence > self.long_pause_s, "-long")

    def render(self) -> Text:
        if self.silence_s > self.long_pause_s:
            return Text(f"Silence {self.silence_s:4.1f} s  — past {self.long_pause_s:g} s: a panel hears uncertainty",
                        "bold red")
        if self.silence_s >= 1.0:
            return Text(f"Silence {self.silence_s:4.1f} s", "yellow")
        return Text("Silence    —", "grey50")
