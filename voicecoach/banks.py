"""Question banks: TOML files in prompts/banks/ and in the user's config dir banks/. A malformed
bank is reported with its file and line; the other banks still load."""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Sequence, TypeVar

from voicecoach.analysis.constraint_timing import Constraint

DEFAULT_TARGET_S = 120.0
T = TypeVar("T")


@dataclass(frozen=True)
class Question:
    id: str
    category: str
    text: str
    target_s: float = DEFAULT_TARGET_S
    constraint: Optional[Constraint] = None  # stated by the interviewer part-way through the answer

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Question":
        """From its asdict() form (a recording's note)."""
        constraint = data.get("constraint")
        if constraint is not None:
            constraint = Constraint(str(constraint["text"]), float(constraint["after_s"]),
                                    tuple(str(t) for t in constraint["terms"]))
        return cls(str(data["id"]), str(data["category"]), str(data["text"]),
                   float(data.get("target_s", DEFAULT_TARGET_S)), constraint)


@dataclass(frozen=True)
class Bank:
    id: str
    name: str
    path: Path
    description: str = ""
    questions: tuple[Question, ...] = ()

    @property
    def categories(self) -> list[str]:
        return sorted({q.category for q in self.questions})


@dataclass
class BankLoad:
    banks: list[Bank] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each: file, line, what is wrong


def line_of(text: str, needle: str) -> int:
    """The number of the first line holding `needle` (1 when none does: the error still names the file)."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return 1


def read_headed(path: Path, table: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(text, data, head) of a TOML file whose [`table`] has an id and a name; ValueError with
    "file:line: what" otherwise."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's error has no lineno attribute; its message ends "(at line N, column M)".
        found = re.search(r"at line (\d+)", str(exc))
        line = found.group(1) if found else "1"
        raise ValueError(f"{path}:{line}: {str(exc).split(' (at line')[0]}") from None
    head = data.get(table)
    if not isinstance(head, dict) or not head.get("id") or not head.get("name"):
        raise ValueError(f"{path}:1: needs a [{table}] table with id and name")
    return text, data, head


def load_each(folders: Sequence[Path], parse: Callable[[Path], T]) -> tuple[list[T], list[str]]:
    """(what `parse` made of every *.toml in `folders`, in order - a later one with the same id
    replacing an earlier, so a user's copy overrides the shipped one - and one line per file it
    could not read)."""
    by_id: dict[str, T] = {}
    errors: list[str] = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*.toml")) if Path(folder).is_dir() else []:
            try:
                found = parse(path)
            except ValueError as exc:  # UnicodeDecodeError is one, and names no file
                errors.append(str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}")
            except OSError as exc:
                errors.append(f"{path}: cannot read ({exc.strerror})")
            else:
                by_id[found.id] = found
    return list(by_id.values()), errors


def parse_bank(path: Path) -> Bank:
    """Raises ValueError with "file:line: what" for a malformed bank."""
    text, data, head = read_headed(path, "bank")
    default_target = _seconds(head.get("target_s", DEFAULT_TARGET_S), f"{path}:{line_of(text, 'target_s')}")
    questions, seen = [], set()
    entries = data.get("questions", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise ValueError(f"{path}:{line_of(text, 'questions')}: questions must be [[questions]] tables")
    if not entries:
        raise ValueError(f"{path}:1: has no [[questions]]")
    for i, entry in enumerate(entries):
        missing = [key for key in ("id", "category", "text") if not str(entry.get(key, "")).strip()]
        where = line_of(text, f'"{entry.get("id")}"') if entry.get("id") else _nth_line(text, "[[questions]]", i)
        if missing:
            raise ValueError(f"{path}:{where}: question {i + 1} is missing {', '.join(missing)}")
        if entry["id"] in seen:
            raise ValueError(f"{path}:{where}: question id {entry['id']!r} appears twice")
        seen.add(entry["id"])
        target = _seconds(entry.get("target_s", default_target), f"{path}:{where}")
        constraint = _constraint(entry.get("constraint"), target, f"{path}:{where}")
        questions.append(Question(str(entry["id"]), str(entry["category"]), str(entry["text"]).strip(), target,
                                  constraint))
    return Bank(str(head["id"]), str(head["name"]), path, str(head.get("description", "")), tuple(questions))


def _seconds(value, where: str) -> float:
    """A target length: a number of seconds a person could answer in."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 10 <= value <= 3600:
        raise ValueError(f"{where}: target_s must be a number of seconds from 10 to 3600, not {value!r}")
    return float(value)


def _constraint(value, target_s: float, where: str) -> Optional[Constraint]:
    """A question's [questions.constraint] table: text, after_s (seconds into the answer) and terms
    (the words that name it)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"{where}: constraint must be a table with text, after_s and terms")
    text, after, terms = value.get("text"), value.get("after_s"), value.get("terms")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where}: constraint needs its text (what the interviewer says)")
    if isinstance(after, bool) or not isinstance(after, (int, float)) or not 0 <= after < target_s:
        raise ValueError(f"{where}: constraint after_s must be a number of seconds from 0 to the target "
                         f"({target_s:g}), not {after!r}")
    if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
        raise ValueError(f"{where}: constraint terms must be a list of the words that name it")
    return Constraint(text.strip(), float(after), tuple(t.strip() for t in terms))


def _nth_line(text: str, needle: str, n: int) -> int:
    hits = [number for number, line in enumerate(text.splitlines(), 1) if line.strip() == needle]
    return hits[n] if n < len(hits) else 1


def load_banks(folders: Sequence[Path]) -> BankLoad:
    """Banks from every *.toml in `folders` (see load_each)."""
    banks, errors = load_each(folders, parse_bank)
    return BankLoad(banks, errors)


def plan_session(bank: Bank, count: int, category: Optional[str] = None, shuffle: bool = True,
                 seed: Optional[int] = None) -> list[Question]:
    pool = [q for q in bank.questions if not category or q.category == category]
    if shuffle:
        pool = random.Random(seed).sample(pool, len(pool))
    return pool[: max(1, count)] if pool else []
