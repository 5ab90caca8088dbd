"""The database schema as an ordered list of migrations; PRAGMA user_version counts those applied.
Each migration (SQL, or a function of the connection) runs in one transaction, so a database is
never left half-migrated."""

from __future__ import annotations

import re
import sqlite3
from pathlib import PurePath
from typing import Callable, Union

_OWN_FOLDER = re.compile(r"session-\d+|single|imported")


def _recordings_relative(db: sqlite3.Connection) -> None:
    """Recordings were stored by absolute path, which breaks when the data dir moves: keep the
    part from the data dir's own recordings/ folder on (the last such folder in the path)."""
    for answer_id, stored in db.execute("SELECT id, audio_path FROM answers").fetchall():
        parts = PurePath(stored).parts
        if not PurePath(stored).is_absolute() or "recordings" not in parts[:-2]:
            continue
        last = len(parts[:-2]) - 1 - parts[:-2][::-1].index("recordings")
        if not _OWN_FOLDER.fullmatch(parts[last + 1]):
            continue
        db.execute("UPDATE answers SET audio_path = ? WHERE id = ?",
                   (PurePath(*parts[last:]).as_posix(), answer_id))


MIGRATIONS: list[Union[str, Callable[[sqlite3.Connection], None]]] = [
    # 1: sessions and answers; the metrics that history and trends aggregate are columns, the
    # full analysis is JSON.
    """
    CREATE TABLE sessions (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        bank_id     TEXT NOT NULL DEFAULT '',
        bank_name   TEXT NOT NULL DEFAULT '',
        category    TEXT NOT NULL DEFAULT '',
        planned     INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE answers (
        id                  INTEGER PRIMARY KEY,
        session_id          INTEGER REFERENCES sessions(id),
        question_id         TEXT NOT NULL DEFAULT '',
        question_text       TEXT NOT NULL DEFAULT '',
        category            TEXT NOT NULL DEFAULT '',
        attempt             INTEGER NOT NULL DEFAULT 1,
        recorded_at         TEXT NOT NULL,
        audio_path          TEXT NOT NULL DEFAULT '',
        overflows           INTEGER NOT NULL DEFAULT 0,
        model               TEXT NOT NULL DEFAULT '',
        duration_s          REAL NOT NULL,
        answer_s            REAL NOT NULL,
        think_time_s        REAL NOT NULL,
        target_s            REAL NOT NULL,
        wpm                 REAL NOT NULL,
        filler_count        INTEGER NOT NULL,
        fillers_per_min     REAL NOT NULL,
        pause_count         INTEGER NOT NULL,
        long_pause_count    INTEGER NOT NULL,
        longest_pause_s     REAL NOT NULL,
        hedge_count         INTEGER NOT NULL,
        booster_count       INTEGER NOT NULL,
        length_verdict      TEXT NOT NULL,
        confidence_verdict  TEXT NOT NULL,
        report_json         TEXT NOT NULL
    );
    CREATE INDEX answers_by_time ON answers(recorded_at);
    CREATE INDEX answers_by_session ON answers(session_id);
    """,
    # 2: `voicecoach reanalyze` keeps every replaced analysis; trends filter by category.
    """
    CREATE TABLE replaced_analyses (
        id           INTEGER PRIMARY KEY,
        answer_id    INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
        replaced_at  TEXT NOT NULL,
        model        TEXT NOT NULL DEFAULT '',
        report_json  TEXT NOT NULL
    );
    CREATE INDEX replaced_by_answer ON replaced_analyses(answer_id);
    CREATE INDEX answers_by_category ON answers(category, recorded_at);
    """,
    # 3: recordings relative to the data dir.
    _recordings_relative,
    # 4: delivery, for its weekly trends (NULL for answers analysed before it existed).
    """
    ALTER TABLE answers ADD COLUMN pitch_variation_st REAL;
    ALTER TABLE answers ADD COLUMN uptalk_count INTEGER;
    ALTER TABLE answers ADD COLUMN statement_count INTEGER
    """,
    # 5: a follow-up question the interviewer asked after an answer, answered in turn: linked to
    # that answer, with the rule that chose it (voicecoach.analysis.followups).
    """
    ALTER TABLE answers ADD COLUMN parent_id INTEGER REFERENCES answers(id);
    ALTER TABLE answers ADD COLUMN follow_up_rule TEXT NOT NULL DEFAULT '';
    CREATE INDEX answers_by_parent ON answers(parent_id)
    """,
]
