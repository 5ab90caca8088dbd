"""The voicecoach app: loads banks, opens the history, pushes the home screen. Screens do the rest."""

from __future__ import annotations

import asyncio
import signal
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Optional

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding

from voicecoach import paths
from voicecoach.audio.recorder import RecorderOptions, StreamFactory
from voicecoach.banks import BankLoad, load_banks
from voicecoach.errors import VoicecoachError, error_line
from voicecoach.options import Settings
from voicecoach.preferences import Preferences, load_preferences, save_preferences
from voicecoach.rehearsal import Rehearsal
from voicecoach.rounds import RoundLoad, load_rounds
from voicecoach.settings import load_settings
from voicecoach.storage import Store
from voicecoach.tui.navigation import Navigation
from voicecoach.tui.screens.home import HomeScreen


class VoicecoachApp(Navigation, App):
    CSS_PATH = "app.tcss"
    TITLE = "voicecoach"
    SUB_TITLE = "rehearse out loud"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False)]

    def __init__(self, rehearsal: Rehearsal, banks: BankLoad, settings: Settings, *,
                 recorder_options: RecorderOptions = RecorderOptions(),
                 stream_factory: Optional[StreamFactory] = None, read_aloud: bool = False,
                 rounds: Optional[RoundLoad] = None):
        super().__init__()
        self.rehearsal = rehearsal
        self.banks = banks
        self.rounds = rounds or RoundLoad()
        self.settings = settings
        self.recorder_options = recorder_options
        self.stream_factory = stream_factory
        self.read_aloud = read_aloud
        self.live_cues = settings.transcription.live_cues

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        """The app's own commands in the palette (ctrl+p), before Textual's."""
        yield SystemCommand("History", "Every answer, to review and replay", self.show_history)
        yield SystemCommand("Trends", "Fluency per week", self.show_trends)
        yield SystemCommand("Settings and devices", "Input device, read aloud, live cues", self.show_settings)
        yield SystemCommand("Debrief of the latest session", "Its summary and the panel's scorecard",
                            self.action_latest_debrief)
        yield SystemCommand("Export the history", "One offline HTML page, written to the data dir",
                            lambda: self.action_export("html"))
        yield SystemCommand("Export the latest debrief", "Markdown, written to the data dir",
                            lambda: self.action_export("debrief"))
        yield SystemCommand(f"Read aloud: turn {'off' if self.read_aloud else 'on'}", "Say each question",
                            self.action_toggle_read_aloud)
        yield SystemCommand(f"Live cues: turn {'off' if self.live_cues else 'on'}",
                            "Slow down, louder, pause here while recording", self.action_toggle_live_cues)
        yield from super().get_system_commands(screen)

    def action_toggle_read_aloud(self) -> None:
        self.choose(read_aloud=not self.read_aloud)
        self.notify(f"Read aloud {'on' if self.read_aloud else 'off'}.")

    def action_toggle_live_cues(self) -> None:
        self.choose(live_cues=not self.live_cues)
        self.notify(f"Live cues {'on' if self.live_cues else 'off'} (from the next recording).")

    def choose(self, **changes) -> None:
        """Change the input device, read-aloud or live cues, and keep the choice for next time."""
        if "device" in changes:
            self.recorder_options = replace(self.recorder_options, device=changes["device"])
        self.read_aloud = changes.get("read_aloud", self.read_aloud)
        self.live_cues = changes.get("live_cues", self.live_cues)
        try:
            save_preferences(self.rehearsal.store.data_dir,
                             Preferences(self.recorder_options.device, self.read_aloud, self.live_cues))
        except OSError as exc:  # a convenience: the choice still holds for this run
            self.notify(f"cannot keep this choice for next time: {error_line(exc)}", severity="warning",
                        markup=False)

    def action_latest_debrief(self) -> None:
        sessions = self.rehearsal.store.recent_sessions(1)
        if not sessions:
            self.notify("No sessions in the history yet.")
            return
        self.show_session(sessions[0].id)

    def action_export(self, what: str) -> None:
        """Write the history or the latest debrief into the data dir, and say where."""
        from voicecoach.history.commands import export_to_data_dir

        try:
            path = export_to_data_dir(self.rehearsal.store, what, self.settings.analysis)
        except (VoicecoachError, OSError) as exc:
            self.notify(error_line(exc), severity="error", markup=False)
            return
        self.notify(f"Wrote {path}", markup=False, timeout=10)

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        self.warm_up()
        # SIGTERM quits like ctrl+q: recordings kept, threads stopped, the terminal restored.
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, lambda: self.call_next(self.action_quit))

    def on_unmount(self) -> None:
        asyncio.get_running_loop().remove_signal_handler(signal.SIGTERM)

    def _handle_exception(self, error: Exception) -> None:
        # Our errors (a history locked or damaged mid-session) end the app as they end any
        # command: one line and exit code 1, never a traceback. Textual stops the screen that
        # raised, so going on is not an option.
        if isinstance(error, VoicecoachError):
            self.exit(return_code=1, message=f"voicecoach: {error}")
            return
        super()._handle_exception(error)

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "shutdown"):
                screen.shutdown()
        busy = [w for w in self.workers if w.is_running]
        if busy:
            self.notify("Finishing the analysis before quitting…", markup=False)
        for worker in busy:  # an answer being analysed is saved; the model is never left running
            try:
                await worker.wait()
            except Exception:  # a failed worker has already said so
                pass
        self.rehearsal.close()
        self.exit()

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def warm_up(self) -> None:
        """Load the model while the person reads the first question."""
        self.rehearsal.analyzer  # noqa: B018 - loading is the point


def create_app(data_dir: Optional[Path] = None, *, analyzer_loader: Optional[Callable] = None,
               model: Optional[str] = None, device=None, stream_factory: Optional[StreamFactory] = None,
               read_aloud: bool = False, bank_dirs: Optional[list[Path]] = None,
               round_dirs: Optional[list[Path]] = None) -> VoicecoachApp:
    """The app with its data dir and dependencies; tests pass their own analyzer and input stream."""
    settings = load_settings()
    store = Store(data_dir or paths.data_dir())
    if analyzer_loader is None:
        from voicecoach.pipeline import Analyzer

        def analyzer_loader():
            return Analyzer.load(model, settings)

    banks = load_banks(bank_dirs or paths.bank_dirs())
    # What the person chose in the app last time, unless the command line says otherwise.
    chosen = load_preferences(store.data_dir)
    app = VoicecoachApp(
        Rehearsal(store, analyzer_loader), banks, settings,
        recorder_options=RecorderOptions(device=chosen.device if device is None else device),
        stream_factory=stream_factory, read_aloud=read_aloud or chosen.read_aloud,
        rounds=load_rounds(round_dirs or paths.round_dirs(), banks.banks),
    )
    if chosen.live_cues is not None:
        app.live_cues = chosen.live_cues
    return app
