"""Session summary: every answer in a table with its worst long pause and filler count; the answers
to follow-up questions under the answer they follow up."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

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
        yield Footer()

    def on_mount(self) -> None:
        answers = self.app.rehearsal.store.answers(self.session_id)
        self.answers = {str(a.id): a for a in answers}
        table = self.query_one(DataTable)
        table.add_columns("#", "Question", "Try", "Length", "Verdict", "WPM", "Fillers", "Long pauses",
                          "Worst pause")
        numbers = {}
        for answer in answers:
            report, m = answer.report, answer.report.metrics
            long_pauses = [p for p in report.pauses if p.long]
            worst = max(long_pauses, key=lambda p: p.duration, default=None)
            if answer.parent_id in numbers:  # a follow-up: "2↳", under the answer it follows up
                number, question = f"{numbers[answer.parent_id]}↳", f"↳ {answer.question_text}"
            else:
                number = numbers[answer.id] = str(len([n for n in numbers.values() if "↳" not in n]) + 1)
                question = answer.question_text
            numbers.setdefault(answer.id, number)
            table.add_row(
                number, plain(question[:48]), str(answer.attempt), clock(report.answer_s),
                m.length_verdict, f"{m.wpm:.0f}", str(m.filler_count), str(m.long_pause_count),
                f"{worst.duration:.1f} s at {clock(worst.start)}" if worst else "—",
                key=str(answer.id),
            )
        total_fillers = sum(a.report.metrics.filler_count for a in answers)
        total_long = sum(a.report.metrics.long_pause_count for a in answers)
        self.query_one("#summary-heading", Static).update(
            f"Session summary: {len(answers)} answer(s), {total_fillers} filler(s), {total_long} long pause(s)"
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from voicecoach.tui.screens.review import ReviewScreen

        answer = self.answers[event.row_key.value]
        self.app.push_screen(ReviewScreen(answer.report, answer.audio_path, answer.question_text))

    def action_home(self) -> None:
        from voicecoach.tui.screens.home import HomeScreen

        while len(self.app.screen_stack) > 2:  # the default screen and home stay
            self.app.pop_screen()
        if not isinstance(self.app.screen, HomeScreen):
            self.app.switch_screen(HomeScreen())
