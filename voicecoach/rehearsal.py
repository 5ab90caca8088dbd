"""A rehearsal session, below the TUI: where each recording goes, analysing and saving an answer,
and finding recordings a crash left behind. No Textual here; the screens call these."""

from __future__ import annotations

import json
import logging
import re
import struct
import threading
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Optional

from voicecoach.audio.wavstream import seal
from voicecoach.banks import Question
from voicecoach.errors import VoicecoachError
from voicecoach.pipeline import Analyzer
from voicecoach.report import AnswerReport
from voicecoach.storage import Store

log = logging.getLogger("voicecoach")


@dataclass(frozen=True)
class PendingRecording:
    """A recording on disk with no answer in the history: the app was killed before analysing it."""

    path: Path
    question: Question
    session_id: Optional[int]
    attempt: int
    seconds: float


@dataclass(frozen=True)
class SavedAnswer:
    answer_id: int
    report: AnswerReport
    path: Path
    overflows: int


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "answer"


class Rehearsal:
    def __init__(self, store: Store, analyzer_loader):
        """`analyzer_loader`: a callable returning the Analyzer, called once, when first needed
        (loading the model takes a moment; the home screen should not wait for it)."""
        self.store = store
        self._loader = analyzer_loader
        self._analyzer: Optional[Analyzer] = None
        self._loading = threading.Lock()  # the warm-up and a first answer may ask at once

    @property
    def analyzer(self) -> Analyzer:
        with self._loading:
            if self._analyzer is None:
                self._analyzer = self._loader()
            return self._analyzer

    def recording_path(self, session_id: Optional[int], question: Question, attempt: int) -> Path:
        """A fresh path for an answer, with a sidecar saying which question it answers (so a
        recording interrupted by a crash can be analysed on the next start)."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = self.store.recordings_dir / (f"session-{session_id}" if session_id else "single")
        path = folder / f"{stamp}-{_slug(question.id)}-{attempt}.wav"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            sidecar = {"question": asdict(question), "session_id": session_id, "attempt": attempt}
            path.with_suffix(".json").write_text(json.dumps(sidecar))
        except OSError as exc:
            raise VoicecoachError(f"cannot write recordings to {folder}: {exc.strerror}") from None
        return path

    def analyse_and_save(self, path: Path, question: Question, session_id: Optional[int], attempt: int,
                         overflows: int = 0) -> SavedAnswer:
        """Analyse a finished recording and store it at once, so quitting loses nothing."""
        report = self.analyzer.analyze_file(path, question.category, question.target_s)
        return self.save(report, path, question, session_id, attempt, overflows)

    def save(self, report: AnswerReport, path: Path, question: Question, session_id: Optional[int],
             attempt: int, overflows: int = 0) -> SavedAnswer:
        answer_id = self.store.save_answer(
            report, session_id=session_id, question_id=question.id, question_text=question.text,
            category=question.category, attempt=attempt, audio_path=str(path), overflows=overflows,
        )
        return SavedAnswer(answer_id, report, path, overflows)

    def pending_recordings(self) -> list[PendingRecording]:
        known = self.store.known_audio()
        pending = []
        for sidecar in sorted(self.store.recordings_dir.glob("*/*.json")):
            wav = sidecar.with_suffix(".wav")
            if not wav.is_file() or str(wav) in known or wav.stat().st_size <= 44:
                continue
            try:
                info = json.loads(sidecar.read_text())
                question = Question(**info["question"])
                with wav.open("rb") as handle:
                    rate = struct.unpack("<I", handle.read(28)[24:28])[0] or 16000
            except (ValueError, KeyError, TypeError, OSError):
                log.warning("ignoring unreadable recording note %s", sidecar)
                continue
            seconds = (wav.stat().st_size - 44) / (2 * rate)
            pending.append(PendingRecording(wav, question, info.get("session_id"), info.get("attempt", 1), seconds))
        return pending

    def recover(self, pending: PendingRecording) -> SavedAnswer:
        seal(pending.path)
        return self.analyse_and_save(pending.path, pending.question, pending.session_id, pending.attempt)

    def discard(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        path.with_suffix(".json").unlink(missing_ok=True)
