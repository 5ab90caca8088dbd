"""History, trends and exports over a database seeded with ten weeks of answers of known values."""

import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from builders import write_lock_held
from seed import report_with

from voicecoach.errors import VoicecoachError
from voicecoach.history.commands import export, history_table, trends_text
from voicecoach.history.trends import describe_all
from voicecoach.storage import Store
from voicecoach.storage.queries import Filters, history, period_stats
from voicecoach.storage.schema import MIGRATIONS

FIRST_MONDAY = date.fromisocalendar(2026, 36, 1)  # 2026-08-31
WEEKS = 10
LENGTHS = (100.0, 120.0, 150.0)  # short-ish but on target, on target, over
VERDICTS = ("on target", "on target", "over")


def week_values(k: int) -> dict:
    return {"fillers_per_min": 6.0 - 0.5 * k, "wpm": 120.0 + 2 * k, "think_s": 3.0 - 0.1 * k,
            "long_pauses": (2, 1, 0) if k < 5 else (1, 0, 0), "longest": 8.0 - 0.3 * k}


@pytest.fixture
def seeded(tmp_path):
    store = Store(tmp_path / "data")
    session = store.create_session("spotify-ml-ds", "Spotify-style ML data scientist", "", 30)
    for k in range(WEEKS):
        v = week_values(k)
        for i, day in enumerate((0, 2, 4)):  # Monday, Wednesday, Friday
            when = datetime.combine(FIRST_MONDAY + timedelta(weeks=k, days=day), datetime.min.time(),
                                    tzinfo=timezone.utc).replace(hour=9 + i)
            report = report_with(
                answer_s=LENGTHS[i], fillers_per_min=v["fillers_per_min"], long_pauses=v["long_pauses"][i],
                longest_pause_s=v["longest"] - i, verdict=VERDICTS[i], wpm=v["wpm"], hedges=4, boosters=1,
                think_s=v["think_s"],
            )
            store.save_answer(report, session_id=session, question_id=f"q{i}", question_text=f"Question {i}",
                              category="behavioral" if i == 0 else "product_sense",
                              recorded_at=when.isoformat(timespec="seconds"))
    return store


def test_weekly_aggregates(seeded):
    weeks = period_stats(seeded, "week")
    assert [w.start for w in weeks] == [(FIRST_MONDAY + timedelta(weeks=k)).isoformat() for k in range(WEEKS)]
    for k, week in enumerate(weeks):
        v = week_values(k)
        assert week.answers == 3
        assert week.fillers_per_min == pytest.approx(v["fillers_per_min"])
        assert week.long_pauses_per_answer == pytest.approx(sum(v["long_pauses"]) / 3)
        assert week.longest_pause_s == pytest.approx(v["longest"])
        assert week.within_target_pct == pytest.approx(200 / 3)
        assert week.mean_answer_s == pytest.approx(sum(LENGTHS) / 3)
        assert week.wpm == pytest.approx(v["wpm"])
        assert week.hedges_per_min == pytest.approx(60 * 12 / sum(LENGTHS))
        assert week.boosters_per_min == pytest.approx(60 * 3 / sum(LENGTHS))
        assert week.think_time_s == pytest.approx(v["think_s"])


def test_days_and_filters(seeded):
    days = period_stats(seeded, "day", Filters(since=FIRST_MONDAY.isoformat(),
                                               until=(FIRST_MONDAY + timedelta(weeks=1)).isoformat()))
    assert [(d.start, d.answers) for d in days] == [
        (FIRST_MONDAY.isoformat(), 1), ((FIRST_MONDAY + timedelta(days=2)).isoformat(), 1),
        ((FIRST_MONDAY + timedelta(days=4)).isoformat(), 1)]
    behavioral = period_stats(seeded, "week", Filters(category="behavioral"))
    assert all(w.answers == 1 and w.mean_answer_s == 100.0 for w in behavioral)
    assert len(history(seeded, Filters(bank_id="spotify-ml-ds"))) == 30
    assert history(seeded, Filters(bank_id="other")) == []


def test_week_over_week_changes_in_words(seeded):
    sentences = {c.metric.key: (c.sentence, c.improved) for c in describe_all(period_stats(seeded))}
    assert sentences["fillers_per_min"] == ("fillers/min down 75 % over 9 weeks (6.0 → 1.5)", True)
    assert sentences["long_pauses_per_answer"] == ("long pauses per answer down 67 % over 9 weeks (1.0 → 0.3)", True)
    assert sentences["within_target_pct"] == ("answers within the target unchanged over 9 weeks (66.7 % → 66.7 %)", None)
    assert sentences["wpm"] == ("pace up 15 % over 9 weeks (120.0 wpm → 138.0 wpm)", None)
    four = period_stats(seeded, "week", Filters(since=(FIRST_MONDAY + timedelta(weeks=6)).isoformat()))
    assert describe_all(four)[0].sentence == "fillers/min down 50 % over 3 weeks (3.0 → 1.5)"


