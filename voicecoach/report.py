"""An answer's analysis as dataclasses, and its JSON form (documented in README.md)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Optional

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class ReportWord:
    text: str
    start: float
    end: float
    kind: str  # "word" or "filler"


@dataclass(frozen=True)
class DroppedWord:
    text: str
    start: float
    end: float
    reason: str


@dataclass(frozen=True)
class Pause:
    start: float
    end: float
    duration: float
    long: bool
    before: str = ""  # the words either side, for the review screen
    after: str = ""


@dataclass(frozen=True)
class Filler:
    text: str
    start: float
    end: float
    kind: str  # "filled_pause" (um, uh) or "discourse" (like, you know)
    source: str  # "transcript", or "audio" for a voiced sound Whisper left out


@dataclass(frozen=True)
class Phrase:
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Metrics:
    word_count: int
    wpm: float
    articulation_wpm: float
    pace_verdict: str  # "slow", "in band", "fast", or "n/a"
    filler_count: int
    fillers_per_min: float
    pause_count: int
    long_pause_count: int
    longest_pause_s: float
    hedge_count: int
    booster_count: int
    calibrated_count: int
    length_verdict: str  # "short", "on target", "over", or "no speech"
    length_delta_s: float  # answer length minus target
    confidence_verdict: str  # "hedging", "balanced", "over-confident", or "n/a"


@dataclass
class AnswerReport:
    duration_s: float
    think_time_s: float
    answer_start_s: float
    answer_end_s: float
    answer_s: float
    target_s: float
    long_pause_s: float
    speech_found: bool
    words: list[ReportWord] = field(default_factory=list)
    dropped_words: list[DroppedWord] = field(default_factory=list)
    speech: list[tuple[float, float]] = field(default_factory=list)  # the timeline, for drawing
    pauses: list[Pause] = field(default_factory=list)
    fillers: list[Filler] = field(default_factory=list)
    hedges: list[Phrase] = field(default_factory=list)
    boosters: list[Phrase] = field(default_factory=list)
    calibrated: list[Phrase] = field(default_factory=list)
    metrics: Optional[Metrics] = None
    model: str = ""
    source: str = ""
    schema_version: int = SCHEMA_VERSION

    @property
    def transcript(self) -> str:
        return " ".join(w.text for w in self.words)

    def to_dict(self) -> dict[str, Any]:
        return _rounded(dataclasses.asdict(self))

    def to_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "AnswerReport":
        lists = {
            "words": ReportWord, "dropped_words": DroppedWord, "pauses": Pause,
            "fillers": Filler, "hedges": Phrase, "boosters": Phrase, "calibrated": Phrase,
        }
        values = dict(data)
        for key, item_cls in lists.items():
            values[key] = [item_cls(**item) for item in data.get(key, [])]
        values["speech"] = [tuple(s) for s in data.get("speech", [])]
        values["metrics"] = Metrics(**data["metrics"]) if data.get("metrics") else None
        return cls(**values)


def _rounded(value: Any) -> Any:
    # Millisecond precision: Whisper's own timestamps are 20 ms apart.
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value
