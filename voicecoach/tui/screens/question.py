"""One question: read it, record the answer (space), see it analysed, then the review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static

from voicecoach import voice
from voicecoach.audio.recorder import Recorder, Recording
from voicecoach.errors import VoicecoachError
from voicecoach.rehearsal import SavedAnswer
from voicecoach.timefmt import clock
from voicecoach.tui.screens.dialogs import ConfirmScreen
from voicecoach.tui.widgets.meters import LevelMeter, SilenceCounter, TargetBar

POLL_S = 0.1


class QuestionScreen(Screen):
    BINDINGS = [
        Binding("space", "toggle_record", "Start/stop recording", id="record"),
        Binding("escape", "leave", "Discard / back", id="leave"),
        Binding("r", "read_aloud", "Read aloud", id="read"),
    ]
    state: reactive[str] = reactive("ready")  # ready, recording, analysing

    @dataclass
    class Analysed(Message):
        saved: SavedAnswer

    @dataclass
    class Failed(Message):
        error: str

    def __init__(self, plan, index: int):
        super().__init__()
        self.plan = plan
        self.index = index
        self.question = plan.questions[index]
        self.attempt = plan.attempts.get(index, 0) + 1
        self.recorder: Optional[Recorder] = None

    def compose(self) -> ComposeResult:
        yield Header()
        total = len(self.plan.questions)
        retry = f" · attempt {self.attempt}" if self.attempt > 1 else ""
        yield Static(f"Question {self.index + 1} of {total} · {self.question.category.replace('_', ' ')}"
                     f" · target {clock(self.question.target_s)}{retry}", id="progress")
        yield Static(self.question.text, id="question-text")
        yield Static("Press space to start recording your answer.", id="hint")
        with Vertical(id="meters"):
            yield LevelMeter(id="level")
            yield TargetBar(id="elapsed")
            yield SilenceCounter(id="silence")
        yield LoadingIndicator(id="analysing")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TargetBar).target_s = self.question.target_s
        self.query_one(SilenceCounter).long_pause_s = self.app.settings.analysis.long_pause_s
        if self.app.read_aloud:
            voice.say(self.question.text)

    def watch_state(self, state: str) -> None:
        self.set_class(state == "recording", "-recording")
        self.set_class(state == "analysing", "-analysing")
        hint = {
            "ready": "Press space to start recording your answer.",
            "recording": "Recording… press space to stop, esc to discard.",
            "analysing": "Analysing your answer: transcribing and measuring pauses, fillers and pace…",
        }[state]
        self.query_one("#hint", Static).update(hint)

    # -- recording ------------------------------------------------------------------------------
    def action_toggle_record(self) -> None:
        if self.state == "ready":
            self.start_recording()
        elif self.state == "recording":
            self.stop_recording()

    def start_recording(self) -> None:
        try:
            path = self.app.rehearsal.recording_path(self.plan.session_id, self.question, self.attempt)
            self.recorder = Recorder(path, self.app.recorder_options, self.app.stream_factory)
            self.recorder.start()
        except VoicecoachError as exc:
            self.recorder = None
            self.notify(str(exc), title="Cannot record", severity="error", timeout=10)
            return
        self.state = "recording"
        self.poll = self.set_interval(POLL_S, self.update_meters)

    def update_meters(self) -> None:
        if self.recorder is None:
            return
        status = self.recorder.status
        self.query_one(LevelMeter).level_dbfs = status.level_dbfs
        self.query_one(TargetBar).elapsed_s = status.elapsed_s
        self.query_one(SilenceCounter).silence_s = status.silence_s
        if status.error:
            self.notify(status.error, title="Recording stopped", severity="error", timeout=10)
            self.stop_recording()

    def stop_recording(self) -> None:
        self.poll.stop()
        recording = self.recorder.stop()
        self.recorder = None
        if recording.overflows:
            self.notify(f"{recording.overflows} input overflow(s): the computer was too busy; "
                        "some audio may be missing.", severity="warning")
        self.plan.attempts[self.index] = self.attempt
        self.state = "analysing"
        self.analyse(recording)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def analyse(self, recording: Recording) -> None:
        try:
            saved = self.app.rehearsal.analyse_and_save(
                recording.path, self.question, self.plan.session_id, self.attempt, recording.overflows
            )
        except VoicecoachError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Analysed(saved))

    def on_question_screen_analysed(self, message: Analysed) -> None:
        from voicecoach.tui.screens.review import ReviewScreen

        self.app.switch_screen(ReviewScreen.for_session(self.plan, self.index, message.saved))

    def on_question_screen_failed(self, message: Failed) -> None:
        self.state = "ready"
        self.notify(f"{message.error} (the recording is kept and will be offered again at start)",
                    title="Analysis failed", severity="error", timeout=15)

    # -- leaving -------------------------------------------------------------------------------
    def action_leave(self) -> None:
        if self.state == "recording":
            self.app.push_screen(ConfirmScreen("Discard this recording?"), self.discard)
        elif self.state == "ready":
            self.app.pop_screen()

    def discard(self, confirmed: bool) -> None:
        if confirmed and self.recorder is not None:
            self.poll.stop()
            path = self.recorder.path
            self.recorder.discard()
            self.app.rehearsal.discard(path)
            self.recorder = None
            self.state = "ready"
            self.notify("Recording discarded.")

    def action_read_aloud(self) -> None:
        if voice.say(self.question.text) is None:
            self.notify("No text-to-speech engine is installed (espeak-ng).", severity="warning")
