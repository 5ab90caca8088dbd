"""A rehearsal session, below the TUI: where each recording goes, analysing and saving an answer,
and finding recordings a crash left behind. No Textual here; the screens call these.

A recording is claimed from the moment its path is made until its answer is saved or it is
discarded: its sidecar holds an exclusive flock. Another voicecoach on the same data dir (or a
recovery in this one) leaves a claimed recording alone, and the kernel drops the claim when the
process dies, so a crash's recording is offered on the next start.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import struct
import threading
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Optional

from voicecoach.audio.wavstream import seal
from voicecoach.banks import Bank, Question
from voicecoach.errors import VoicecoachError
from voicecoach.pipeline import Analyzer
from voicecoach.report import AnswerReport, FollowUp
from voicecoach.storage import Store

log = logging.getLogger("voicecoach")


@dataclass
class SessionPlan:
    """A session being rehearsed: its questions, in order, and how it is going."""

    bank: Bank
    questions: list[Question]
    session_id: int
    attempts: dict[int, int] = field(default_factory=dict)  # question index -> attempts so far
    budget_s: Optional[float] = None  # a round's time budget for what is said
    recorded_s: float = 0.0  # said so far, in the answers kept


@dataclass(frozen=True)
class FollowUpLink:
    """An answer to the interviewer's follow-up question after another answer."""

    parent_id: int  # the answer that was followed up
    rule: str  # the rule that chose the question (voicecoach.analysis.followups)


FOLLOW_UP_TARGET_S = 60.0  # a follow-up is answered in about a minute ...
_TARGET_BY_RULE = {"shorter": 30.0}  # ... "Give me the 30-second version." in thirty seconds


@dataclass(frozen=True)
class FollowUpTurn:
    """The interviewer asks follow-up number `number` (of those the answer `parent_id` drew, in
    order), and the person answers it: recorded and analysed like any answer, linked to its parent."""

    parent_id: int
    asks: tuple[FollowUp, ...]
    number: int = 0
    attempt: int = 1

    @property
    def asked(self) -> FollowUp:
        return self.asks[self.number]

    @property
    def link(self) -> FollowUpLink:
        return FollowUpLink(self.parent_id, self.asked.rule)

    def question(self, parent: Question) -> Question:
        """The follow-up as a question of its own, in the parent's category."""
        return Question(f"{parent.id}~{self.asked.rule}", parent.category, self.asked.text,
                        _TARGET_BY_RULE.get(self.asked.rule, FOLLOW_UP_TARGET_S))

    def following(self) -> Optional["FollowUpTurn"]:
        """The interviewer's next follow-up to the same answer, if it drew another."""
        return replace(self, number=self.number + 1, attempt=1) if self.number + 1 < len(self.asks) else None

    def retried(self) -> "FollowUpTurn":
        return replace(self, attempt=self.attempt + 1)


