"""Rounds: a named sequence of questions from the banks with a time budget ("Product translation",
4 questions, 20 minutes), in TOML files in prompts/rounds/ and in the user's config dir rounds/.
A malformed round, or one naming a question no bank has, is reported with its file and line; the
other rounds still load."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from voicecoach.banks import Bank, Question, line_of, load_each, read_headed

ROUND_BANK_PREFIX = "round:"  # a round's session is stored under this "bank" id


@dataclass(frozen=True)
class Round:
    id: str
    name: str
    path: Path
    budget_s: float  # for what is said in all its answers
    description: str = ""
    questions: tuple[Question, ...] = ()

    def as_bank(self) -> Bank:
        """The round as the bank its session is planned from and stored under."""
        return Bank(ROUND_BANK_PREFIX + self.id, f"Round: {self.name}", self.path, self.description, self.questions)


@dataclass
class RoundLoad:
    rounds: list[Round] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each: file, line, what is wrong


def parse_round(path: Path, banks: Sequence[Bank]) -> Round:
    """Raises ValueError with "file:line: what" for a malformed round."""
    text, data, head = read_headed(path, "round")
    budget = head.get("budget_min")
    if isinstance(budget, bool) or not isinstance(budget, (int, float)) or not 1 <= budget <= 600:
        raise ValueError(f"{path}:{line_of(text, 'budget_min')}: budget_min must be a number of minutes "
                         f"from 1 to 600, not {budget!r}")
    by_id = {(bank.id, q.id): q for bank in banks for q in bank.questions}
    entries = data.get("questions", [])
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise ValueError(f"{path}:1: needs [[questions]] tables, each with a bank and a question id")
    questions = []
    for entry in entries:
        key = (str(entry.get("bank", "")), str(entry.get("id", "")))
        if key not in by_id:
            where = line_of(text, f'"{key[1]}"') if key[1] else 1
            known = ", ".join(sorted(b.id for b in banks))
            raise ValueError(f"{path}:{where}: no question {key[1]!r} in a bank {key[0]!r} (banks: {known})")
        questions.append(by_id[key])
    return Round(str(head["id"]), str(head["name"]), path, float(budget) * 60, str(head.get("description", "")),
                 tuple(questions))


def load_rounds(folders: Sequence[Path], banks: Sequence[Bank]) -> RoundLoad:
    """Rounds from every *.toml in `folders` (see voicecoach.banks.load_each)."""
    rounds, errors = load_each(folders, lambda path: parse_round(path, banks))
    return RoundLoad(rounds, errors)
