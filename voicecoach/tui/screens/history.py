"""History: every answer, filterable by bank, category and date; open any in the review screen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from voicecoach.labels import category_label, counted, shortened
from voicecoach.storage.queries import Filters, history
from voicecoach.timefmt import clock
from voicecoach.tui.plain import plain
from voicecoach.tui.widgets.header import Header

LIMIT = 1000


class HistoryScreen(Screen):
    BINDINGS = [
        Binding("t", "trends", "Trends", id="trends"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        categories = sorted({q.category for b in self.app.banks.banks for q in b.questions})
        with Horizontal(id="history-filters"):
            yield Select([("All banks", "")] + [(b.name, b.id) for b in self.app.banks.banks],
                         value="", allow_blank=False, id="filter-bank")
            yield Select([("All categories", "")] + [(category_label(c), c) for c in categories],
                         value="", allow_blank=False, id="filter-category")
            yield Input(placeholder="since YYYY-MM-DD", id="filter-since")
        yield Static(id="history-count", classes="muted")
        yield DataTable(id="history-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("When", "Bank", "Category", "Question", "Try", "Length",
                                              "WPM", "Fillers/min", "Long pauses")
        self.reload()

    def filters(self) -> Filters:
        since = self.query_one("#filter-since", Input).value.strip()
        return Filters(category=self.query_one("#filter-category", Select).value or "",
                       bank_id=self.query_one("#filter-bank", Select).value or "", since=since)

    @on(Select.Changed)
    @on(Input.Changed)
    def reload(self) -> None:
        rows = history(self.app.rehearsal.store, self.filters(), LIMIT)
        table = self.query_one(DataTable)
        table.clear()
        for r in rows:
            table.add_row(r.recorded_at[:16].replace("T", " "), plain(r.bank_name or "—"), plain(category_label(r.category)),
                          plain(shortened(r.question_text, 44)), str(r.attempt), f"{clock(r.answer_s)} {r.length_verdict}",
                          f"{r.wpm:.0f}", f"{r.fillers_per_min:.1f}", str(r.long_pause_count), key=str(r.id))
        self.query_one("#history-count", Static).update(
            f"{counted(len(rows), 'answer')}{' (the newest ' + str(LIMIT) + ')' if len(rows) == LIMIT else ''}"
        )

    @on(DataTable.RowSelected, "#history-table")
    def open_answer(self, event: DataTable.RowSelected) -> None:
        self.app.review_stored(self.app.rehearsal.store.answer(int(event.row_key.value)))

    def action_trends(self) -> None:
        self.app.show_trends(self.filters().category)
