import sqlite3

import pytest
from builders import speech_under, words_at

from voicecoach.analysis import analyze
from voicecoach.errors import VoicecoachError
from voicecoach.settings import load_lexicons
from voicecoach.storage import Store
from voicecoach.storage.schema import MIGRATIONS
from voicecoach.transcript import Transcript


def a_report():
    words = words_at("So, um, the metric is retention.", start=2.0) + words_at("Then we ship.", start=9.0)
    return analyze(Transcript(words, model="test"), speech_under(words, 12.0), load_lexicons())


def test_answers_round_trip_with_their_session(tmp_path):
    store = Store(tmp_path)
    session = store.create_session("spotify-ml-ds", "Spotify", "", 2)
    report = a_report()
    first = store.save_answer(report, session_id=session, question_id="q1", question_text="Why?",
                              category="behavioral", audio_path="/a.wav", overflows=1)
    store.save_answer(report, session_id=session, question_id="q1", attempt=2)
    answers = store.answers(session)
    assert [a.attempt for a in answers] == [1, 2]
    assert answers[0].report.to_dict() == report.to_dict()
    assert store.answer(first).overflows == 1 and store.answer(first).question_text == "Why?"
    [listed] = store.recent_sessions()
    assert (listed.bank_name, listed.answer_count) == ("Spotify", 2)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_a_failed_change_leaves_nothing_behind(tmp_path):
    store = Store(tmp_path)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.db.execute("INSERT INTO sessions (started_at) VALUES ('x')")
            raise RuntimeError("crash halfway")
    assert store.recent_sessions() == []


def test_a_corrupt_database_is_reported_and_left_untouched(tmp_path):
    (tmp_path / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    before = (tmp_path / "history.sqlite3").read_bytes()
    with pytest.raises(VoicecoachError, match="is damaged .* left untouched"):
        Store(tmp_path)
    assert (tmp_path / "history.sqlite3").read_bytes() == before


def test_a_locked_database_is_reported(tmp_path):
    Store(tmp_path).close()
    other = sqlite3.connect(tmp_path / "history.sqlite3")
    other.execute("BEGIN EXCLUSIVE")
    store = None
    try:
        with pytest.raises(VoicecoachError, match="locked by another program"):
            store = Store(tmp_path)
            store.create_session()
    finally:
        other.rollback()
        other.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    Store(tmp_path).close()
    db = sqlite3.connect(tmp_path / "history.sqlite3")
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(VoicecoachError, match="newer voicecoach"):
        Store(tmp_path)


def test_an_unwritable_data_dir_is_reported(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data dir should be")
    with pytest.raises(VoicecoachError, match="cannot use the data directory .* --data-dir"):
        Store(blocker / "voicecoach")