def test_cli_history_and_trends_text(seeded):
    table = history_table(seeded, Filters(category="behavioral"), limit=3)
    assert len(table.splitlines()) == 4 and table.count("behavioral") == 3
    text = trends_text(seeded, Filters())
    assert text.startswith("10 weeks, 30 answers")
    assert "• fillers/min down 75 % over 9 weeks (6.0 → 1.5)" in text


def test_exports_parse_back(seeded):
    rows = list(csv.DictReader(io.StringIO(export(seeded, "csv", Filters()))))
    assert len(rows) == 30 and rows[0]["question_text"] == "Question 2"
    assert float(rows[-1]["fillers_per_min"]) == pytest.approx(6.0)

    data = json.loads(export(seeded, "json", Filters()))
    assert len(data["answers"]) == 30 and len(data["weeks"]) == WEEKS
    assert data["answers"][0]["report"]["metrics"]["long_pause_count"] == 0
    assert "fillers/min down 75 % over 9 weeks (6.0 → 1.5)" in data["changes"]

    md = export(seeded, "md", Filters())
    assert "- fillers/min down 75 % over 9 weeks (6.0 → 1.5)" in md
    assert md.count("| Question ") == 30

    page = export(seeded, "html", Filters())
    assert page.startswith("<!doctype html>") and "http" not in page  # nothing fetched from the web
    assert len(re.findall(r'<svg class="chart" data-metric="', page)) == 9
    assert len(re.findall(r'<details class="answer" data-id="\d+">', page)) == 30
    assert len(re.findall(r'<svg class="timeline"', page)) == 30
    # Week 0's first answer has two long pauses; each is drawn.
    assert page.count('class="long-pause"') == sum(sum(week_values(k)["long_pauses"]) for k in range(WEEKS))


def test_migration_from_schema_1_keeps_the_data(tmp_path):
    path = tmp_path / "history.sqlite3"
    path_a = "/old/place/recordings/voicecoach/recordings/session-3/20260105-a-1.wav"
    path_b = "/home/me/answers/recordings/notes.wav"  # not the data dir's: kept as it is
    old = sqlite3.connect(path)
    old.executescript(MIGRATIONS[0])
    old.execute("PRAGMA user_version = 1")
    report = report_with(answer_s=90, fillers_per_min=2, long_pauses=1, longest_pause_s=6, verdict="on target",
                         wpm=130, hedges=1, boosters=0, think_s=2)
    old.execute("INSERT INTO answers (recorded_at, duration_s, answer_s, think_time_s, target_s, wpm, filler_count,"
                " fillers_per_min, pause_count, long_pause_count, longest_pause_s, hedge_count, booster_count,"
                " length_verdict, confidence_verdict, report_json) VALUES"
                " ('2026-01-05T10:00:00', 93, 90, 2, 120, 130, 3, 2, 4, 1, 6, 1, 0, 'on target', 'balanced', ?)",
                (report.to_json(),))
    # Recordings were stored by absolute path, in a data dir that has moved since.
    old.execute("INSERT INTO answers (recorded_at, duration_s, answer_s, think_time_s, target_s, wpm, filler_count,"
                " fillers_per_min, pause_count, long_pause_count, longest_pause_s, hedge_count, booster_count,"
                " length_verdict, confidence_verdict, report_json, audio_path)"
                " SELECT recorded_at, duration_s, answer_s, think_time_s, target_s, wpm, filler_count,"
                " fillers_per_min, pause_count, long_pause_count, longest_pause_s, hedge_count, booster_count,"
                " length_verdict, confidence_verdict, report_json, ? FROM answers", (path_a,))
    old.execute("UPDATE answers SET audio_path = ? WHERE id = 1", (path_b,))
    old.commit()
    old.close()
    store = Store(tmp_path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    stored = [row[0] for row in store.db.execute("SELECT audio_path FROM answers ORDER BY id")]
    assert stored == ["/home/me/answers/recordings/notes.wav", "recordings/session-3/20260105-a-1.wav"]
    assert store.answer(2).audio_path == str(tmp_path.resolve() / "recordings/session-3/20260105-a-1.wav")
    assert store.db.execute("SELECT COUNT(*) FROM replaced_analyses").fetchone()[0] == 0
    assert [a.report.metrics.long_pause_count for a in store.answers()] == [1, 1]


def test_a_failed_migration_leaves_the_old_schema(tmp_path, monkeypatch):
    import voicecoach.storage.store as store_module

    db = sqlite3.connect(tmp_path / "history.sqlite3")  # a history at schema 1
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS + ["CREATE TABLE broken (x INTEGER); SELEC nonsense"])
    with pytest.raises(VoicecoachError, match="history.sqlite3"):
        Store(tmp_path)
    db = sqlite3.connect(tmp_path / "history.sqlite3")
    # Migrations 2 to 4 landed whole, the broken one not at all.
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'broken'").fetchone() is None


