"""An answer's analysis as dataclasses, and its JSON form (documented in README.md)."""

from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass, field
from typing import Any, Optional

from voicecoach.transcript import joined

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class ReportWord:
    text: str
    start: float
    end: float
    kind: str  # "word" or "filler"
    spoken: int = 1  # the words a person says for it: "20%" is two ("twenty percent")


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
class MetricFraming:
    metrics: list[Phrase]  # every named success metric, in order
    early: bool  # the first was named within the first 20 s or the first two sentences


@dataclass(frozen=True)
class StarCoverage:
    situation: list[Phrase]
    task: list[Phrase]
    action: list[Phrase]
    result: list[Phrase]
    reflection: list[Phrase]
    result_quantified: bool

    @property
    def missing(self) -> list[str]:
        return [part for part in ("situation", "task", "action", "result") if not getattr(self, part)]


@dataclass(frozen=True)
class RepeatedPhrase:
    text: str
    starts: list[float]


@dataclass(frozen=True)
class Rambling:
    repeated: list[RepeatedPhrase]
    restarts: list[Phrase]  # "we we", "so we, so we"
    overtime_new_content: Optional[float]  # share of new content words past the target
    running_long: bool


@dataclass(frozen=True)
class Tip:
    signal: str
    text: str
    start: Optional[float] = None  # where in the answer it points, if anywhere


MATRIX_LAYERS = ("impact", "confidence", "effort")


@dataclass(frozen=True)
class DecisionMatrix:
    """The layers a proposal is weighed on (MATRIX_LAYERS), each with the words that name it."""

    impact: list[Phrase] = field(default_factory=list)
    confidence: list[Phrase] = field(default_factory=list)
    effort: list[Phrase] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [layer for layer in MATRIX_LAYERS if not getattr(self, layer)]


@dataclass(frozen=True)
class LeanFirst:
    components: list[Phrase] = field(default_factory=list)  # architecture named, in order
    minimal: Optional[Phrase] = None  # the first minimal change proposed
    bloated: bool = False  # more components named than signals.toml allows before the minimal change


@dataclass(frozen=True)
class ContentSignals:
    metric_framing: MetricFraming
    experiments: list[Phrase]
    decision_rules: list[Phrase]
    quantities: list[Phrase]
    tradeoffs: list[Phrase]
    star: StarCoverage
    rambling: Rambling
    category: str = ""
    expected: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)
    # Reports stored before these were measured have none: an empty matrix, nothing proposed.
    decision_matrix: DecisionMatrix = field(default_factory=DecisionMatrix)
    lean_first: LeanFirst = field(default_factory=LeanFirst)


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
    filler_verdict: str = "n/a"  # "few" (at most fillers_ok_per_min) or "frequent"; "n/a" in older reports


@dataclass(frozen=True)
class Rise:
    """A statement that ends on a rising pitch (uptalk): it sounds like a question."""

    start: float
    end: float
    words: str  # the words it ends
    semitones: float


@dataclass(frozen=True)
class PaceWindow:
    start: float
    end: float
    wpm: float


@dataclass(frozen=True)
class SpeedUp:
    """Speech after a long pause much faster than before it: rushing to make up for the silence."""

    pause_end: float
    before_wpm: float  # in the stretch before the pause
    after_wpm: float  # in the stretch after it


@dataclass(frozen=True)
class Delivery:
    """How the answer sounded (voicecoach.analysis.delivery)."""

    pitch_median_hz: float  # 0 when too little voiced speech to judge
    pitch_variation_st: float  # standard deviation of pitch, in semitones around the median
    monotone: bool
    rises: list[Rise]
    statements: int  # sentence ends judged for a rise (questions are not)
    trailing_off: list[Phrase]  # last words of sentences markedly quieter than the sentence
    level_dbfs: float  # typical level of the speech
    clipped_fraction: float  # of samples at full scale
    input_warning: str  # "" or what to change about the recording
    pace_windows: list[PaceWindow]
    rushing: bool  # the last third much faster than the first
    repetitions: list[Phrase]  # "the the", "I think, I think"
    tips: list[str]
    # (time, semitones around the median) every 0.2 s of voiced speech: the pitch strip on the review.
    pitch_contour: list[tuple[float, float]] = field(default_factory=list)
    speed_ups: list[SpeedUp] = field(default_factory=list)


@dataclass(frozen=True)
class FollowUp:
    """A question an interviewer would ask next, and what in the answer it was chosen on."""

    rule: str  # decision_rule, metric, evidence, shorter, recommend (stable ids)
    text: str
    evidence: str
    start: Optional[float] = None  # where in the answer the evidence is, if anywhere


@dataclass(frozen=True)
class ConstraintCheck:
    """Whether the answer took in a constraint the interviewer stated part-way through it, before
    it proposed trade-offs (voicecoach.analysis.constraint_timing)."""

    text: str  # what the interviewer said
    stated_s: float  # when, from the start of the recording
    acknowledged: Optional[Phrase]  # the first words after it that name it
    first_tradeoff: Optional[Phrase]  # the first trade-off proposed after it
    verdict: str  # "acknowledged first", "trade-offs first" or "not acknowledged"
    tip: str = ""
    terms: tuple[str, ...] = ()  # the words that name it (kept, so a re-analysis checks again)


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
    # Speech the model did not turn into words (after a second try): part of the answer, not a pause.
    unrecognised_speech: list[tuple[float, float]] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)
    fillers: list[Filler] = field(default_factory=list)
    hedges: list[Phrase] = field(default_factory=list)
    boosters: list[Phrase] = field(default_factory=list)
    calibrated: list[Phrase] = field(default_factory=list)
    metrics: Optional[Metrics] = None
    signals: Optional[ContentSignals] = None
    delivery: Optional[Delivery] = None
    follow_ups: list[FollowUp] = field(default_factory=list)
    constraint: Optional[ConstraintCheck] = None
    model: str = ""
    source: str = ""
    schema_version: int = SCHEMA_VERSION

    @property
    def transcript(self) -> str:
        return joined(w.text for w in self.words)

    def tips(self) -> list[str]:
        """Every coaching tip, content first, then delivery, then the stated constraint: what the
        review and the HTML report list."""
        tips = [t.text for t in self.signals.tips] if self.signals else []
        tips += self.delivery.tips if self.delivery else []
        tips += [self.constraint.tip] if self.constraint and self.constraint.tip else []
        return tips

    def to_dict(self) -> dict[str, Any]:
        return _rounded(dataclasses.asdict(self))

    def to_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "AnswerReport":
        return _build(cls, data)

    @classmethod
    def from_json(cls, text: str) -> "AnswerReport":
        return cls.from_dict(json.loads(text))


def _build(kind: Any, value: Any) -> Any:
    """Rebuild dataclasses (nested, in lists, optional) from their asdict() form."""
    if value is None:
        return None
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is typing.Union:
        return _build(next(a for a in args if a is not type(None)), value)
    if origin is list:
        return [_build(args[0], v) for v in value]
    if origin is tuple:
        return tuple(value)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: _build(hints[f.name], value[f.name])
                       for f in dataclasses.fields(kind) if f.name in value})
    return value


def _rounded(value: Any) -> Any:
    # Millisecond precision: Whisper's own timestamps are 20 ms apart.
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value
