"""Word lists as data. Parsed from the dicts of prompts/lexicons/*.toml; reading files is elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from voicecoach.analysis.tokens import phrase_tokens

_WHEN = ("always", "after", "either")


@dataclass(frozen=True)
class DiscourseRule:
    phrase: tuple[str, ...]
    when: str = "always"
    before_number: bool = False
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FillerLexicon:
    filled_pauses: frozenset[str] = frozenset()
    discourse: tuple[DiscourseRule, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "fillers") -> "FillerLexicon":
        rules = []
        for i, entry in enumerate(data.get("discourse", [])):
            when = entry.get("when", "always")
            if when not in _WHEN or "phrase" not in entry:
                raise ValueError(
                    f"{where}: discourse entry {i + 1} needs a phrase and when = {' | '.join(_WHEN)}"
                )
            rules.append(
                DiscourseRule(
                    phrase=phrase_tokens(entry["phrase"]),
                    when=when,
                    before_number=bool(entry.get("before_number", False)),
                    not_after=frozenset(w.lower() for w in entry.get("not_after", [])),
                    not_before=frozenset(w.lower() for w in entry.get("not_before", [])),
                )
            )
        words = data.get("filled_pauses", {}).get("words", [])
        return cls(frozenset(w.lower() for w in words), tuple(rules))


@dataclass(frozen=True)
class ConfidenceLexicon:
    hedges: tuple[tuple[str, ...], ...] = ()
    boosters: tuple[tuple[str, ...], ...] = ()
    calibrators: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "confidence") -> "ConfidenceLexicon":
        def phrases(key: str) -> tuple[tuple[str, ...], ...]:
            values = data.get(key, [])
            if not isinstance(values, list):
                raise ValueError(f"{where}: {key} must be a list of phrases")
            return tuple(p for p in (phrase_tokens(str(v)) for v in values) if p)

        return cls(phrases("hedges"), phrases("boosters"), phrases("calibrators"))


@dataclass(frozen=True)
class Lexicons:
    fillers: FillerLexicon = field(default_factory=FillerLexicon)
    confidence: ConfidenceLexicon = field(default_factory=ConfidenceLexicon)
