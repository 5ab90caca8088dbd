"""Trade-off timing: a constraint the interviewer states part-way through the answer ("Our playlist
generation must stay under 100 ms.") is to be taken in - named - before the answer proposes
trade-offs. Panels mark down a candidate who weighs options first and reaches the constraint after.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from voicecoach.analysis.tokens import PhraseMatcher, phrase_at, phrase_tokens, tokenize
from voicecoach.labels import quoted
from voicecoach.report import ConstraintCheck, Phrase
from voicecoach.timefmt import clock
from voicecoach.transcript import Word

ACKNOWLEDGED_FIRST = "acknowledged first"
TRADEOFFS_FIRST = "trade-offs first"
NOT_ACKNOWLEDGED = "not acknowledged"


@dataclass(frozen=True)
class Constraint:
    """What the interviewer adds `after_s` seconds into the recording, and the words (`terms`) that
    show an answer took it in: "latency", "100 ms", "budget"."""

    text: str
    after_s: float
    terms: tuple[str, ...]


def check_constraint(words: Sequence[Word], constraint: Constraint, tradeoffs: Sequence[Phrase]) -> ConstraintCheck:
    """`words`: the reconciled words; `tradeoffs`: the trade-offs the answer proposed
    (voicecoach.analysis.content.tradeoffs). Only what was said after the constraint counts."""
    tokens = tokenize(words)
    matcher = PhraseMatcher((phrase_tokens(term), "term") for term in constraint.terms)
    mentions = [phrase_at(words, tokens, m.first, m.last) for m in matcher.find(tokens)]
    acknowledged = _first_after(mentions, constraint.after_s)
    tradeoff = _first_after(tradeoffs, constraint.after_s)
    if acknowledged is None:
        verdict, tip = NOT_ACKNOWLEDGED, (
            f"The interviewer added \"{constraint.text}\" at {clock(constraint.after_s)} and the answer never named it: "
            "say it back first (\"given the budget of ...\"), then weigh the options against it.")
    elif tradeoff is not None and tradeoff.start < acknowledged.start:
        verdict, tip = TRADEOFFS_FIRST, (
            f"{quoted(tradeoff.text, tradeoff.start)} came before the constraint was named "
            f"({quoted(acknowledged.text, acknowledged.start)}): acknowledge it, then propose.")
    else:
        verdict, tip = ACKNOWLEDGED_FIRST, ""
    return ConstraintCheck(constraint.text, constraint.after_s, acknowledged, tradeoff, verdict, tip,
                           constraint.terms)


def constraint_of(check: Optional[ConstraintCheck]) -> Optional[Constraint]:
    """The constraint a stored report was checked against (to check it again)."""
    return Constraint(check.text, check.stated_s, tuple(check.terms)) if check is not None else None


def _first_after(phrases: Sequence[Phrase], at: float) -> Optional[Phrase]:
    return min((p for p in phrases if p.start >= at), key=lambda p: p.start, default=None)
