"""SQLite storage of sessions and answers. Every change is one transaction; the database runs in
WAL mode so a reader (the history screen) never blocks the writer (a finished answer)."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from voicecoach.errors import VoicecoachError
from voicecoach.report import AnswerReport
from voicecoach.storage.schema import MIGRATIONS

DB_NAME = "history.sqlite3"


def keep_private(root: Path) -> None:
    """Answers are personal: the data dir and everything in it readable by its owner alone (0700
    folders, 0600 files), also what an older version or a copy left readable by others. New files
    are made private by the umask voicecoach.cli sets."""
    for folder, dirs, files in os.walk(root):
        _chmod(Path(folder), 0o700)
        for name in files:
            _chmod(Path(folder) / name, 0o600)


def _chmod(path: Path, mode: int) -> None:
    if path.is_symlink():
        return  # never follow a link out of the data dir
    current = stat.S_IMODE(path.stat().st_mode)
    if current & 0o077:
        path.chmod(current & ~0o077 | (mode & 0o700))


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
    parent_id: Optional[int] = None  # the answer this one follows up
    follow_up_rule: str = ""


class Store:
    def __init__(self, data_dir: Path):
        # Absolute, so "--data-dir x" and "--data-dir /home/me/x" are one history.
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.path = self.data_dir / DB_NAME
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            keep_private(self.data_dir)
            # One connection, shared by the UI and the analysis worker, used under self.lock.
            self.db = sqlite3.connect(self.path, timeout=2.0, isolation_level=None, check_same_thread=False)
            self.lock = threading.RLock()
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._check_intact()
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

    # Recordings inside the data dir are stored relative to it, so a history that is moved,
    # copied or restored from a backup still finds (and owns) its recordings.
    def stored_audio_path(self, path: str | Path) -> str:
        """How a recording's path is stored: relative to the data dir when inside it."""
        if not str(path):
            return ""
        absolute = Path(path).expanduser().resolve()
        try:
            return absolute.relative_to(self.data_dir).as_posix()
        except ValueError:
            return str(absolute)

    def audio_file(self, stored: str) -> str:
        """Where a stored recording is now ("" stays "": no recording)."""
        if not stored or Path(stored).is_absolute():
            return stored
        return str(self.data_dir / stored)

    def _check_intact(self) -> None:
        """A damaged file is never read into the app or written to (quick_check reads every page:
        milliseconds for years of answers)."""
        problems = [row[0] for row in self.db.execute("PRAGMA quick_check(1)")]
        if problems != ["ok"]:
            first = problems[0].replace("*** in database main ***", "").strip().splitlines()[0]
            raise sqlite3.DatabaseError(f"database disk image is malformed: {first}")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise VoicecoachError(
                f"{self.path} was written by a newer voicecoach (schema {version}); upgrade voicecoach"
            )
        for number in range(version + 1, len(MIGRATIONS) + 1):
            with self.transaction():
                migration = MIGRATIONS[number - 1]
                if callable(migration):
                    migration(self.db)
                else:
                    for statement in _statements(migration):
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
                    overflows: int = 0, recorded_at: Optional[str] = None, parent_id: Optional[int] = None,
                    follow_up_rule: str = "") -> int:
        """`parent_id`: the answer whose follow-up question (chosen by `follow_up_rule`) this one
        answers."""
        row = {"session_id": session_id, "question_id": question_id, "question_text": question_text,
               "category": category, "attempt": attempt, "recorded_at": recorded_at or now(),
               "parent_id": parent_id, "follow_up_rule": follow_up_rule,
               "audio_path": self.stored_audio_path(audio_path), "overflows": overflows, **_analysis_columns(report)}
        with self.transaction():
            cursor = self.db.execute(
                f"INSERT INTO answers ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
            )
        return int(cursor.lastrowid)

    def replace_analysis(self, answer_id: int, report: AnswerReport) -> None:
        """Store a new analysis of an answer, keeping the one it replaces (one transaction)."""
        columns = _analysis_columns(report)
        with self.transaction():
            old = self.db.execute("SELECT model, report_json FROM answers WHERE id = ?", (answer_id,)).fetchone()
            if old is None:
                raise VoicecoachError(f"no answer {answer_id} in {self.path}")
            self.db.execute(
                "INSERT INTO replaced_analyses (answer_id, replaced_at, model, report_json) VALUES (?, ?, ?, ?)",
                (answer_id, now(), old["model"], old["report_json"]),
            )
            self.db.execute(
                f"UPDATE answers SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                (*columns.values(), answer_id),
            )

    def replaced_analyses(self, answer_id: int) -> list[tuple[str, str, AnswerReport]]:
        """(replaced_at, model, report) of every earlier analysis of an answer, oldest first."""
        rows = self.query("SELECT replaced_at, model, report_json FROM replaced_analyses WHERE answer_id = ? "
                           "ORDER BY id", (answer_id,))
        return [(r["replaced_at"], r["model"], AnswerReport.from_json(r["report_json"])) for r in rows]

    # -- reads --------------------------------------------------------------------------------
    def answers(self, session_id: Optional[int] = None) -> list[StoredAnswer]:
        where, args = ("WHERE session_id = ?", (session_id,)) if session_id is not None else ("", ())
        rows = self.query(f"SELECT * FROM answers {where} ORDER BY recorded_at, id", args)
        return [self._answer(row) for row in rows]

    def answer(self, answer_id: int) -> StoredAnswer:
        rows = self.query("SELECT * FROM answers WHERE id = ?", (answer_id,))
        if not rows:
            raise VoicecoachError(f"no answer {answer_id} in {self.path}")
        return self._answer(rows[0])

    def previous_attempt(self, answer_id: int) -> Optional[StoredAnswer]:
        """The latest earlier answer to the same question (by its id), if any."""
        rows = self.query(
            """SELECT b.* FROM answers a JOIN answers b ON b.question_id = a.question_id AND b.id < a.id
               WHERE a.id = ? AND a.question_id != '' ORDER BY b.id DESC LIMIT 1""", (answer_id,))
        return self._answer(rows[0]) if rows else None

    def recent_sessions(self, limit: int = 10) -> list[StoredSession]:
        rows = self.query(
            """SELECT s.*, COUNT(a.id) AS answer_count FROM sessions s LEFT JOIN answers a
               ON a.session_id = s.id GROUP BY s.id ORDER BY s.started_at DESC, s.id DESC LIMIT ?""",
            (limit,),
        )
        return [StoredSession(**dict(row)) for row in rows]

    def known_audio(self) -> set[str]:
        """The recordings answers own, as absolute paths."""
        return {self.audio_file(row[0]) for row in self.query("SELECT audio_path FROM answers", ())}

    def _answer(self, row: sqlite3.Row) -> StoredAnswer:
        return StoredAnswer(
            id=row["id"], session_id=row["session_id"], question_id=row["question_id"],
            question_text=row["question_text"], category=row["category"], attempt=row["attempt"],
            recorded_at=row["recorded_at"], audio_path=self.audio_file(row["audio_path"]),
            overflows=row["overflows"], report=AnswerReport.from_json(row["report_json"]),
            parent_id=row["parent_id"], follow_up_rule=row["follow_up_rule"],
        )

    def query(self, sql: str, args) -> list[sqlite3.Row]:
        try:
            with self.lock:
                return self.db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise VoicecoachError(_explain(exc, self.path)) from None


