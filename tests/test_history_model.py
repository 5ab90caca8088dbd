"""Importing and re-analysing recordings, through the real model."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from seed import report_with
from textual.widgets import DataTable
from waits import on_screen, until

from voicecoach import paths
from voicecoach.history.commands import reanalyze
from voicecoach.storage import Store
from voicecoach.tui.app import create_app
from voicecoach.tui.screens.history import HistoryScreen
from voicecoach.tui.screens.review import ReviewScreen
from voicecoach.tui.screens.trends import TrendsScreen

pytestmark = pytest.mark.model
SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample-answer.flac"


def test_analyze_save_imports_the_recording(tmp_path):
    data = tmp_path / "data"
    result = subprocess.run([sys.executable, "-m", "voicecoach", "--data-dir", str(data), "analyze", "--json",
                             str(SAMPLE), "--save", "--question", "Evaluate a playlist model",
                             "--category", "ml_system_design"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "saved to the history as answer 1"
    printed = json.loads(result.stdout)
    [answer] = Store(data).answers()
    assert answer.question_text == "Evaluate a playlist model" and answer.category == "ml_system_design"
    assert Path(answer.audio_path).parent == data / "recordings" / "imported"
    assert Path(answer.audio_path).read_bytes() == SAMPLE.read_bytes()
    assert answer.report.to_dict() == printed


def test_reanalyze_replaces_in_place_and_keeps_the_old_result(tmp_path, analyzer):
    store = Store(tmp_path)
    stale = report_with(answer_s=20, fillers_per_min=99, long_pauses=3, longest_pause_s=9, verdict="short",
                        wpm=50, hedges=0, boosters=0, think_s=1)
    kept = store.save_answer(stale, question_text="q", audio_path=str(SAMPLE))
    gone = store.save_answer(stale, question_text="q2", audio_path=str(tmp_path / "deleted.wav"))
    lines = []
    done, skipped = reanalyze(store, analyzer, progress=lines.append)
    assert (done, skipped) == (1, 1)
    assert lines[0].startswith(f"answer {kept}: 99.0 → ") and lines[1].endswith("is missing; skipped")
    fresh = store.answer(kept).report
    assert fresh.metrics.long_pause_count == 1 and fresh.metrics.filler_count == 2 and fresh.model == "tiny.en"
    [(when, model, old)] = store.replaced_analyses(kept)
    assert model == "seed" and old.metrics.fillers_per_min == 99
    assert store.replaced_analyses(gone) == []
    row = store.db.execute("SELECT long_pause_count, model FROM answers WHERE id = ?", (kept,)).fetchone()
    assert tuple(row) == (1, "tiny.en")  # the trend columns follow the new analysis


async def test_history_and_trends_screens(tmp_path, analyzer):
    store = Store(tmp_path / "data")
    for day, fillers in (("2026-10-05", 4.0), ("2026-10-12", 3.0), ("2026-10-19", 2.0)):
        report = report_with(answer_s=110, fillers_per_min=fillers, long_pauses=1, longest_pause_s=6,
                             verdict="on target", wpm=130, hedges=2, boosters=0, think_s=2)
        store.save_answer(report, question_text=f"Question of {day}", category="behavioral",
                          audio_path=str(SAMPLE), recorded_at=f"{day}T10:00:00+00:00")
    store.save_answer(report, question_text="Other", category="product_sense", recorded_at="2026-10-20T10:00:00+00:00")
    app = create_app(tmp_path / "data", analyzer_loader=lambda: analyzer,
                     bank_dirs=[paths.prompts_dir() / "banks"])
    async with app.run_test(size=(130, 44)) as pilot:
        await pilot.press("h")
        await until(pilot, lambda: on_screen(app, HistoryScreen))
        table = app.screen.query_one("#history-table", DataTable)
        assert table.row_count == 4
        app.screen.query_one("#filter-category").value = "behavioral"
        await until(pilot, lambda: table.row_count == 3)
        assert table.row_count == 3 and str(table.get_row_at(0)[3]) == "Question of 2026-10-19"
        app.screen.query_one("#filter-since").value = "2026-10-12"
        await until(pilot, lambda: table.row_count == 2)
        assert table.row_count == 2
        table.focus()
        await pilot.press("enter")
        await until(pilot, lambda: on_screen(app, ReviewScreen))
        assert app.screen.question_text == "Question of 2026-10-19"
        assert app.screen.check_action("retry", ()) is False  # a past answer: review only
        await pilot.press("escape")
        await pilot.press("t")
        await until(pilot, lambda: on_screen(app, TrendsScreen))
        assert app.screen.category == "behavioral"
        summary = str(app.screen.query_one("#trend-summary").render())
        assert "fillers/min down 50 % over 2 weeks (4.0 → 2.0)" in summary
        await pilot.press("z")
        assert app.screen.by == "day"
