"""Home: question banks, recent sessions, and the way into everything else."""

from __future__ import annotations

import logging

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from voicecoach.errors import VoicecoachError, error_line
from voicecoach.labels import counted
from voicecoach.tui.plain import plain
from voicecoach.tui.screens.dialogs import HelpScreen, RecoverScreen
from voicecoach.tui.widgets.header import Header

log = logging.getLogger("voicecoach")


class HomeScreen(Screen):
    BINDINGS = [
        Binding("s", "start", "Start session", id="start"),
        Binding("h", "history", "History", id="history"),
        Binding("t", "trends", "Trends", id="trends"),
        Binding("comma", "settings", "Settings", id="settings"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "app.quit", "Quit", id="home-quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-columns"):
            with Vertical():
                yield Label("Question banks", classes="title")
                yield OptionList(id="banks")
                yield Label("Rounds: timed mock interviews", classes="title")
                yield OptionList(id="rounds")
                yield Static(id="bank-description", classes="muted")
            with Vertical():
                yield Label("Recent sessions", classes="title")
                yield DataTable(id="sessions", cursor_type="row")
        yield Static(id="bank-errors", classes="errors")
        yield Footer()

    def on_mount(self) -> None:
        banks = self.query_one("#banks", OptionList)
        for bank in self.app.banks.banks:
            banks.add_option(Option(plain(f"{bank.name}  ({len(bank.questions)} questions)"), id=bank.id))
        if self.app.banks.banks:
            banks.highlighted = 0
        rounds = self.query_one("#rounds", OptionList)
        for found in self.app.rounds.rounds:
            rounds.add_option(Option(plain(f"{found.name}  ({len(found.questions)} questions, "
                                           f"{found.budget_s / 60:.0f} min)"), id=found.id))
        rounds.display = bool(self.app.rounds.rounds)
        errors = [f"Bank not loaded: {e}" for e in self.app.banks.errors]
        errors += [f"Round not loaded: {e}" for e in self.app.rounds.errors]
        self.query_one("#bank-errors", Static).update(Text("\n").join(plain(e) for e in errors))
        table = self.query_one("#sessions", DataTable)
        table.add_columns("Started", "Bank", "Answers")
        self.refresh_sessions()
        pending = self.app.rehearsal.pending_recordings()
        if pending:
            self.app.push_screen(RecoverScreen(pending), lambda choice: self.recover(pending, choice))

    def on_screen_resume(self) -> None:
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for session in self.app.rehearsal.store.recent_sessions(15):
            table.add_row(session.started_at[:16].replace("T", " "), plain(session.bank_name),
                          str(session.answer_count), key=str(session.id))

    @on(OptionList.OptionHighlighted, "#banks")
    def describe(self, event: OptionList.OptionHighlighted) -> None:
        bank = self.selected_bank()
        if bank is not None:
            self.query_one("#bank-description", Static).update(
                Text("\n").join([plain(bank.description), plain(f"Categories: {', '.join(bank.categories)}")])
            )

    @on(OptionList.OptionSelected, "#banks")
    def chosen(self) -> None:
        self.action_start()

    @on(OptionList.OptionHighlighted, "#rounds")
    def describe_round(self, event: OptionList.OptionHighlighted) -> None:
        chosen = self.app.rounds.rounds[event.option_index]
        self.query_one("#bank-description", Static).update(Text("\n").join(
            [plain(chosen.description)] + [plain(f"{i}. {q.text}") for i, q in enumerate(chosen.questions, 1)]))

    @on(OptionList.OptionSelected, "#rounds")
    def start_round(self, event: OptionList.OptionSelected) -> None:
        """A round starts at once: its questions, in its order, against its time budget."""
        chosen = self.app.rounds.rounds[event.option_index]
        bank = chosen.as_bank()
        self.begin(self.app.rehearsal.new_session(bank, list(bank.questions), budget_s=chosen.budget_s))

    @on(DataTable.RowSelected, "#sessions")
    def open_session(self, event: DataTable.RowSelected) -> None:
        self.app.show_session(int(event.row_key.value))

    def selected_bank(self):
        banks = self.query_one("#banks", OptionList)
        if banks.highlighted is None or not self.app.banks.banks:
            return None
        return self.app.banks.banks[banks.highlighted]

    def action_start(self) -> None:
        bank = self.selected_bank()
        if bank is None:
            self.notify("No question bank is loaded.", severity="error")
            return
        self.app.set_up_session(bank, self.begin)

    def begin(self, plan) -> None:
        if plan is not None:
            self.app.start_session(plan)

    def action_settings(self) -> None:
        self.app.show_settings()

    def action_history(self) -> None:
        self.app.show_history()

    def action_trends(self) -> None:
        self.app.show_trends()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def recover(self, pending, choice: str) -> None:
        if choice == "discard":
            discarded = 0
            for item in pending:
                try:
                    self.app.rehearsal.discard(item.path)
                    discarded += 1
                except VoicecoachError as exc:
                    self.notify(str(exc), severity="warning", markup=False)
            self.notify(f"Discarded {counted(discarded, 'interrupted recording')}.")
        elif choice == "analyse":
            self.notify(f"Analysing {counted(len(pending), 'interrupted recording')}…")
            self.recover_in_background(pending)

    @work(thread=True, exclusive=True, group="recover")
    def recover_in_background(self, pending) -> None:
        saved = 0
        for item in pending:
            try:
                self.app.rehearsal.recover(item)
                saved += 1
            except Exception as exc:  # every failure reaches the screen; the next item still runs
                log.exception("recovering %s failed", item.path)
                self.app.call_from_thread(self.notify, error_line(exc), severity="error", markup=False)
        self.app.call_from_thread(self.notify, f"Saved {counted(saved, 'recovered answer')} to the history.")
        self.app.call_from_thread(self.refresh_sessions)
