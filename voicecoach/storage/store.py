"""SQLite storage of sessions and answers. Every change is one transaction; the database runs in
WAL mode so a reader (the history screen) never blocks the writer (a finished answer)."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from voicecoach.errors import VoicecoachError
from voicecoach.report import AnswerReport
from voicecoach.storage.schema import MIGRATIONS

DB_NAME = "history.sqlite3"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class StoredSession:
    id: int
    started_at: str
    bank_id: str
    bank_name: str
    category: str
    planned: int
    answer_count: int = 0


@dataclass(frozen=True)
class StoredAnswer:
    id: int
    session_id: Optional[int]
    question_id: str
    question_text: str
    category: str
    attempt: int
    recorded_at: str
    audio_path: str
    overflows: int
    report: AnswerReport


class Store:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_NAME
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            # One connection, shared by the UI and the analysis worker, used under self.lock.
            self.db = sqlite3.connect(self.path, timeout=2.0, isolation_level=None, check_same_thread=False)
            self.lock = threading.RLock()
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise VoicecoachError(_explain(exc, self.path)) from None
        except OSError as exc:
            raise VoicecoachError(
                f"cannot use the data directory {self.data_dir}: {exc.strerror} (choose another with --data-dir)"
            ) from None

    @property
    def recordings_dir(self) -> Path:
        return self.data_dir / "recordings"

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise VoicecoachError(
                f"{self.path} was written by a newer voicecoach (schema {version}); upgrade voicecoach"
            )
        for number in range(version + 1, len(MIGRATIONS) + 1):
            with self.transaction():
                for statement in _statements(MIGRATIONS[number - 1]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")

    def transaction(self):
        return _Transaction(self.db, self.path, self.lock)

    def close(self) -> None:
        self.db.close()

    # -- writes -------------------------------------------------------------------------------
    def create_session(self, bank_id: str = "", bank_name: str = "", category: str = "", planned: int = 0) -> int:
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO sessions (started_at, bank_id, bank_name, category, planned) VALUES (?, ?, ?, ?, ?)",
                (now(), bank_id, bank_name, category, planned),
            )
        return int(cursor.lastrowid)

    def save_answer(self, report: AnswerReport, *, session_id: Optional[int] = None, question_id: str = "",
                    question_text: str = "", category: str = "", attempt: int = 1, audio_path: str = "",
                    overflows: int = 0, recorded_at: Optional[str] = None) -> int:
        m = report.metrics
        assert m is not None
        with self.transaction():
            cursor = self.db.execute(
                """INSERT INTO answers (session_id, question_id, question_text, category, attempt,
                   recorded_at, audio_path, overflows, model, duration_s, answer_s, think_time_s, target_s,
                   wpm, filler_count, fillers_per_min, pause_count, long_pause_count, longest_pause_s,
                   hedge_count, booster_count, length_verdict, confidence_verdict, report_json)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (session_id, question_id, question_text, category, attempt, recorded_at or now(),
                 audio_path, overflows, report.model, report.duration_s, report.answer_s,
                 report.think_time_s, report.target_s, m.wpm, m.filler_count, m.fillers_per_min,
                 m.pause_count, m.long_pause_count, m.longest_pause_s, m.hedge_count, m.booster_count,
                 m.length_verdict, m.confidence_verdict, report.to_json(indent=None)),
            )
        return int(cursor.lastrowid)

    # -- reads --------------------------------------------------------------------------------
    def answers(self, session_id: Optional[int] = None) -> list[StoredAnswer]:
        where, args = ("WHERE session_id = ?", (session_id,)) if session_id is not None else ("", ())
        rows = self._query(f"SELECT * FROM answers {where} ORDER BY recorded_at, id", args)
        return [_answer(row) for row in rows]

    def answer(self, answer_id: int) -> StoredAnswer:
        rows = self._query("SELECT * FROM answers WHERE id = ?", (answer_id,))
        if not rows:
            raise VoicecoachError(f"no answer {answer_id} in {self.path}")
        return _answer(rows[0])

    def recent_sessions(self, limit: int = 10) -> list[StoredSession]:
        rows = self._query(
            """SELECT s.*, COUNT(a.id) AS answer_count FROM sessions s LEFT JOIN answers a
               ON a.session_id = s.id GROUP BY s.id ORDER BY s.started_at DESC, s.id DESC LIMIT ?""",
            (limit,),
        )
        return [StoredSession(**dict(row)) for row in rows]

    def known_audio(self) -> set[str]:
        return {row[0] for row in self._query("SELECT audio_path FROM answers", ())}

    def _query(self, sql: str, args) -> list[sqlite3.Row]:
        try:
            with self.lock:
                return self.db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise VoicecoachError(_explain(exc, self.path)) from None


def _answer(row: sqlite3.Row) -> StoredAnswer:
    import json

    return StoredAnswer(
        id=row["id"], session_id=row["session_id"], question_id=row["question_id"],
        question_text=row["question_text"], category=row["category"], attempt=row["attempt"],
        recorded_at=row["recorded_at"], audio_path=row["audio_path"], overflows=row["overflows"],
        report=AnswerReport.from_dict(json.loads(row["report_json"])),
    )


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _explain(exc: sqlite3.DatabaseError, path: Path) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"{path} is locked by another program (is another voicecoach running?)"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{path} is damaged ({text}); it was left untouched: move it aside to start a new history"
    return f"{path}: {text}"


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all of a change or none of it."""

    def __init__(self, db: sqlite3.Connection, path: Path, lock: threading.RLock):
        self.db, self.path, self.lock = db, path, lock

    def __enter__(self):
        self.lock.acquire()
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            self.lock.release()
            raise VoicecoachError(_explain(exc, self.path)) from None
        return self.db

    def __exit__(self, kind, exc, tb):
        try:
            return self._finish(kind, exc)
        finally:
            self.lock.release()

    def _finish(self, kind, exc):
        if kind is None:
            try:
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                self.db.execute("ROLLBACK")
                raise VoicecoachError(_explain(error, self.path)) from None
        else:
            self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise VoicecoachError(_explain(exc, self.path)) from None
        return False
