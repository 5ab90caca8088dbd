"""The app as a person uses it, headless (App.run_test and the Pilot), with the real model and
analyzer. The microphone is a FileInput playing a synthesized answer at 40x real time."""

import io
import re

import pytest
from builders import write_lock_held
from rich.console import Console
from rich.text import Text
from speech import as_recorded, build_answer
from textual.widgets import DataTable, Label, OptionList, Static
from waits import on_screen, until

from voicecoach import paths
from voicecoach.analysis.debrief import ROWS
from voicecoach.audio.recorder import FileInput
from voicecoach.history.commands import reanalyze
from voicecoach.tui.app import create_app
from voicecoach.tui.screens.dialogs import ConfirmScreen, RecoverScreen
from voicecoach.tui.screens.home import HomeScreen
from voicecoach.tui.screens.question import QuestionScreen
from voicecoach.tui.screens.review import ReviewScreen
from voicecoach.tui.screens.summary import SummaryScreen
from voicecoach.tui.widgets.meters import SilenceCounter, TargetBar
from voicecoach.tui.widgets.timeline import LONG, pitch_cells, strip_cells
from voicecoach.tui.widgets.transcript import STYLES

pytestmark = pytest.mark.model

SCRIPT = [
    ("The metric I would use is weekly active minutes.", 0.7),
    ("Um.", 0.8),
    ("I would compare it against a holdout group.", 6.5),
    ("I think that settles it.", 0.0),
]
SPEED = 40.0


@pytest.fixture(scope="module")
def answer():
    return build_answer(SCRIPT, lead_s=1.0)


def microphone(answer, speed=SPEED):
    pcm = as_recorded(answer.samples)
    streams = []

    def factory(**kwargs):
        streams.append(FileInput(pcm, speed=speed, **kwargs))
        return streams[-1]

    return factory, streams


def shown(widget) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def make_app(tmp_path, analyzer, stream_factory, banks=None, rounds=None):
    return create_app(tmp_path / "data", analyzer_loader=lambda: analyzer, stream_factory=stream_factory,
                      bank_dirs=banks or [paths.prompts_dir() / "banks"],
                      round_dirs=rounds or [paths.prompts_dir() / "rounds"])


async def start_session(pilot, count=None):
    """From home: `s`, set the number of questions if given, Start; wait for the first question."""
    await pilot.press("s")
    if count is not None:
        pilot.app.screen.query_one("#count").value = str(count)
    await pilot.click("#start")
    await until(pilot, lambda: on_screen(pilot.app, QuestionScreen))


async def record_answer(pilot, streams):
    await pilot.press("space")
    assert pilot.app.screen.state == "recording"
    await until(pilot, lambda: streams and streams[-1].fed.is_set())
    await pilot.pause(0.2)  # a few meter updates
    await pilot.press("space")
    await until(pilot, lambda: on_screen(pilot.app, ReviewScreen))


