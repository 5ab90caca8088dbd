"""Review of one answer: pause timeline, transcript with highlights, metrics, long pauses, coaching;
replay, retry or go on."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from voicecoach.analysis.attempts import compare_attempts
from voicecoach.analysis.content.signals import evidence
from voicecoach.audio import playback
from voicecoach.errors import VoicecoachError
from voicecoach.history.baseline import compared_to_usual, pitch_baseline
from voicecoach.rehearsal import FollowUpTurn
from voicecoach.report import AnswerReport
from voicecoach.timefmt import clock
from voicecoach.tui.plain import plain
from voicecoach.tui.screens.dialogs import ConfirmScreen
from voicecoach.tui.widgets.header import Header
from voicecoach.tui.widgets.metrics import MetricsPanel
from voicecoach.tui.widgets.timeline import PauseTimeline
from voicecoach.tui.widgets.transcript import TranscriptView, legend


def coaching(report: AnswerReport, usual: str = "") -> Text:
    """The tips on content and delivery (`usual`: the pitch against the person's own history),
    then what an interviewer would ask next."""
    lines = [plain(f"• {tip}") for tip in report.tips() + ([usual] if usual else [])]
    if report.follow_ups:
        lines.append(Text("An interviewer would ask next:", "bold"))
        lines += [plain(f"→ {f.text}  ({f.evidence})") for f in report.follow_ups]
    return Text("\n").join(lines)


class ReviewScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("p", "play", "Replay", id="play"),
        Binding("space", "pause", "Pause/resume", id="pause"),
        Binding("left_square_bracket", "seek(-5)", "-5 s", id="back-5"),
        Binding("right_square_bracket", "seek(5)", "+5 s", id="on-5"),
        Binding("s", "stop_replay", "Stop", id="stop"),
        Binding("r", "retry", "Retry", id="retry"),
        Binding("a", "follow_up", "Answer follow-up", id="follow-up"),
        Binding("n", "next", "Next question", id="next"),
        Binding("f", "finish", "Finish session", id="finish"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, report: AnswerReport, audio_path: str, question_text: str, *,
                 plan=None, index: Optional[int] = None, answer_id: Optional[int] = None,
                 follow_up: Optional[FollowUpTurn] = None, play_from: Optional[float] = None):
        """With a `plan` the review is part of a session (retry, next, follow-ups); without, it is
        read-only. `follow_up`: the review is of the answer to that follow-up. `play_from`: replay
        from a second before this time once shown (a debrief verdict's evidence)."""
        super().__init__()
        self.report = report
        self.audio_path = Path(audio_path) if audio_path else None
        self.question_text = question_text
        self.plan = plan
        self.index = index
        self.answer_id = answer_id
        self.replay = playback.Replay(self.audio_path or Path(), player=self.start_playing)
        self.follow_up = follow_up
        self.play_from = play_from

    @classmethod
    def for_session(cls, plan, index: int, saved, follow_up: Optional[FollowUpTurn] = None) -> "ReviewScreen":
        text = follow_up.asked.text if follow_up else plan.questions[index].text
        return cls(saved.report, str(saved.path), text, plan=plan, index=index, answer_id=saved.answer_id,
                   follow_up=follow_up)

    def next_follow_up(self) -> Optional[FollowUpTurn]:
        """What the interviewer asks next about this answer's question: the first follow-up this
        answer drew, or after a follow-up the next one its parent drew."""
        if self.follow_up is not None:
            return self.follow_up.following()
        if self.plan is None or self.answer_id is None or not self.report.follow_ups:
            return None
        return FollowUpTurn(self.answer_id, tuple(self.report.follow_ups))

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(plain(self.question_text), id="review-question")
        yield PauseTimeline(id="timeline")
        with Horizontal(id="review-body"):
            with VerticalScroll(id="transcript-box"):
                yield TranscriptView(id="transcript")
                yield Static(legend(), classes="muted")
            yield MetricsPanel(id="metrics")
        yield DataTable(id="long-pauses", cursor_type="row")
        yield DataTable(id="signals", cursor_type="row")
        yield DataTable(id="attempts", cursor_type="none")
        yield Static(id="tips")
        yield Footer()

    def on_mount(self) -> None:
        report = self.report
        self.query_one(PauseTimeline).report = report
        self.query_one(TranscriptView).show(report)
        self.query_one(MetricsPanel).show(report)
        table = self.query_one("#long-pauses", DataTable)
        table.add_columns("#", "At", "Length", "Before", "After")
        long_pauses = [p for p in report.pauses if p.long]
        for number, pause in enumerate(long_pauses, 1):
            table.add_row(str(number), clock(pause.start), f"{pause.duration:.1f} s",
                          plain(f"…{pause.before}"), plain(f"{pause.after}…"), key=str(pause.start))
        table.display = bool(long_pauses)
        signals = self.query_one("#signals", DataTable)
        signals.add_columns("Content", "At", "Said")
        found = evidence(report.signals) if report.signals else []
        for number, (what, phrase) in enumerate(found):
            signals.add_row(plain(what), clock(phrase.start), plain(f"“{phrase.text}”"), key=f"{number}:{phrase.start}")
        signals.display = bool(found)
        usual = ""
        if report.delivery is not None:
            baseline = pitch_baseline(self.app.rehearsal.store, self.answer_id)
            usual = compared_to_usual(report.delivery.pitch_variation_st, baseline)
        self.query_one("#tips", Static).update(coaching(report, usual))
        self.show_attempts()
        self.sub_title = f"review · {clock(report.answer_s)} answer"
        self.set_class(self.plan is None, "-readonly")
        if self.play_from is not None:
            self.call_after_refresh(self.action_play, max(0.0, self.play_from - 1.0))

    def show_attempts(self) -> None:
        """Side by side with the last attempt at the same question, if there was one."""
        table = self.query_one("#attempts", DataTable)
        earlier = self.app.rehearsal.store.previous_attempt(self.answer_id) if self.answer_id else None
        changes = compare_attempts(earlier.report, self.report, self.app.settings.analysis) if earlier else []
        table.display = bool(changes)
        if not changes:
            return
        table.add_columns("Since the last attempt", f"attempt {earlier.attempt}", "this one", "")
        for change in changes:
            mark = {True: Text("better", "green"), False: Text("worse", "red"), None: Text("")}[change.better]
            table.add_row(plain(change.measure), plain(change.before), plain(change.after), mark)

    def check_action(self, action: str, parameters) -> Optional[bool]:
        if action in ("retry", "next", "finish") and self.plan is None:
            return False
        if action == "follow_up":
            return self.next_follow_up() is not None
        return True

    # -- replay --------------------------------------------------------------------------------
    def action_play(self, start_s: Optional[float] = 0.0) -> None:
        """Replay from `start_s` (None: on from where it was paused)."""
        if self.audio_path is None or not self.audio_path.is_file():
            self.notify("The recording is no longer on disk.", severity="warning")
            return
        try:
            seconds = self.replay.play(start_s)
        except VoicecoachError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Playing {seconds:.0f} s from {clock(self.replay.position)}.")

    def start_playing(self, path: Path, start_s: float, device=None) -> float:
        """Replay's player: the device chosen in settings, looked up when playing starts."""
        return playback.play(path, start_s, self.app.recorder_options.device)

    def action_pause(self) -> None:
        if self.replay.playing:
            self.replay.pause()
            self.notify(f"Paused at {clock(self.replay.position)}.")
        else:
            self.action_play(None)

    def action_seek(self, delta_s: float) -> None:
        try:
            self.replay.seek(delta_s)  # plays on from there if it was playing
        except VoicecoachError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"At {clock(self.replay.position)}.")

    def action_stop_replay(self) -> None:
        self.replay.stop()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Play from a second before the pause or the words, to hear what led into them.
        at = float(event.row_key.value.rsplit(":", 1)[-1])
        self.action_play(max(0.0, at - 1.0))

    # -- going on ------------------------------------------------------------------------------
    def action_retry(self) -> None:
        self.replay.stop()
        self.app.ask(self.plan, self.index, self.follow_up.retried() if self.follow_up else None)

    def action_follow_up(self) -> None:
        self.replay.stop()
        self.app.ask(self.plan, self.index, self.next_follow_up())

    def action_next(self) -> None:
        self.replay.stop()
        if self.index + 1 < len(self.plan.questions):
            self.app.ask(self.plan, self.index + 1)
        else:
            self.action_finish()

    def action_finish(self) -> None:
        self.replay.stop()
        self.app.end_session(self.plan.session_id)

    def action_back(self) -> None:
        """Out of a session's review only once asked: its answers are saved, but the session ends."""
        if self.plan is None:
            self.replay.stop()
            self.app.pop_screen()
            return
        self.app.push_screen(ConfirmScreen("Leave this session? Its answers are saved; the summary is skipped."),
                             self.leave)

    def leave(self, confirmed: bool) -> None:
        if confirmed:
            self.replay.stop()
            self.app.go_home()
