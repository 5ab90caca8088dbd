"""Word lists as data. Parsed from the dicts of prompts/lexicons/*.toml; reading files is elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from voicecoach.analysis.tokens import phrase_tokens
from voicecoach.report import MATRIX_LAYERS

_WHEN = ("always", "after", "either")


@dataclass(frozen=True)
class DiscourseRule:
    phrase: tuple[str, ...]
    when: str = "always"
    before_number: bool = False
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    # Its literal use takes an object right after it ("who like jazz", "was like a dream"): with a
    # comma straight after it, there is none, so it is a filler whatever comes before it.
    literal_takes_object: bool = False


@dataclass(frozen=True)
class FillerLexicon:
    filled_pauses: frozenset[str] = frozenset()
    discourse: tuple[DiscourseRule, ...] = ()
    misheard: frozenset[str] = frozenset()  # what Whisper writes for a filled pause it mishears

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
                    literal_takes_object=bool(entry.get("literal_takes_object", False)),
                )
            )
        filled = data.get("filled_pauses", {})
        return cls(frozenset(w.lower() for w in filled.get("words", [])), tuple(rules),
                   frozenset(w.lower() for w in filled.get("misheard", [])))


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


Phrases = tuple[tuple[str, ...], ...]
SIGNALS = ("metric_first", "experiment", "decision_rule", "quantified_impact", "tradeoffs", "star",
           "decision_matrix", "lean_first")
STAR_PARTS = ("situation", "task", "action", "result", "reflection")


def _phrases(values: Any, where: str) -> Phrases:
    if not isinstance(values, list):
        raise ValueError(f"{where} must be a list of phrases")
    return tuple(p for p in (phrase_tokens(str(v)) for v in values) if p)


@dataclass(frozen=True)
class SignalsLexicon:
    metrics: Phrases = ()
    metric_window_s: float = 20.0
    metric_window_sentences: int = 2
    experiments: Phrases = ()
    conditions: Phrases = ()
    actions: Phrases = ()
    units: frozenset[str] = frozenset()
    scale_words: frozenset[str] = frozenset()
    tradeoffs: Phrases = ()
    star: dict[str, Phrases] = field(default_factory=dict)
    ngram: int = 3
    repeats: int = 3
    new_content_below: float = 0.3
    stopwords: frozenset[str] = frozenset()
    decision_matrix: dict[str, Phrases] = field(default_factory=dict)
    components: Phrases = ()
    minimal: Phrases = ()
    max_components_first: int = 2
    expected: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "signals") -> "SignalsLexicon":
        def section(name: str) -> Mapping[str, Any]:
            value = data.get(name, {})
            if not isinstance(value, dict):
                raise ValueError(f"{where}: [{name}] must be a table")
            return value

        expected = {}
        for category, signals in section("expected").items():
            unknown = sorted(set(signals) - set(SIGNALS))
            if unknown:
                raise ValueError(f"{where}: [expected] {category}: unknown signal {', '.join(unknown)}")
            expected[category] = tuple(signals)
        metric, rules, quantities = section("metric_first"), section("decision_rule"), section("quantities")
        rambling, star = section("rambling"), section("star")
        matrix, lean = section("decision_matrix"), section("lean_first")
        return cls(
            metrics=_phrases(metric.get("metrics", []), f"{where}: metrics"),
            metric_window_s=float(metric.get("window_s", 20.0)),
            metric_window_sentences=int(metric.get("window_sentences", 2)),
            experiments=_phrases(section("experiment").get("phrases", []), f"{where}: experiment"),
            conditions=_phrases(rules.get("conditions", []), f"{where}: conditions"),
            actions=_phrases(rules.get("actions", []), f"{where}: actions"),
            units=frozenset(u.lower() for u in quantities.get("units", [])),
            scale_words=frozenset(u.lower() for u in quantities.get("scale_words", [])),
            tradeoffs=_phrases(section("tradeoffs").get("phrases", []), f"{where}: tradeoffs"),
            star={part: _phrases(star.get(part, []), f"{where}: star.{part}") for part in STAR_PARTS},
            ngram=int(rambling.get("ngram", 3)),
            repeats=int(rambling.get("repeats", 3)),
            new_content_below=float(rambling.get("new_content_below", 0.3)),
            stopwords=frozenset(w.lower() for w in rambling.get("stopwords", [])),
            decision_matrix={layer: _phrases(matrix.get(layer, []), f"{where}: decision_matrix.{layer}")
                             for layer in MATRIX_LAYERS},
            components=_phrases(lean.get("components", []), f"{where}: lean_first.components"),
            minimal=_phrases(lean.get("minimal", []), f"{where}: lean_first.minimal"),
            max_components_first=int(lean.get("max_components_first", 2)),
            expected=expected,
        )


FOLLOW_UP_RULES = ("decision_rule", "metric", "evidence", "shorter", "recommend")


@dataclass(frozen=True)
class FollowUpLexicon:
    """Follow-up questions by rule id, in the order they are tried, and how many are asked."""

    questions: tuple[tuple[str, str], ...] = ()  # (rule, text)
    max: int = 2

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "followups") -> "FollowUpLexicon":
        entries = data.get("follow_up", [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ValueError(f"{where}: follow_up must be [[follow_up]] tables")
        questions = []
        for entry in entries:
            rule, text = entry.get("rule"), entry.get("text")
            if rule not in FOLLOW_UP_RULES:
                raise ValueError(f"{where}: unknown follow-up rule {rule!r}; rules are {', '.join(FOLLOW_UP_RULES)}")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{where}: follow-up {rule!r} needs a text")
            questions.append((rule, text.strip()))
        count = data.get("max", 2)
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 5:
            raise ValueError(f"{where}: max must be a whole number from 0 to 5, not {count!r}")
        return cls(tuple(questions), count)


@dataclass(frozen=True)
class Lexicons:
    fillers: FillerLexicon = field(default_factory=FillerLexicon)
    confidence: ConfidenceLexicon = field(default_factory=ConfidenceLexicon)
    signals: SignalsLexicon = field(default_factory=SignalsLexicon)
    follow_ups: FollowUpLexicon = field(default_factory=FollowUpLexicon)
