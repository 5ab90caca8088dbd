"""Small modal dialogs: confirm, help, recover interrupted recordings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from voicecoach.labels import counted, shortened
from voicecoach.rehearsal import PendingRecording
from voicecoach.timefmt import clock
from voicecoach.tui.plain import plain


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [Binding("y", "answer(True)", "Yes", id="yes"), Binding("n,escape", "answer(False)", "No", id="no")]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question))
            with Horizontal():
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


HELP = """[b]voicecoach[/b]: rehearse interview answers out loud.

[b]Home[/b]      enter/s start a session with the highlighted bank · h history · t trends · , settings · ? help
[b]History[/b]   filter by bank, category, date · enter opens an answer's review · t trends
[b]Trends[/b]    pick a metric · z switches weeks and days
[b]Question[/b]  space start / stop recording · esc discard (asks first) · r read the question aloud
          l live transcript while recording (transcription runs as you speak)
[b]Review[/b]    p replay · enter on a long pause: play from it · r retry · n next · f finish session
[b]Summary[/b]   enter open an answer · h home
[b]Anywhere[/b]  ctrl+p command palette · ctrl+q quit

While recording: the level meter shows your input (dBFS), the time bar turns amber near the target
and red past it, and the silence counter warns once a pause passes the long-pause threshold.
Every answer is saved as soon as it is analysed; a recording cut short by a crash is offered for
analysis on the next start."""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(HELP)
            yield Button("Close", id="close")

    def on_button_pressed(self) -> None:
        self.dismiss(None)


class RecoverScreen(ModalScreen[str]):
    """Interrupted recordings found at start: analyse them, discard them, or decide later."""

    BINDINGS = [
        Binding("a", "choose('analyse')", "Analyse", id="analyse"),
        Binding("d", "choose('discard')", "Discard", id="discard"),
        Binding("escape", "choose('later')", "Later", id="later"),
    ]

    def __init__(self, pending: list[PendingRecording]):
        super().__init__()
        self.pending = pending

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="recover"):
            count = len(self.pending)
            yield Label(f"[b]{counted(count, 'recording')} {'was' if count == 1 else 'were'} interrupted "
                        "before analysis[/b]")
            for item in self.pending:
                yield Label(plain(f"• {clock(item.seconds)} — {shortened(item.question.text, 60)}"))
            with Horizontal():
                yield Button("Analyse (a)", id="analyse", variant="primary")
                yield Button("Discard (d)", id="discard", variant="error")
                yield Button("Later (esc)", id="later")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