def _analysis_columns(report: AnswerReport) -> dict:
    """The columns that come from an analysis (history and trends aggregate these in SQL)."""
    m, d = report.metrics, report.delivery
    assert m is not None
    return {
        "pitch_variation_st": d.pitch_variation_st if d and d.pitch_median_hz else None,
        "uptalk_count": len(d.rises) if d else None, "statement_count": d.statements if d else None,
        "model": report.model, "duration_s": report.duration_s, "answer_s": report.answer_s,
        "think_time_s": report.think_time_s, "target_s": report.target_s, "wpm": m.wpm,
        "filler_count": m.filler_count, "fillers_per_min": m.fillers_per_min, "pause_count": m.pause_count,
        "long_pause_count": m.long_pause_count, "longest_pause_s": m.longest_pause_s,
        "hedge_count": m.hedge_count, "booster_count": m.booster_count, "length_verdict": m.length_verdict,
        "confidence_verdict": m.confidence_verdict, "report_json": report.to_json(indent=None),
    }


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _explain(exc: sqlite3.DatabaseError, path: Path) -> str:
    text = str(exc)
    if "database or disk is full" in text or "disk I/O error" in text:
        return f"cannot write to {path}: the disk is full or failing ({text}); free some space and try again"
    if "locked" in text or "busy" in text:
        holders = _holders(path)
        who = f"held by {holders}" if holders else "is another voicecoach running?"
        return f"{path} is locked by another program ({who}); close it and try again"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{path} is damaged ({text}); it was left untouched: move it aside to start a new history"
    return f"{path}: {text}"


def _holders(path: Path) -> str:
    """Who has the database open, from /proc (Linux): "pid 123 (sqlite3)"; "" elsewhere."""
    found = []
    targets = {str(path), f"{path}-wal"}
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            pid = int(fd_dir.parent.name)
            if pid == os.getpid() or not any(os.readlink(fd) in targets for fd in fd_dir.iterdir()):
                continue
            found.append(f"pid {pid} ({(fd_dir.parent / 'comm').read_text().strip()})")
        except OSError:
            continue  # gone, or not ours to look at
    return ", ".join(found)


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
                self._rollback()
                raise VoicecoachError(_explain(error, self.path)) from None
        else:
            self._rollback()
            if isinstance(exc, sqlite3.DatabaseError):
                raise VoicecoachError(_explain(exc, self.path)) from None
        return False

    def _rollback(self) -> None:
        # SQLite rolls back by itself on some errors (a full disk, I/O): then there is nothing
        # left to roll back, and ROLLBACK would raise over the error that matters.
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass
