"""One question: read it, record the answer (space), see it analysed, then the review."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, ProgressBar, Static

from voicecoach import voice
from voicecoach.audio.recorder import Recorder, Recording
from voicecoach.errors import VoicecoachError, error_line
from voicecoach.labels import category_label
from voicecoach.live_cues import CueOptions, LiveCoach
from voicecoach.rehearsal import FollowUpLink, FollowUpTurn, SavedAnswer
from voicecoach.streaming import LiveView, StreamingAnalysis
from voicecoach.timefmt import clock
from voicecoach.tui.plain import plain
from voicecoach.tui.screens.dialogs import ConfirmScreen
from voicecoach.tui.widgets.header import Header
from voicecoach.tui.widgets.meters import LevelMeter, SilenceCounter, TargetBar

POLL_S = 0.1
BEHIND_S = 5.0  # a lag this long is shown: more than the worker's own pace
log = logging.getLogger("voicecoach")


class QuestionScreen(Screen):
    BINDINGS = [
        Binding("space", "toggle_record", "Start/stop recording", id="record"),
        Binding("escape", "leave", "Discard / back", id="leave"),
        Binding("r", "read_aloud", "Read aloud", id="read"),
        Binding("l", "toggle_live", "Live transcript", id="live"),
    ]
    state: reactive[str] = reactive("ready")  # ready, recording, analysing

    @dataclass
    class Analysed(Message):
        saved: SavedAnswer

    @dataclass
    class Failed(Message):
        error: str

    def __init__(self, plan, index: int, follow_up: Optional[FollowUpTurn] = None):
        """Question `index` of the session's `plan`; with `follow_up`, the interviewer's follow-up
        to an answer of it."""
        super().__init__()
        self.plan = plan
        self.index = index
        self.follow_up = follow_up
        if follow_up is None:
            self.question = plan.questions[index]
            self.attempt = plan.attempts.get(index, 0) + 1
        else:
            self.question = follow_up.question(plan.questions[index])
            self.attempt = follow_up.attempt
        self.recorder: Optional[Recorder] = None
        self.stream: Optional[StreamingAnalysis] = None
        self.live = False
        self.constraint_stated = False
        self.coach: Optional[LiveCoach] = None
        self.cues: list[tuple[float, str]] = []  # (seconds into the recording, cue) shown so far

    def compose(self) -> ComposeResult:
        yield Header()
        total = len(self.plan.questions)
        retry = f" · attempt {self.attempt}" if self.attempt > 1 else ""
        which = f"Follow-up to question {self.index + 1}" if self.follow_up else f"Question {self.index + 1}"
        yield Static(plain(f"{which} of {total} · {category_label(self.question.category)}"
                           f" · target {clock(self.question.target_s)}{retry}"), id="progress")
        if self.plan.budget_s:
            with Horizontal(id="budget-row"):
                yield Static(id="budget-label", shrink=False)
                yield ProgressBar(total=self.plan.budget_s, show_eta=False, show_percentage=False, id="budget")
        yield Static(plain(self.question.text), id="question-text")
        yield Static(id="constraint", classes="warning")
        yield Static("Press space to start recording your answer.", id="hint")
        with Vertical(id="meters"):
            yield LevelMeter(id="level")
            yield TargetBar(id="elapsed")
            yield SilenceCounter(id="silence")
            yield Static(id="live-transcript", classes="muted")
            yield Static(id="cue")
        yield LoadingIndicator(id="analysing")
        yield Footer()

    def on_mount(self) -> None:
        self.show_budget(0.0)
        self.query_one(TargetBar).target_s = self.question.target_s
        self.query_one(SilenceCounter).long_pause_s = self.app.settings.analysis.long_pause_s
        if self.app.read_aloud:
            self.speak(self.question.text)

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
        rehearsal = self.app.rehearsal
        if self.app.settings.transcription.while_recording:
            self.stream = StreamingAnalysis(lambda: rehearsal.analyzer, target_s=self.question.target_s,
                                            category=self.question.category, constraint=self.question.constraint)
        path = None
        try:
            path = rehearsal.recording_path(self.plan.session_id, self.question, self.attempt, self.link)
            self.recorder = Recorder(path, self.app.recorder_options, self.app.stream_factory,
                                     listener=self.stream.feed if self.stream else None)
            self.recorder.start()
        except VoicecoachError as exc:
            self.recorder = None
            self.close_stream()
            if path is not None:  # its note and its claim: nothing was recorded
                rehearsal.discard(path)
            self.notify(str(exc), title="Cannot record", severity="error", timeout=10, markup=False)
            return
        self.state = "recording"
        if self.app.live_cues:
            self.coach = LiveCoach(CueOptions(quiet_dbfs=self.app.settings.analysis.quiet_below_dbfs))
        self.poll = self.set_interval(POLL_S, self.update_meters)

    def update_meters(self) -> None:
        if self.recorder is None:
            return
        status = self.recorder.status
        self.query_one(LevelMeter).level_dbfs = status.level_dbfs
        self.query_one(TargetBar).elapsed_s = status.elapsed_s
        self.query_one(SilenceCounter).silence_s = status.silence_s
        self.show_budget(status.elapsed_s)
        constraint = self.question.constraint
        if constraint is not None and not self.constraint_stated and status.elapsed_s >= constraint.after_s:
            self.state_constraint(constraint.text)
        view = self.stream.live() if self.stream is not None and (self.live or self.coach) else None
        if self.live and view is not None:
            self.query_one("#live-transcript", Static).update(live_line(view))
        if self.coach is not None:
            cue = self.coach.update(status.elapsed_s, status.level_dbfs, status.silence_s,
                                    view.last_stretch_wpm if view else None, view.stretches if view else 0)
            if cue is not None:
                self.cues.append((status.elapsed_s, cue))
                self.query_one("#cue", Static).update(plain(f"{cue} ({clock(status.elapsed_s)})", "bold"))
        if status.error:
            self.notify(status.error, title="Recording stopped", severity="error", timeout=10, markup=False)
            self.stop_recording()

    def show_budget(self, recording_s: float) -> None:
        """A round's clock: what has been said in it so far against its budget."""
        if not self.plan.budget_s:
            return
        said = self.plan.recorded_s + recording_s
        over = " - over budget: wrap up" if said > self.plan.budget_s else ""
        self.query_one("#budget-label", Static).update(
            plain(f"Round: {clock(said)} of {clock(self.plan.budget_s)} said{over} "))
        self.query_one("#budget", ProgressBar).update(progress=min(said, self.plan.budget_s))

    @property
    def link(self) -> Optional[FollowUpLink]:
        return self.follow_up.link if self.follow_up else None

    def state_constraint(self, text: str) -> None:
        """The interviewer cuts in: shown above the meters (and said, with read-aloud on); the
        analysis checks the answer took it in before proposing trade-offs."""
        self.constraint_stated = True
        self.query_one("#constraint", Static).update(plain(f"Interviewer: {text}"))
        self.query_one("#constraint", Static).display = True
        if self.app.read_aloud:
            self.speak(text)

    def stop_recording(self) -> None:
        self.poll.stop()
        recording = self.recorder.stop()
        self.recorder = None
        if recording.overflows:
            self.notify(f"{recording.overflows} input overflow(s): the computer was too busy; "
                        "some audio may be missing.", severity="warning")
        if self.follow_up is None:
            self.plan.attempts[self.index] = self.attempt
        self.plan.recorded_s += recording.duration_s
        self.state = "analysing"
        stream, self.stream = self.stream, None
        self.analyse(recording, stream)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def analyse(self, recording: Recording, stream: Optional[StreamingAnalysis]) -> None:
        rehearsal = self.app.rehearsal
        args = (self.question, self.plan.session_id, self.attempt, recording.overflows, self.link)
        try:
            report = None
            if stream is not None:
                try:
                    report = stream.finish(str(recording.path))
                except Exception as exc:  # the batch analysis below still gives the person a report
                    log.warning("streaming analysis failed (%s); analysing after stop", exc)
            if report is not None:
                saved = rehearsal.save(report, recording.path, *args)
            else:
                saved = rehearsal.analyse_and_save(recording.path, *args)
        except Exception as exc:  # a worker that dies quietly leaves "Analysing…" up for good
            log.exception("analysing %s failed", recording.path)
            rehearsal.release(recording.path)  # kept on disk, offered again at the next start
            self.post_message(self.Failed(error_line(exc)))
            return
        self.post_message(self.Analysed(saved))

    def on_question_screen_analysed(self, message: Analysed) -> None:
        self.app.review_answer(self.plan, self.index, message.saved, self.follow_up)

    def on_question_screen_failed(self, message: Failed) -> None:
        self.state = "ready"
        self.notify(f"{message.error} (the recording is kept and will be offered again at start)",
                    title="Analysis failed", severity="error", timeout=15, markup=False)

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
            self.close_stream()
            self.app.rehearsal.discard(path)
            self.recorder = None
            self.state = "ready"
            self.notify("Recording discarded.")

    def close_stream(self, wait: bool = False) -> None:
        if self.stream is not None:
            self.stream.close(wait)
            self.stream = None

    def shutdown(self) -> None:
        """The app is quitting: what was recorded stays on disk (and is offered at the next
        start), and no thread is left running the model."""
        if self.recorder is not None:
            self.poll.stop()
            self.recorder.stop()
            self.recorder = None
        self.close_stream(wait=True)

    def action_toggle_live(self) -> None:
        self.live = not self.live
        self.query_one("#live-transcript", Static).display = self.live

    def action_read_aloud(self) -> None:
        self.speak(self.question.text, tell=True)

    @work(thread=True, exclusive=True, group="voice", exit_on_error=False)
    def speak(self, text: str, tell: bool = False) -> None:
        """Read `text` aloud off the UI thread: Piper takes a moment to synthesize it, and the
        interviewer's cut-in comes while the meters are running. `tell`: say so if it cannot."""
        if not voice.say(text) and tell:
            self.app.call_from_thread(
                self.notify, "Cannot read aloud: no text-to-speech voice (Piper or espeak-ng), or no audio output.",
                severity="warning")


def live_line(view: LiveView) -> str:
    """The running transcript, and how far transcription lags behind the voice when the computer
    is too busy to keep up."""
    lag = f"; transcription {view.behind_s:.0f} s behind, busy computer" if view.behind_s >= BEHIND_S else ""
    return plain(f"Live ({view.filled_pauses} um/uh so far{lag}): {view.text[-400:] or '…'}")