async def test_home_question_record_review_next_summary(tmp_path, analyzer, answer, monkeypatch):
    factory, streams = microphone(answer)
    app = make_app(tmp_path, analyzer, factory)
    async with app.run_test(size=(120, 44)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        banks = app.screen.query_one("#banks", OptionList)
        assert banks.option_count == 2
        banks.highlighted = [b.id for b in app.banks.banks].index("spotify-ml-ds")
        await pilot.press("s")
        app.screen.query_one("#count").value = "2"
        app.screen.query_one("#shuffle").value = False
        await pilot.click("#start")
        await until(pilot, lambda: on_screen(app, QuestionScreen))

        question = app.screen
        assert "Question 1 of 2" in str(question.query_one("#progress", Static).render())
        assert "embedding-based playlist" in str(question.query_one("#question-text", Static).render())
        await pilot.press("space")
        await until(pilot, lambda: streams[-1].fed.is_set())
        await until(pilot, lambda: question.query_one(TargetBar).elapsed_s >= len(answer.samples) / 16000 - 0.3)
        assert question.has_class("-recording")
        assert question.query_one(TargetBar).elapsed_s == pytest.approx(len(answer.samples) / 16000, abs=0.3)
        assert question.query_one(SilenceCounter).silence_s == pytest.approx(0.0, abs=0.2)
        await pilot.press("space")
        assert question.has_class("-analysing")
        await until(pilot, lambda: on_screen(app, ReviewScreen))

        review = app.screen
        report = review.report
        # The pause timeline: the long pause drawn to scale, marked, and listed with its words.
        (start, end), = [(s, e) for s, e in answer.silences() if e - s > 5]
        cells = strip_cells(report, 100)
        drawn = cells.count(LONG) * report.duration_s / 100
        assert drawn == pytest.approx(end - start, abs=2 * report.duration_s / 100)
        # Under it the pitch strip: the voice drawn where it spoke, never in the long pause.
        pitch = pitch_cells(report, 100)
        assert sum(c != " " for c in pitch) >= 20
        inside = [i for i, c in enumerate(cells) if c == LONG][1:-1]  # the edge cells hold a word's end
        assert all(pitch[i] == " " for i in inside)
        table = review.query_one("#long-pauses", DataTable)
        assert table.row_count == 1
        row = table.get_row_at(0)
        assert float(row[2].removesuffix(" s")) == pytest.approx(end - start, abs=0.3)
        assert "holdout group" in row[3] and "I think" in row[4]
        # A holdout experiment with no decision rule: the interviewer's next question, with its evidence.
        tips = shown(review.query_one("#tips"))
        assert "An interviewer would ask next:" in tips and "What product decision did that uplift inform?" in tips
        assert "holdout" in tips.split("What product decision")[1]
        # The transcript highlights the filler and the hedge in their own styles.
        text: Text = review.query_one("#transcript").render()
        styled = {text.plain[s.start:s.end].strip(" ,."): str(s.style) for s in text.spans}
        assert "on ansi_yellow" in styled["Um"] and "bold" in styled["Um"]  # filler
        assert all("italic" in styled[w] and "underline" in styled[w] for w in ("I", "think"))  # hedge
        assert STYLES["filler"] != STYLES["hedge"]
        # Metrics.
        assert report.metrics.long_pause_count == 1 and report.metrics.filler_count == 1
        metrics = shown(review.query_one("#metrics"))
        assert "Long pauses  1" in metrics and "Fillers      1 ·" in metrics
        longest = float(re.search(r"longest ([\d.]+) s", metrics).group(1))
        assert longest == pytest.approx(end - start, abs=0.3)
        # The content signals with their words; choosing one replays from a second before it.
        signals = review.query_one("#signals", DataTable)
        rows = [[str(c) for c in signals.get_row_at(i)] for i in range(signals.row_count)]
        metric = next(r for r in rows if r[0].startswith("metric"))
        assert "weekly active minutes" in metric[2] and ["experiment"] == [r[0] for r in rows if "holdout" in r[2]]
        said_at = report.signals.metric_framing.metrics[0].start
        played = []
        monkeypatch.setattr("voicecoach.audio.playback.play", lambda path, at, device: played.append(at) or 1000.0)
        signals.focus()
        signals.move_cursor(row=rows.index(metric))
        await pilot.press("enter")
        assert played == [pytest.approx(max(0.0, said_at - 1.0))]
        # Pause, 5 s on while paused, resume: it plays on from there.
        await pilot.press("space")
        assert not review.replay.playing
        await pilot.press("right_square_bracket")
        await pilot.press("space")
        assert review.replay.playing and len(played) == 2 and played[1] >= played[0] + 5.0
        await pilot.press("s")
        assert not review.replay.playing

        await pilot.press("n")
        await until(pilot, lambda: on_screen(app, QuestionScreen))
        assert "Question 2 of 2" in str(app.screen.query_one("#progress", Static).render())
        await record_answer(pilot, streams)
        await pilot.press("f")
        await until(pilot, lambda: on_screen(app, SummaryScreen))
        summary = app.screen.query_one("#summary-table", DataTable)
        assert summary.row_count == 2
        first = summary.get_row_at(0)
        assert first[6] == "1" and first[7] == "1"  # fillers, long pauses
        worst_s, at_s = re.match(r"([\d.]+) s at ([\d.]+) s", first[8]).groups()
        assert float(worst_s) == pytest.approx(end - start, abs=0.3)
        assert float(at_s) == pytest.approx(start, abs=0.3)

    stored = app.rehearsal.store.answers()
    assert len(stored) == 2 and all(a.report.metrics.long_pause_count == 1 for a in stored)
    assert all(a.audio_path and a.overflows == 0 for a in stored)
    # One truth: the history's reanalysis of the recordings gives the reports the app gave.
    reanalyze(app.rehearsal.store, analyzer, progress=lambda line: None)
    assert [a.report.to_dict() for a in app.rehearsal.store.answers()] == [a.report.to_dict() for a in stored]


async def test_retry_keeps_both_attempts(tmp_path, analyzer, answer):
    factory, streams = microphone(answer)
    app = make_app(tmp_path, analyzer, factory)
    async with app.run_test(size=(120, 44)) as pilot:
        await start_session(pilot, count=1)
        await record_answer(pilot, streams)
        assert not app.screen.query_one("#attempts", DataTable).display  # the first attempt: nothing to compare
        await pilot.press("r")
        await until(pilot, lambda: on_screen(app, QuestionScreen))
        assert "attempt 2" in str(app.screen.query_one("#progress", Static).render())
        await record_answer(pilot, streams)
        # The second attempt's review sets it beside the first.
        table = app.screen.query_one("#attempts", DataTable)
        first, second = app.rehearsal.store.answers()
        rows = {str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)[1:3]] for i in range(table.row_count)}
        assert table.display and rows["Long pauses"] == [str(first.report.metrics.long_pause_count),
                                                         str(second.report.metrics.long_pause_count)]
        assert [str(c.label) for c in table.columns.values()][1:3] == ["attempt 1", "this one"]
        # esc asks before it leaves the session; "n" stays, "y" goes home.
        review = app.screen
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen) and "Leave this session?" in shown(app.screen.query_one(Label))
        await pilot.press("n")
        assert app.screen is review
        await pilot.press("escape")
        await pilot.press("y")
        await until(pilot, lambda: on_screen(app, HomeScreen))
    assert [a.attempt for a in app.rehearsal.store.answers()] == [1, 2]


