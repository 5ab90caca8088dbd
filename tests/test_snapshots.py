"""What a person sees on every screen, at 80x24 (a laptop's split terminal) and 160x48, compared with
the SVG snapshots in tests/__snapshots__ (pytest-textual-snapshot). After a deliberate change to a
screen, look at the report pytest writes, then run `pytest tests/test_snapshots.py --snapshot-update`.

The history is seeded with fixed dates and a review built by the analysis from constructed words, so
a snapshot depends on neither the clock nor the model."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from builders import speech_under, words_at
from seed import report_with

from voicecoach import paths
from voicecoach.analysis import analyze
from voicecoach.audio.recorder import InputDevice
from voicecoach.rehearsal import PendingRecording
from voicecoach.settings import load_lexicons
from voicecoach.storage.store import Store
from voicecoach.transcript import Transcript, Word
from voicecoach.tui.app import create_app
from voicecoach.tui.screens import settings as settings_screen
from voicecoach.tui.screens.dialogs import ConfirmScreen, RecoverScreen

SIZES = [(80, 24), (160, 48)]

ANSWER = ("Um the metric I would move is weekly active minutes per listener. I would start with a popularity "
          "baseline and run an experiment against a holdout group for two weeks. If minutes rise by one "
          "percent we ship it to everyone. The trade-off is latency versus relevance, and I think it might "
          "maybe work.")


def reviewed_report():
    """An answer with a filler, a long pause, content signals and a hedge, analysed for real."""
    words = words_at(ANSWER, start=1.5)
    cut = 12
    words = words[:cut] + [Word(w.text, w.start + 6.0, w.end + 6.0) for w in words[cut:]]
    return analyze(Transcript(words), speech_under(words, words[-1].end + 1.0), load_lexicons(),
                   category="product_sense")


def seeded(data_dir: Path) -> Path:
    """Six weeks of answers, one session of two answers reviewed, at fixed dates."""
    store = Store(data_dir)
    session = store.create_session("spotify_ml_ds", "Spotify ML / DS", "product_sense", 2)
    with store.transaction():
        store.db.execute("UPDATE sessions SET started_at = '2026-11-20T09:58:00' WHERE id = ?", (session,))
    for week in range(6):
        for day in (1, 3):
            report = report_with(answer_s=150 - 10 * week, fillers_per_min=6.0 - 0.8 * week, long_pauses=2 - week // 3,
                                 longest_pause_s=6.5, verdict="over" if week < 3 else "on target",
                                 wpm=128 + 3 * week, hedges=4 - week // 2, boosters=1, think_s=2.0)
            store.save_answer(report, question_id=f"q{week}", question_text="How would you measure the success "
                              "of a new playlist feature for listeners who rarely save tracks?",
                              category="product_sense",
                              recorded_at=f"{date(2026, 10, 5) + timedelta(weeks=week, days=day)}T09:30:00")
    for attempt in (1, 2):
        store.save_answer(reviewed_report(), session_id=session, question_id="ps1",
                          question_text="How would you measure the success of Discover Weekly?",
                          category="product_sense", attempt=attempt, recorded_at="2026-11-20T10:00:00")
    store.close()
    return data_dir


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The app over the seeded history, with two microphones whatever this machine has."""
    monkeypatch.setattr(settings_screen, "input_devices", lambda: [
        InputDevice(0, "Built-in Microphone", 48000.0, True), InputDevice(3, "USB Headset", 16000.0, False)])

    def no_model():
        raise AssertionError("no screen here needs the model")

    return create_app(seeded(tmp_path / "data"), analyzer_loader=no_model,
                      bank_dirs=[paths.prompts_dir() / "banks"], round_dirs=[paths.prompts_dir() / "rounds"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("keys", [(), ("h",), ("t",), ("comma",), ("question_mark",), ("s",)],
                         ids=["home", "history", "trends", "settings", "help", "setup"])
def test_screens_from_home(snap_compare, app, size, keys):
    assert snap_compare(app, press=keys, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review(snap_compare, app, size):
    async def open_review(pilot):
        store = pilot.app.rehearsal.store
        pilot.app.review_stored(store.answer(store.answers(1)[-1].id))
        await pilot.pause()

    assert snap_compare(app, run_before=open_review, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_session_summary_and_debrief(snap_compare, app, size):
    async def open_summary(pilot):
        pilot.app.show_session(1)
        await pilot.pause()

    assert snap_compare(app, run_before=open_summary, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question(snap_compare, app, size):
    async def first_question(pilot):
        await pilot.press("s")
        pilot.app.screen.query_one("#count").value = "2"
        pilot.app.screen.query_one("#shuffle").value = False  # the bank's first question, every run
        await pilot.click("#start")
        await pilot.pause()

    assert snap_compare(app, run_before=first_question, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_leaving_a_session(snap_compare, app, size):
    async def confirm(pilot):
        pilot.app.push_screen(ConfirmScreen("Leave this session? Its answers are saved; the summary is skipped."))
        await pilot.pause()

    assert snap_compare(app, run_before=confirm, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_interrupted_recordings(snap_compare, app, size):
    """What home offers when the app was killed before analysing a recording."""

    async def recover(pilot):
        question = pilot.app.banks.banks[0].questions[0]
        pilot.app.push_screen(RecoverScreen([PendingRecording(Path("a.wav"), question, 1, 1, 74.0)]))
        await pilot.pause()

    assert snap_compare(app, run_before=recover, terminal_size=size)
