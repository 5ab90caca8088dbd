"""Trends: one metric per week (or day when zoomed in) as a chart, with the change in words."""

from __future__ import annotations

import math

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from voicecoach.history.commands import since_weeks
from voicecoach.history.trends import METRICS, describe, describe_all, measured
from voicecoach.labels import category_label
from voicecoach.storage.queries import Filters, history, period_stats
from voicecoach.tui.widgets.header import Header

WEEKS, DAYS = 12, 14
_Y_AXIS, _LABEL = 10, 8  # columns for the value axis, and for each "10-05" label with room around it


class TrendsScreen(Screen):
    BINDINGS = [
        Binding("z", "zoom", "Week / day", id="zoom"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, category: str = ""):
        super().__init__()
        self.category = category
        self.by = "week"
        self.periods = []

    def compose(self) -> ComposeResult:
        yield Header()
        categories = sorted({q.category for b in self.app.banks.banks for q in b.questions})
        yield Select([("All categories", "")] + [(category_label(c), c) for c in categories],
                     value=self.category, allow_blank=False, id="trend-category")
        with Horizontal(id="trend-body"):
            with Vertical(id="trend-side"):
                yield OptionList(*[Option(m.label, id=m.key) for m in METRICS], id="trend-metrics")
                yield Static(id="trend-summary", classes="muted")
            yield TrendPlot(id="trend-plot")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0
        self.reload()

    @on(Select.Changed, "#trend-category")
    def change_category(self, event: Select.Changed) -> None:
        self.category = event.value or ""
        self.reload()

    def action_zoom(self) -> None:
        self.by = "day" if self.by == "week" else "week"
        self.reload()

    def reload(self) -> None:
        # The weeks up to the last answer, not up to today: after a break the charts still show practice.
        newest = history(self.app.rehearsal.store, Filters(category=self.category), 1)
        until = newest[0].recorded_at if newest else None
        span = since_weeks(WEEKS if self.by == "week" else DAYS // 7, until)
        self.periods = period_stats(self.app.rehearsal.store, self.by,
                                    Filters(category=self.category, since=span))
        changes = describe_all(self.periods)
        summary = "\n".join(f"• {c.sentence}" for c in changes) or "Practise across two weeks to see trends."
        self.query_one("#trend-summary", Static).update(summary)
        self.draw()

    @on(OptionList.OptionHighlighted, "#trend-metrics")
    def draw(self) -> None:
        metrics = self.query_one(OptionList)
        metric = METRICS[metrics.highlighted or 0]
        per = "day" if self.by == "day" else "week"
        change = describe(metric, self.periods)
        points = measured(metric, self.periods)
        plot = self.query_one(TrendPlot)
        plot.series = (f"{metric.label} per {per}" + (f": {change.sentence}" if change else ""),
                       [p.start[5:] for p, _ in points], [v for _, v in points])
        plot.refresh()


class TrendPlot(PlotextPlot):
    """A chart of one series, drawn afresh on every render: Plotext keeps state from one build to
    the next, so a chart first built at another size (while the screen lays out) kept its ticks."""

    series: tuple[str, list[str], list[float]] = ("", [], [])  # title, x labels, values

    def render(self):
        title, labels, values = self.series
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        if values:
            xs = list(range(len(values)))
            plt.plot(xs, values, marker="braille")
            # As many date labels as fit, chosen here: Plotext's own thinning of crowded labels
            # varies from run to run.
            step = math.ceil(len(xs) / max(1, (self.size.width - _Y_AXIS) // _LABEL))
            plt.xticks(xs[::step], labels[::step])
        return super().render()