async def test_discarding_a_recording_asks_first(tmp_path, analyzer, answer):
    factory, streams = microphone(answer, speed=1.0)
    app = make_app(tmp_path, analyzer, factory)
    async with app.run_test(size=(120, 44)) as pilot:
        await start_session(pilot)
        await pilot.press("space")
        await pilot.pause(0.3)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen.state == "recording"
        await pilot.press("escape")
        await pilot.press("y")
        await until(pilot, lambda: app.screen.state == "ready")
    assert app.rehearsal.store.answers() == []
    assert list((tmp_path / "data" / "recordings").glob("*/*.wav")) == []


async def test_an_interrupted_recording_is_offered_and_analysed_on_start(tmp_path, analyzer, answer):
    from voicecoach.audio.wavstream import StreamingWav
    from voicecoach.banks import Question
    from voicecoach.rehearsal import Rehearsal
    from voicecoach.storage import Store

    rehearsal = Rehearsal(Store(tmp_path / "data"), lambda: analyzer)
    path = rehearsal.recording_path(None, Question("q", "behavioral", "Tell me about a time."), 1)
    wav = StreamingWav(path, 16000)  # the app "crashed" before closing it
    wav.write(as_recorded(answer.samples))
    wav.flush()
    rehearsal.release(path)  # the crash took the process, and its claim on the recording, with it

    app = make_app(tmp_path, analyzer, None)
    async with app.run_test(size=(120, 44)) as pilot:
        await until(pilot, lambda: on_screen(app, RecoverScreen))
        await pilot.press("a")
        await until(pilot, lambda: len(app.rehearsal.store.answers()) == 1)
    [saved] = app.rehearsal.store.answers()
    assert saved.question_text == "Tell me about a time." and saved.report.metrics.long_pause_count == 1


async def test_no_microphone_is_a_clear_message_and_the_app_goes_on(tmp_path, analyzer):
    def no_device(**kwargs):
        raise RuntimeError("Error querying device -1")

    app = make_app(tmp_path, analyzer, no_device)
    async with app.run_test(size=(120, 44)) as pilot:
        await start_session(pilot)
        await pilot.press("space")
        await until(pilot, lambda: list(app._notifications))
        assert app.screen.state == "ready"
        [note] = list(app._notifications)
        assert note.title == "Cannot record"
        assert note.message.startswith("no input device found") and "--input-file FILE" in note.message
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    # Nothing was recorded, so nothing is left to offer as interrupted.
    assert list((tmp_path / "data" / "recordings").rglob("*.*")) == []