def test_corrupt_database_from_the_cli_is_one_line_and_untouched(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.sqlite3").write_bytes(b"garbage" * 500)
    before = (data / "history.sqlite3").read_bytes()
    for command in ("history", "trends", "export"):
        result = subprocess.run([sys.executable, "-m", "voicecoach", "--data-dir", str(data), command],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
        assert "is damaged" in result.stderr and "left untouched" in result.stderr
    assert (data / "history.sqlite3").read_bytes() == before


HOSTILE = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "@SUM(A1:A9)", "+1+1", "-2+3", "\tTab", "\rCR",
           "<script>alert(1)</script> | next\nline", "retitle \x1b]0;pwned\x07 and \x1b[2J clear"]


def hostile_store(tmp_path) -> Store:
    store = Store(tmp_path)
    report = report_with(answer_s=90, fillers_per_min=2, long_pauses=0, longest_pause_s=1, verdict="on target",
                         wpm=130, hedges=0, boosters=0, think_s=2)
    for text in HOSTILE:
        store.save_answer(report, question_text=text, category="<b>cat</b>|x\ny")
    return store


def test_csv_cells_never_start_a_formula(tmp_path):
    rows = list(csv.DictReader(io.StringIO(export(hostile_store(tmp_path), "csv", Filters()))))
    assert sorted(r["question_text"] for r in rows) == sorted("'" + text for text in HOSTILE[:7]) + sorted(HOSTILE[7:])
    assert all(float(r["wpm"]) == 130 for r in rows)  # numbers stay numbers


def test_markdown_rows_stay_one_line_with_no_raw_html(tmp_path):
    md = export(hostile_store(tmp_path), "md", Filters())
    rows = [line for line in md.splitlines() if re.match(r"\| \d{4}-\d\d-\d\d \d\d:\d\d \|", line)]
    assert len(rows) == len(HOSTILE)
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 10 for line in rows)  # nine cells, none split
    assert "<script>" not in md and "<b>" not in md and "&lt;script&gt;" in md and "\x1b" not in md


def test_history_prints_no_escape_codes(tmp_path):
    table = history_table(hostile_store(tmp_path), Filters(), None)
    assert "\x1b" not in table and "\x07" not in table and "\r" not in table
    assert len(table.splitlines()) == len(HOSTILE) + 1