@dataclass(frozen=True)
class PendingRecording:
    """A recording on disk with no answer in the history: the app was killed before analysing it."""

    path: Path
    question: Question
    session_id: Optional[int]
    attempt: int
    seconds: float
    follow_up: Optional[FollowUpLink] = None


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
        self._claims: dict[Path, int] = {}  # recording -> descriptor of its locked sidecar

    @property
    def analyzer(self) -> Analyzer:
        with self._loading:
            if self._analyzer is None:
                self._analyzer = self._loader()
            return self._analyzer

    def new_session(self, bank: Bank, questions: list[Question], category: str = "",
                    budget_s: Optional[float] = None) -> SessionPlan:
        """A session of `questions` from `bank` (a round's, with its time budget), in the history."""
        session_id = self.store.create_session(bank.id, bank.name, category, len(questions))
        return SessionPlan(bank, list(questions), session_id, budget_s=budget_s)

    def recording_path(self, session_id: Optional[int], question: Question, attempt: int,
                       follow_up: Optional[FollowUpLink] = None) -> Path:
        """A fresh path for an answer, with a sidecar saying which question it answers (so a
        recording interrupted by a crash can be analysed on the next start)."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = self.store.recordings_dir / (f"session-{session_id}" if session_id else "single")
        path = folder / f"{stamp}-{_slug(question.id)}-{attempt}.wav"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            sidecar = {"question": asdict(question), "session_id": session_id, "attempt": attempt,
                       "follow_up": asdict(follow_up) if follow_up else None}
            path.with_suffix(".json").write_text(json.dumps(sidecar))
        except OSError as exc:
            raise VoicecoachError(f"cannot write recordings to {folder}: {exc.strerror}") from None
        self.claim(path)
        return path

    def claim(self, path: Path) -> None:
        """Hold `path` for this process (see the module's doc); an error if another holds it."""
        if path in self._claims:
            return
        try:
            fd = os.open(path.with_suffix(".json"), os.O_RDONLY)
        except OSError as exc:
            raise VoicecoachError(f"cannot open {path.with_suffix('.json')}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise VoicecoachError(f"{path.name} is being recorded or saved by another voicecoach") from None
        self._claims[path] = fd

    def release(self, path: Path) -> None:
        fd = self._claims.pop(path, None)
        if fd is not None:
            os.close(fd)

    def close(self) -> None:
        """Quitting: what is still claimed stays on disk for the next start to offer."""
        for path in list(self._claims):
            self.release(path)

    def analyse_and_save(self, path: Path, question: Question, session_id: Optional[int], attempt: int,
                         overflows: int = 0, follow_up: Optional[FollowUpLink] = None) -> SavedAnswer:
        """Analyse a finished recording and store it at once, so quitting loses nothing."""
        report = self.analyzer.analyze_file(path, question.category, question.target_s, question.constraint)
        return self.save(report, path, question, session_id, attempt, overflows, follow_up)

    def save(self, report: AnswerReport, path: Path, question: Question, session_id: Optional[int],
             attempt: int, overflows: int = 0, follow_up: Optional[FollowUpLink] = None) -> SavedAnswer:
        answer_id = self.store.save_answer(
            report, session_id=session_id, question_id=question.id, question_text=question.text,
            category=question.category, attempt=attempt, audio_path=str(path), overflows=overflows,
            parent_id=follow_up.parent_id if follow_up else None, follow_up_rule=follow_up.rule if follow_up else "",
        )
        self.release(path)
        return SavedAnswer(answer_id, report, path, overflows)

    def pending_recordings(self) -> list[PendingRecording]:
        """Recordings no answer owns and no running voicecoach holds."""
        known = self.store.known_audio()
        pending = []
        for sidecar in sorted(self.store.recordings_dir.glob("*/*.json")):
            wav = sidecar.with_suffix(".wav")
            if not wav.is_file() or str(wav.resolve()) in known or wav.stat().st_size <= 44 or _held(sidecar):
                continue
            try:
                info = json.loads(sidecar.read_text())
                question = Question.from_dict(info["question"])
                follow_up = FollowUpLink(**info["follow_up"]) if info.get("follow_up") else None
                with wav.open("rb") as handle:
                    rate = struct.unpack("<I", handle.read(28)[24:28])[0] or 16000
            except (ValueError, KeyError, TypeError, OSError):
                log.warning("ignoring unreadable recording note %s", sidecar)
                continue
            seconds = (wav.stat().st_size - 44) / (2 * rate)
            pending.append(PendingRecording(wav, question, info.get("session_id"), info.get("attempt", 1), seconds,
                                            follow_up))
        return pending

    def _claim_unowned(self, path: Path) -> None:
        """Claim a recording no answer owns: another voicecoach may have saved it since it was
        listed, and then it is not this one's to save again or delete."""
        self.claim(path)
        if str(path.resolve()) in self.store.known_audio():
            self.release(path)
            raise VoicecoachError(f"{path.name} was saved by another voicecoach; left as it is")

    def recover(self, pending: PendingRecording) -> SavedAnswer:
        self._claim_unowned(pending.path)
        try:
            seal(pending.path)
            return self.analyse_and_save(pending.path, pending.question, pending.session_id, pending.attempt,
                                         follow_up=pending.follow_up)
        finally:
            self.release(pending.path)

    def discard(self, path: Path) -> None:
        """Delete a recording this process holds, or one nobody holds and no answer owns (an
        error otherwise)."""
        self._claim_unowned(path)
        path.unlink(missing_ok=True)
        path.with_suffix(".json").unlink(missing_ok=True)
        self.release(path)


def _held(sidecar: Path) -> bool:
    """Whether a voicecoach (this one included) holds the recording of `sidecar`."""
    try:
        fd = os.open(sidecar, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)