async def test_a_malformed_bank_is_shown_and_the_others_load(tmp_path, analyzer):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "broken.toml").write_text('[bank]\nid = "x"\nname = "X"\n[[questions]]\nid = "q"\ntext = "no end\n')
    app = make_app(tmp_path, analyzer, None, banks=[paths.prompts_dir() / "banks", banks])
    async with app.run_test(size=(120, 44)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#banks", OptionList).option_count == 2
        errors = str(app.screen.query_one("#bank-errors", Static).render())
        assert f"Bank not loaded: {banks / 'broken.toml'}:6:" in errors


def test_an_unwritable_data_dir_is_one_clear_line(tmp_path):
    import subprocess
    import sys

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    result = subprocess.run([sys.executable, "-m", "voicecoach", "--data-dir", str(blocker / "data")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("voicecoach: cannot use the data directory")
    assert len(result.stderr.strip().splitlines()) == 1


async def test_bank_text_is_shown_as_written_never_as_markup_or_escape_codes(tmp_path, analyzer):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "evil.toml").write_text(
        '[bank]\nid = "evil"\nname = "Tokens [/] bank"\ndescription = "[b]not bold[/b]"\n'
        '[[questions]]\nid = "q"\ncategory = "behavioral"\n'
        'text = "What does [CLS] do? [/] \\u001b]0;pwned\\u0007 Explain."\n'
    )
    app = make_app(tmp_path, analyzer, None, banks=[banks])
    async with app.run_test(size=(120, 44)) as pilot:
        await pilot.pause()
        assert "[b]not bold[/b]" in shown(app.screen.query_one("#bank-description"))
        await start_session(pilot)
        text = shown(app.screen.query_one("#question-text"))
        assert "What does [CLS] do? [/]" in text and "Explain." in text
        assert "\x1b" not in text and "\x07" not in text


async def test_quitting_mid_answer_keeps_the_recording_and_stops_every_thread(tmp_path, analyzer):
    """ctrl+q while recording, with live transcription running: no thread is left with the model
    (Whisper running at interpreter exit aborts the process), and the audio is offered at the
    next start."""
    import threading

    long_answer = build_answer(SCRIPT * 2, lead_s=1.0)  # longer than the first stretch
    factory, streams = microphone(long_answer, speed=8.0)
    app = make_app(tmp_path, analyzer, factory)
    async with app.run_test(size=(120, 44)) as pilot:
        await start_session(pilot, count=1)
        await pilot.press("space")
        stream = app.screen.stream
        await until(pilot, lambda: stream.stats.stretches >= 1)  # the model is at work
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)
    alive = [t.name for t in threading.enumerate() if t.name.startswith("voicecoach-")]
    assert alive == []
    rehearsal = create_app(tmp_path / "data", analyzer_loader=lambda: analyzer).rehearsal
    [pending] = rehearsal.pending_recordings()
    assert pending.seconds >= 2.0


async def test_a_history_locked_mid_session_ends_the_app_with_one_line(tmp_path, analyzer, capsys):
    app = make_app(tmp_path, analyzer, None)
    with write_lock_held(tmp_path / "data" / "history.sqlite3"):
        async with app.run_test(size=(120, 44)) as pilot:
            await pilot.press("s")
            await pilot.click("#start")  # a new session is a write: it waits 2 s, then gives up
            await until(pilot, lambda: not app.is_running)
    assert app.return_code == 1
    printed = capsys.readouterr()
    said = "".join((printed.out + printed.err).split())  # as printed, wrapped at the console's width
    expected = f"voicecoach: {tmp_path / 'data' / 'history.sqlite3'} is locked by another program (held by pid"
    assert "".join(expected.split()) in said
    assert "Traceback" not in said


async def test_any_analysis_error_reaches_the_screen_and_keeps_the_recording(tmp_path, analyzer, answer):
    """A worker that dies quietly leaves "Analysing…" up for good: here the history's disk fails
    (SQLite's own error, not ours) and the person is told, with the recording kept."""
    import sqlite3

    factory, streams = microphone(answer)
    app = make_app(tmp_path, analyzer, factory)
    async with app.run_test(size=(120, 44)) as pilot:
        def failing_save(*args, **kwargs):
            raise sqlite3.OperationalError("disk I/O error")

        app.rehearsal.store.save_answer = failing_save
        await start_session(pilot, count=1)
        await pilot.press("space")
        await until(pilot, lambda: streams and streams[-1].fed.is_set())
        await pilot.press("space")
        screen = app.screen
        await until(pilot, lambda: screen.state == "ready")
        shown_notes = [n.message for n in app._notifications]
        assert any("disk I/O error" in m and "recording is kept" in m for m in shown_notes), shown_notes
    assert len(list((tmp_path / "data" / "recordings").glob("*/*.wav"))) == 1


async def test_sigterm_quits_like_ctrl_q(tmp_path, analyzer, answer):
    import os
    import signal
    import threading

    factory, streams = microphone(answer, speed=4.0)
    app = make_app(tmp_path, analyzer, factory)
    async with app.run_test(size=(120, 44)) as pilot:
        await start_session(pilot, count=1)
        await pilot.press("space")
        await until(pilot, lambda: app.screen.recorder is not None and app.screen.recorder.status.elapsed_s > 1)
        os.kill(os.getpid(), signal.SIGTERM)
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    assert [t.name for t in threading.enumerate() if t.name.startswith("voicecoach-")] == []
    assert len(create_app(tmp_path / "data", analyzer_loader=lambda: analyzer).rehearsal.pending_recordings()) == 1


async def test_the_interviewer_states_the_constraint_part_way_and_the_review_checks_it(tmp_path, analyzer, answer):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "budget.toml").write_text(
        '[bank]\nid = "budget"\nname = "Budget"\n[[questions]]\nid = "q"\ncategory = "latency_relevance"\n'
        'text = "How would you rank playlists?"\n[questions.constraint]\n'
        'text = "It must stay under 100 milliseconds."\nafter_s = 3\nterms = ["latency", "100 milliseconds"]\n')
    factory, streams = microphone(answer, speed=10.0)
    app = make_app(tmp_path, analyzer, factory, banks=[banks])
    async with app.run_test(size=(120, 44)) as pilot:
        await start_session(pilot, count=1)
        question = app.screen
        assert not question.query_one("#constraint").display
        await pilot.press("space")
        await until(pilot, lambda: question.constraint_stated)
        assert question.recorder.status.elapsed_s >= 3.0
        assert "Interviewer: It must stay under 100 milliseconds." in shown(question.query_one("#constraint"))
        await until(pilot, lambda: streams[-1].fed.is_set())
        await pilot.press("space")
        await until(pilot, lambda: on_screen(app, ReviewScreen))
        check = app.screen.report.constraint
        assert check.stated_s == 3.0 and check.verdict == "not acknowledged"
        assert "never named it" in " ".join(shown(app.screen.query_one("#tips")).split())  # however it wraps


