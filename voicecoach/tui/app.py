"""The voicecoach app: loads banks, opens the history, pushes the home screen. Screens do the rest."""

from __future__ import annotations

import asyncio
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from textual import work
from textual.app import App
from textual.binding import Binding

from voicecoach import paths
from voicecoach.audio.recorder import RecorderOptions, StreamFactory
from voicecoach.banks import Bank, BankLoad, Question, load_banks
from voicecoach.errors import VoicecoachError
from voicecoach.options import Settings
from voicecoach.rehearsal import Rehearsal
from voicecoach.rounds import RoundLoad, load_rounds
from voicecoach.settings import load_settings
from voicecoach.storage import Store


@dataclass
class SessionPlan:
    bank: Bank
    questions: list[Question]
    session_id: int
    attempts: dict[int, int] = field(default_factory=dict)  # question index -> attempts so far
    budget_s: Optional[float] = None  # a round's time budget for what is said
    recorded_s: float = 0.0  # said so far, in the answers kept


class VoicecoachApp(App):
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

    def on_mount(self) -> None:
        from voicecoach.tui.screens.home import HomeScreen

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
    return VoicecoachApp(
        Rehearsal(store, analyzer_loader), banks, settings,
        recorder_options=RecorderOptions(device=device), stream_factory=stream_factory,
        read_aloud=read_aloud, rounds=load_rounds(round_dirs or paths.round_dirs(), banks.banks),
    )
