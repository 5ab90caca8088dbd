"""Session summary: every answer in a table with its worst long pause and filler count; the answers
to follow-up questions under the answer they follow up; then the panel's debrief: a verdict on each
answer per row, and what to practise next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from voicecoach.history.debrief import scorecard_of
from voicecoach.labels import counted, shortened
from voicecoach.timefmt import clock
from voicecoach.tui.plain import plain
from voicecoach.tui.widgets.header import Header


class SummaryScreen(Screen):
    BINDINGS = [
        Binding("h,escape", "home", "Home", id="home"),
    ]

    def __init__(self, session_id: int):
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary-heading", classes="title")
        yield DataTable(id="summary-table", cursor_type="row")
        yield Static("Debrief: select a verdict to review that answer", id="debrief-heading", classes="title")
        yield DataTable(id="debrief", cursor_type="cell")
        yield Static(id="practise-next")
        yield Footer()

    def on_mount(self) -> None:
        answers = self.app.rehearsal.store.answers(self.session_id)
        self.answers = {str(a.id): a for a in answers}
        table = self.query_one(DataTable)
        table.add_columns("#", "Question", "Try", "Length", "Verdict", "WPM", "Fillers", "Long pauses",
                          "Worst pause")
        numbers: dict[int, int] = {}  # answer id -> its number; follow-ups take their parent's
        for answer in answers:
            report, m = answer.report, answer.report.metrics
            long_pauses = [p for p in report.pauses if p.long]
            worst = max(long_pauses, key=lambda p: p.duration, default=None)
            if answer.parent_id in numbers:  # a follow-up: "2↳", under the answer it follows up
                number, question = f"{numbers[answer.parent_id]}↳", f"↳ {answer.question_text}"
            else:
                numbers[answer.id] = len(numbers) + 1
                number, question = str(numbers[answer.id]), answer.question_text
            table.add_row(
                number, plain(shortened(question, 48)), str(answer.attempt), clock(report.answer_s),
                m.length_verdict, f"{m.wpm:.0f}", str(m.filler_count), str(m.long_pause_count),
                f"{worst.duration:.1f} s at {clock(worst.start)}" if worst else "—",
                key=str(answer.id),
            )
        self.show_debrief(answers)
        total_fillers = sum(a.report.metrics.filler_count for a in answers)
        total_long = sum(a.report.metrics.long_pause_count for a in answers)
        self.query_one("#summary-heading", Static).update(
            f"Session summary: {counted(len(answers), 'answer')}, {counted(total_fillers, 'filler')}, "
            f"{counted(total_long, 'long pause')}"
        )

    def show_debrief(self, answers) -> None:
        card = scorecard_of(answers, self.app.settings.analysis)
        self.card = card
        self.debriefed = [str(answers[i].id) for i in card.answers]  # the column of each verdict
        table = self.query_one("#debrief", DataTable)
        table.add_columns("", *[f"Q{i}" for i in range(1, len(card.answers) + 1)])
        for row in card.rows:
            table.add_row(plain(row.name), *[plain(("✓ " if v.ok else "✗ ") + v.text) for v in row.verdicts],
                          key=row.key)
        ranked = card.practise_next
        self.query_one("#practise-next", Static).update(plain(
            "Practise next: " + " · ".join(f"{i}. {r.name} ({r.missed}/{len(r.verdicts)}): {r.practise}"
                                           for i, r in enumerate(ranked[:3], 1))
            if ranked else "Every debrief row passed."))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.review(self.answers[event.row_key.value])

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        row, column = event.coordinate.row, event.coordinate.column
        if column >= 1:  # a verdict: the answer it is about, replayed from its evidence
            verdict = self.card.rows[row].verdicts[column - 1]
            self.app.review_stored(self.answers[self.debriefed[column - 1]], play_from=verdict.at)

    def review(self, answer) -> None:
        self.app.review_stored(answer)

    def action_home(self) -> None:
        self.app.go_home()