async def test_an_answered_follow_up_is_linked_to_its_answer(tmp_path, analyzer, answer, monkeypatch):
    """After the review, the interviewer's follow-up is asked and answered like any question:
    recorded, analysed, stored with a link to the answer it follows up and the rule that chose it."""
    factory, streams = microphone(answer)
    app = make_app(tmp_path, analyzer, factory)
    async with app.run_test(size=(120, 44)) as pilot:
        await start_session(pilot, count=1)
        for _ in range(2):  # the question, then its follow-up
            question = app.screen
            await pilot.press("space")
            await until(pilot, lambda: streams[-1].fed.is_set())
            await pilot.press("space")
            await until(pilot, lambda: on_screen(app, ReviewScreen) and app.screen is not question)
            review = app.screen
            if review.follow_up is None:
                asked = review.report.follow_ups
                assert asked, "the answer draws at least one follow-up"
                assert app.screen.check_action("follow_up", ()) is True
                await pilot.press("a")
                await until(pilot, lambda: on_screen(app, QuestionScreen))
                progress = shown(app.screen.query_one("#progress"))
                assert progress.startswith("Follow-up to question 1 of 1")
                assert shown(app.screen.query_one("#question-text")).strip() == asked[0].text
        assert review.question_text == asked[0].text
        # A second follow-up is offered only if the first answer drew one.
        assert review.check_action("follow_up", ()) is (len(asked) > 1)
        main, follow_up = app.rehearsal.store.answers(review.plan.session_id)
        assert (follow_up.parent_id, follow_up.follow_up_rule) == (main.id, asked[0].rule)
        assert main.parent_id is None and follow_up.question_text == asked[0].text
        await pilot.press("f")
        await until(pilot, lambda: on_screen(app, SummaryScreen))
        table = app.screen.query_one("#summary-table", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["1", "1↳"]
        # The debrief: each row judges both answers (the follow-up too, as the panel heard it).
        card = app.screen.query_one("#debrief", DataTable)
        assert card.row_count == len(ROWS) == 10 and len(card.columns) == 3
        metric = [str(c) for c in card.get_row("metric_first")]
        assert metric[0] == "Metric-first framing" and all(c[0] in "✓✗" for c in metric[1:])
        assert shown(app.screen.query_one("#practise-next")).startswith(("Practise next: 1. ", "Every debrief row"))
        # A verdict opens its answer and replays from a second before its evidence (the long pause).
        played = []
        monkeypatch.setattr("voicecoach.audio.playback.play", lambda path, at, device: played.append(at) or 100.0)
        verdict = app.screen.card.rows[[key for key, *_ in ROWS].index("long_pauses")].verdicts[1]
        assert not verdict.ok and verdict.at is not None
        card.focus()
        card.move_cursor(row=[key for key, *_ in ROWS].index("long_pauses"), column=2)
        await pilot.press("enter")
        await until(pilot, lambda: on_screen(app, ReviewScreen) and bool(played))
        assert app.screen.question_text == asked[0].text and app.screen.plan is None
        assert played == [pytest.approx(verdict.at - 1.0)]


async def test_a_two_question_round_with_a_follow_up_ends_in_its_debrief(tmp_path, analyzer, answer):
    """A round: its questions in order against its budget, one follow-up answered; the history
    links the follow-up to its answer and the summary debriefs all three answers."""
    rounds = tmp_path / "rounds"
    rounds.mkdir()
    (rounds / "two.toml").write_text(
        '[round]\nid = "two"\nname = "Two questions"\nbudget_min = 1\n'
        '[[questions]]\nbank = "spotify-ml-ds"\nid = "ps-podcast-recs"\n'
        '[[questions]]\nbank = "spotify-ml-ds"\nid = "mx-success-metric"\n')
    factory, streams = microphone(answer)
    app = make_app(tmp_path, analyzer, factory, rounds=[rounds])
    said = len(answer.samples) / 16000

    async def answer_it():
        screen = app.screen
        await pilot.press("space")
        await until(pilot, lambda: streams[-1].fed.is_set())
        await pilot.press("space")
        await until(pilot, lambda: on_screen(app, ReviewScreen) and app.screen is not screen)

    async with app.run_test(size=(120, 44)) as pilot:
        listed = app.screen.query_one("#rounds", OptionList)
        assert listed.option_count == 1
        assert "Two questions  (2 questions, 1 min)" in str(listed.get_option_at_index(0).prompt)
        listed.focus()
        listed.highlighted = 0
        await pilot.press("enter")
        await until(pilot, lambda: on_screen(app, QuestionScreen))
        assert "Round: 0.0 s of 1:00 said" in shown(app.screen.query_one("#budget-label"))
        assert "podcast recommendations" in shown(app.screen.query_one("#question-text"))
        await answer_it()
        first = app.screen.answer_id
        assert app.screen.check_action("follow_up", ()) is True
        await pilot.press("a")
        await until(pilot, lambda: on_screen(app, QuestionScreen))
        assert f"Round: {said:.1f} s of 1:00 said" in shown(app.screen.query_one("#budget-label"))
        await answer_it()
        await pilot.press("n")
        await until(pilot, lambda: on_screen(app, QuestionScreen))
        assert "Question 2 of 2" in shown(app.screen.query_one("#progress"))
        # Two answers so far, about 33 s of the minute.
        assert "over budget" not in shown(app.screen.query_one("#budget-label"))
        await answer_it()
        assert app.rehearsal.store.recent_sessions(1)[0].bank_name == "Round: Two questions"
        await pilot.press("n")  # the last question: on to the summary
        await until(pilot, lambda: on_screen(app, SummaryScreen))
        answers = app.rehearsal.store.answers(app.screen.session_id)
        assert [a.parent_id for a in answers] == [None, first, None]
        assert answers[1].follow_up_rule in ("decision_rule", "metric", "evidence", "shorter", "recommend")
        card = app.screen.query_one("#debrief", DataTable)
        assert card.row_count == len(ROWS) and len(card.columns) == 4


async def test_live_cues_when_turned_on_ask_a_quiet_speaker_to_speak_up(tmp_path, analyzer):
    from voicecoach.audio.recorder import FileInput

    said = build_answer([("The metric I would use is weekly active minutes per listener, and retention.", 0.3),
                         ("I would compare it against a holdout group for two weeks before we ship.", 0.3)])
    quiet = as_recorded(said.samples * 0.08)  # speech about -39 dBFS
    streams = []

    def factory(**kwargs):  # the screen samples the level ten times a second: not too fast
        streams.append(FileInput(quiet, speed=3.0, **kwargs))
        return streams[-1]

    app = make_app(tmp_path, analyzer, factory)
    assert app.live_cues is False  # off by default
    async with app.run_test(size=(120, 44)) as pilot:
        app.live_cues = True
        await start_session(pilot, count=1)
        question = app.screen
        await pilot.press("space")
        await until(pilot, lambda: question.cues)
        at, cue = question.cues[0]
        assert cue == "Louder" and 3.0 <= at <= 8.0
        assert shown(question.query_one("#cue")).startswith("Louder (")
        await until(pilot, lambda: streams[-1].fed.is_set())
        assert len(question.cues) == 1  # at most one in twenty seconds; the answer is shorter
        await pilot.press("space")
        await until(pilot, lambda: on_screen(app, ReviewScreen))


async def test_the_command_palette_has_the_apps_own_commands_and_exports_land_in_the_data_dir(tmp_path, analyzer):
    import stat

    from test_debrief import STRONG, WEAK, report_of

    app = make_app(tmp_path, analyzer, None)
    store = app.rehearsal.store
    session = store.create_session("spotify-ml-ds", "Spotify", "", 2)
    for text, question in ((STRONG, "Evaluate the model."), (WEAK, "Would you ship it?")):
        store.save_answer(report_of(text), session_id=session, question_text=question)
    async with app.run_test(size=(120, 44)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles[:8] == ["History", "Trends", "Settings and devices", "Debrief of the latest session",
                              "Export the history", "Export the latest debrief", "Read aloud: turn on",
                              "Live cues: turn on"]
        app.action_toggle_read_aloud()
        assert app.read_aloud and "Read aloud: turn off" in [c.title for c in app.get_system_commands(app.screen)]
        app.action_export("debrief")
        app.action_export("html")
        written = sorted((tmp_path / "data" / "exports").iterdir())
        assert [p.suffix for p in written] == [".md", ".html"]
        assert written[0].read_text().startswith(f"# Debrief of session {session}\n")
        assert "Would you ship it?" in written[1].read_text()
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)
        app.action_latest_debrief()
        await until(pilot, lambda: on_screen(app, SummaryScreen) and app.screen.query("#debrief"))
        await pilot.pause()
        assert app.screen.query_one("#debrief", DataTable).row_count == len(ROWS)


async def test_reading_aloud_never_holds_up_the_screen(tmp_path, analyzer, answer, monkeypatch):
    """Piper synthesizes before it speaks: the question and the interviewer's cut-in are read on
    a worker, so recording starts while the voice is still being made."""
    import threading

    released, said, speaking = threading.Event(), [], threading.Event()

    def slow_say(text, device=None):
        speaking.set()
        said.append(text)
        released.wait(20)
        speaking.clear()
        return True

    monkeypatch.setattr("voicecoach.voice.say", slow_say)
    factory, streams = microphone(answer)
    app = make_app(tmp_path, analyzer, factory)
    app.read_aloud = True
    async with app.run_test(size=(120, 44)) as pilot:
        await start_session(pilot, count=1)
        await until(pilot, lambda: said)
        await pilot.press("space")  # taken at once, while the question is still being read
        assert app.screen.state == "recording" and speaking.is_set()
        released.set()
        await until(pilot, lambda: streams[-1].fed.is_set())
        await pilot.press("space")
        await until(pilot, lambda: on_screen(app, ReviewScreen))
    assert said[0] == app.rehearsal.store.answers()[0].question_text
