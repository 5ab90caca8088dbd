"""Session setup: which category, how many questions, random or in order."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Switch

from voicecoach.banks import Bank, plan_session
from voicecoach.labels import category_label
from voicecoach.tui.plain import plain


class SessionSetupScreen(ModalScreen):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]
    AUTO_FOCUS = "#start"  # enter starts at once with the defaults

    def __init__(self, bank: Bank):
        super().__init__()
        self.bank = bank

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.bank.name, "bold"))
            yield Label("Category")
            yield Select([("All categories", "")] + [(category_label(c), c) for c in self.bank.categories],
                         value="", allow_blank=False, id="category")
            yield Label("Questions")
            yield Input(value="3", type="integer", id="count")
            with Horizontal():
                yield Label("Random order ")
                yield Switch(value=True, id="shuffle")
            with Horizontal():
                yield Button("Start", id="start", variant="primary")
                yield Button("Cancel", id="cancel-button")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.start()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.start()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def start(self) -> None:
        category = self.query_one("#category", Select).value or ""
        try:
            count = max(1, int(self.query_one("#count", Input).value or "1"))
        except ValueError:
            count = 1
        questions = plan_session(self.bank, count, category, self.query_one("#shuffle", Switch).value)
        self.dismiss(self.app.rehearsal.new_session(self.bank, questions, category))
