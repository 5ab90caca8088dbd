"""Every move between screens, in one place. A screen asks the app to go somewhere (`self.app.ask`,
`self.app.review_answer`, ...) and never builds another screen, so screens do not import each
other; how a move is made (pushed over the current screen, or in place of it) is decided here."""

from __future__ import annotations

from typing import Callable, Optional

from voicecoach.banks import Bank
from voicecoach.rehearsal import FollowUpTurn, SavedAnswer, SessionPlan
from voicecoach.storage.store import StoredAnswer
from voicecoach.tui.screens.history import HistoryScreen
from voicecoach.tui.screens.home import HomeScreen
from voicecoach.tui.screens.question import QuestionScreen
from voicecoach.tui.screens.review import ReviewScreen
from voicecoach.tui.screens.settings import SettingsScreen
from voicecoach.tui.screens.setup import SessionSetupScreen
from voicecoach.tui.screens.summary import SummaryScreen
from voicecoach.tui.screens.trends import TrendsScreen


class Navigation:
    """Mixed into the App."""

    def go_home(self) -> None:
        """Back to home, whatever lies between (the default screen and home stay)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())

    def set_up_session(self, bank: Bank, then: Callable[[Optional[SessionPlan]], None]) -> None:
        self.push_screen(SessionSetupScreen(bank), then)

    def start_session(self, plan: SessionPlan) -> None:
        self.push_screen(QuestionScreen(plan, 0))

    def ask(self, plan: SessionPlan, index: int, follow_up: Optional[FollowUpTurn] = None) -> None:
        """Question `index` of the session (or its follow-up), in place of the review before it."""
        self.switch_screen(QuestionScreen(plan, index, follow_up))

    def review_answer(self, plan: SessionPlan, index: int, saved: SavedAnswer,
                      follow_up: Optional[FollowUpTurn] = None) -> None:
        """The review of an answer just given, in place of its question."""
        self.switch_screen(ReviewScreen.for_session(plan, index, saved, follow_up))

    def review_stored(self, answer: StoredAnswer, play_from: Optional[float] = None) -> None:
        """A past answer, read-only, over the screen it was chosen on; replayed from `play_from`
        (a time in the answer) if given."""
        self.push_screen(ReviewScreen(answer.report, answer.audio_path, answer.question_text,
                                      answer_id=answer.id, play_from=play_from))

    def end_session(self, session_id: int) -> None:
        """The summary and debrief, in place of the last review."""
        self.switch_screen(SummaryScreen(session_id))

    def show_session(self, session_id: int) -> None:
        self.push_screen(SummaryScreen(session_id))

    def show_history(self) -> None:
        self.push_screen(HistoryScreen())

    def show_trends(self, category: str = "") -> None:
        self.push_screen(TrendsScreen(category=category))

    def show_settings(self) -> None:
        self.push_screen(SettingsScreen())