def damaged_pages(data) -> bytes:
    """A history whose header is fine but whose pages are not (a bad disk block)."""
    store = Store(data)
    report = report_with(answer_s=90, fillers_per_min=2, long_pauses=0, longest_pause_s=1, verdict="on target",
                         wpm=130, hedges=0, boosters=0, think_s=2)
    for k in range(60):
        store.save_answer(report, question_text=f"question {k}" * 20)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = data / "history.sqlite3"
    with path.open("r+b") as handle:  # garble the header of every third page after the schema
        for page in range(2, path.stat().st_size // 4096, 3):
            handle.seek(4096 * page)
            handle.write(bytes([0x0D, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]))
    return path.read_bytes()


def test_damaged_pages_are_refused_by_every_command_and_the_app_and_never_written(tmp_path):
    data = tmp_path / "data"
    before = damaged_pages(data)
    for command in (["history"], ["trends"], ["export"], ["reanalyze"], []):  # [] starts the app
        result = subprocess.run([sys.executable, "-m", "voicecoach", "--data-dir", str(data), *command],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "is damaged" in result.stderr and "left untouched" in result.stderr
    assert (data / "history.sqlite3").read_bytes() == before


def test_a_locked_history_names_who_holds_it(tmp_path):
    Store(tmp_path).close()
    with write_lock_held(tmp_path / "history.sqlite3") as pid:
        with pytest.raises(VoicecoachError) as caught:
            Store(tmp_path).create_session("b", "B")
        assert f"pid {pid} (python" in str(caught.value) and "locked" in str(caught.value)


def test_analyze_save_never_writes_into_a_damaged_history(tmp_path):
    data = tmp_path / "data"
    before = damaged_pages(data)
    sample = Path(__file__).resolve().parents[1] / "examples" / "sample-answer.flac"
    result = subprocess.run([sys.executable, "-m", "voicecoach", "--data-dir", str(data), "analyze", str(sample),
                             "--save"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "is damaged" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""  # said before the answer is analysed, not after
    assert (data / "history.sqlite3").read_bytes() == before
    assert not (data / "recordings").exists() or list((data / "recordings").rglob("*.flac")) == []


def test_delivery_trends_per_week_leave_out_answers_measured_before_it(tmp_path):
    from dataclasses import replace

    from voicecoach.report import Delivery, Rise

    store = Store(tmp_path)
    base = report_with(answer_s=90, fillers_per_min=2, long_pauses=0, longest_pause_s=1, verdict="on target",
                       wpm=130, hedges=0, boosters=0, think_s=2)

    def delivery(variation: float, rises: int) -> Delivery:
        return Delivery(110.0, variation, variation < 1.7, [Rise(1.0, 1.4, "it", 3.0)] * rises, 4, [], -25.0, 0.0,
                        "", [], False, [], [])

    monday = FIRST_MONDAY
    store.save_answer(base, recorded_at=f"{monday}T09:00:00+00:00")  # before delivery existed
    for day, variation, rises in ((0, 1.0, 2), (1, 2.0, 2), (7, 2.5, 0), (8, 2.5, 0)):
        report = replace(base, delivery=delivery(variation, rises))
        store.save_answer(report, recorded_at=f"{monday + timedelta(days=day)}T10:00:00+00:00")
    weeks = period_stats(store, "week")
    assert [w.pitch_variation_st for w in weeks] == [pytest.approx(1.5), pytest.approx(2.5)]
    assert [w.uptalk_pct for w in weeks] == [pytest.approx(50.0), pytest.approx(0.0)]
    sentences = {c.metric.key: (c.sentence, c.improved) for c in describe_all(weeks)}
    assert sentences["pitch_variation_st"] == ("pitch variation up 67 % over 1 week (1.5 st → 2.5 st)", True)
    assert sentences["uptalk_pct"] == ("statements ending rising down 50 points over 1 week (50.0 % → 0.0 %)", True)
    rows = list(csv.DictReader(io.StringIO(export(store, "csv", Filters()))))
    assert sorted(r["pitch_variation_st"] for r in rows) == ["", "1.0", "2.0", "2.5", "2.5"]
    assert "pitch variation" in trends_text(store, Filters())
    page = export(store, "html", Filters())
    assert page.count('<p class="delivery">') == 4 and "2 of 4 statements end rising" in page
    md = export(store, "md", Filters())
    weeks_part, answers_part = md.split("## Weeks")[1].split("## Answers")

    def last_cells(part: str) -> list[list[str]]:
        rows = [line for line in part.splitlines() if line.startswith("| 2")]
        return [[cell.strip() for cell in row.strip("|").split("|")][-2:] for row in rows]

    assert last_cells(weeks_part) == [["1.5 st", "50 %"], ["2.5 st", "0 %"]]
    assert sorted(map(tuple, last_cells(answers_part))) == [
        ("-", "-"), ("1.0 st", "2"), ("2.0 st", "2"), ("2.5 st", "0"), ("2.5 st", "0")]


def test_categories_read_the_same_in_the_history_and_its_exports(tmp_path):
    store = Store(tmp_path)
    report = report_with(answer_s=90, fillers_per_min=2, long_pauses=0, longest_pause_s=1, verdict="on target",
                         wpm=130, hedges=0, boosters=0, think_s=2)
    store.save_answer(report, question_text="Design it.", category="ml_system_design")
    for shown in (history_table(store, Filters(), None), export(store, "md", Filters())):
        assert "ml system design" in shown and "ml_system_design" not in shown


def test_pitch_is_judged_against_the_persons_own_usual_once_there_is_one(tmp_path):
    from dataclasses import replace

    from voicecoach.history.baseline import MIN_ANSWERS, compared_to_usual, pitch_baseline
    from voicecoach.report import Delivery

    store = Store(tmp_path)
    base = report_with(answer_s=90, fillers_per_min=2, long_pauses=0, longest_pause_s=1, verdict="on target",
                       wpm=130, hedges=0, boosters=0, think_s=2)

    def with_variation(variation: float):
        return replace(base, delivery=Delivery(110.0, variation, variation < 1.7, [], 4, [], -25.0, 0.0,
                                               "", [], False, [], []))

    store.save_answer(base)  # analysed before delivery was measured: not part of the usual
    ids = [store.save_answer(with_variation(v)) for v in (2.0, 2.4, 2.2, 2.6)]
    assert pitch_baseline(store) is None  # four answers are no baseline yet
    ids.append(store.save_answer(with_variation(1.4)))
    usual = pitch_baseline(store)
    assert (usual.median_st, usual.answers) == (pytest.approx(2.2), MIN_ANSWERS)
    # The answer being judged is not part of its own baseline.
    assert pitch_baseline(store, exclude_id=ids[-1]) is None
    line = compared_to_usual(1.4, usual)
    assert line.startswith("Pitch varied 1.4 semitones; your usual is 2.2 (median of 5 answers): flatter")
    assert compared_to_usual(2.1, usual) == "" and "livelier" in compared_to_usual(3.2, usual)
    assert compared_to_usual(1.4, None) == ""
