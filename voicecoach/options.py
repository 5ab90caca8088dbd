"""Every threshold in one place. Defaults here mirror prompts/settings.toml, which users edit."""

from __future__ import annotations

import math
from dataclasses import Field, dataclass, field, fields, replace
from typing import Any, Mapping, TypeVar

T = TypeVar("T")


def within(default: float, low: float, high: float) -> Any:
    """A number setting and the range a user may set it in."""
    return field(default=default, metadata={"range": (low, high)})


def one_of(default: str, *others: str) -> Any:
    """A text setting and the values it may take (the first is the default)."""
    return field(default=default, metadata={"choices": (default, *others)})


@dataclass(frozen=True)
class AnalysisOptions:
    long_pause_s: float = within(5.0, 0.5, 60)
    min_pause_s: float = within(0.3, 0.05, 10)
    target_s: float = within(120.0, 10, 3600)
    short_below_fraction: float = within(0.75, 0, 1)
    over_grace_s: float = within(10.0, 0, 600)
    pace_min_wpm: float = within(100.0, 20, 400)
    pace_max_wpm: float = within(165.0, 20, 400)
    hedging_per_min: float = within(4.0, 0, 60)
    fillers_ok_per_min: float = within(3.0, 0, 60)  # the debrief passes an answer at or below this
    over_confident_per_min: float = within(1.0, 0, 60)
    set_off_pause_s: float = within(0.25, 0, 5)
    calibration_window_words: int = within(12, 1, 100)
    audio_filler_min_s: float = within(0.15, 0.01, 5)
    audio_filler_max_s: float = within(1.5, 0.05, 10)
    audio_filler_min_voiced: float = within(0.5, 0, 1)
    audio_filler_max_pitch_spread: float = within(3.0, 0, 24)
    unrecognised_min_s: float = within(0.5, 0.05, 10)
    retry_min_s: float = within(0.3, 0.05, 10)
    heard_min_voiced: float = within(0.3, 0, 1)
    filler_search_before_s: float = within(0.9, 0, 3)
    filler_stamp_trusted_s: float = within(0.15, 0, 2)
    # Delivery (voicecoach.analysis.delivery).
    monotone_below_st: float = within(1.7, 0, 12)
    uptalk_min_st: float = within(2.0, 0.5, 12)
    uptalk_window_s: float = within(0.4, 0.1, 2)
    trailing_off_db: float = within(8.0, 1, 40)
    quiet_below_dbfs: float = within(-35.0, -90, 0)
    clipped_above: float = within(0.001, 0, 1)
    pace_window_s: float = within(15.0, 5, 120)
    rushing_ratio: float = within(1.25, 1, 5)

    def __post_init__(self) -> None:
        if self.pace_min_wpm >= self.pace_max_wpm:
            raise ValueError(f"pace_min_wpm ({self.pace_min_wpm:g}) must be below pace_max_wpm ({self.pace_max_wpm:g})")
        if self.audio_filler_min_s >= self.audio_filler_max_s:
            raise ValueError(f"audio_filler_min_s ({self.audio_filler_min_s:g}) must be below "
                             f"audio_filler_max_s ({self.audio_filler_max_s:g})")


@dataclass(frozen=True)
class SpeechDetectionOptions:
    vad_threshold: float = within(0.4, 0.01, 0.99)
    min_silence_ms: int = within(150, 10, 5000)
    min_speech_ms: int = within(60, 10, 5000)
    vad_restart_s: float = within(30.0, 0, 3600)  # 0: one run of Silero through the whole recording
    voicing_periodicity: float = within(0.6, 0, 1)
    voicing_above_noise_db: float = within(15.0, 0, 80)
    voicing_min_s: float = within(0.12, 0.01, 5)
    energy_above_noise_db: float = within(6.0, 0, 80)
    energy_below_speech_db: float = within(25.0, 0, 80)
    energy_floor_dbfs: float = within(-60.0, -120, 0)
    energy_min_s: float = within(0.1, 0.01, 5)
    level_pitch_max_st: float = within(1.5, 0.1, 12)
    level_pitch_step_st: float = within(0.5, 0.05, 12)
    level_pitch_min_s: float = within(0.15, 0.02, 5)
    # ... and for a filler folded into the next word: voiced from its onset until that word's
    # voiceless consonant (Piper's 0.16-s "uh" before "so" holds 0.13 s of voicing)
    folded_filler_min_s: float = within(0.1, 0.02, 5)
    detect_peak_dbfs: float = within(-3.0, -60, 0)
    transcribe_peak_dbfs: float = within(-20.0, -60, 0)
    boost_max_db: float = within(40.0, 0, 60)
    detect_highpass_hz: float = within(110.0, 0, 1000)


@dataclass(frozen=True)
class TranscriptionOptions:
    language: str = "en"
    beam_size: int = within(5, 1, 20)
    compute_type: str = one_of("int8", "int8_float32", "int8_float16", "int16", "float16", "float32", "auto")
    filler_prompt: str = "Um, uh, hmm, er, ah."
    prompt_mode: str = one_of("initial", "hotwords", "none")  # the prompt on each chunk, on each window too, or none
    temperature: float = within(0.0, 0, 1)  # above 0 samples: the same file then gives a new report each run
    while_recording: bool = True  # the app transcribes as the person speaks (instant feedback)
    live_cues: bool = False  # at most one short cue every ~20 s while recording (voicecoach.live_cues)
    max_duration_s: float = within(900.0, 1, 36000)
    cpu_threads: int = within(0, 0, 256)  # 0: all cores


@dataclass(frozen=True)
class StreamCutOptions:
    """Where the app cuts an answer into stretches as it is recorded, and a batch analysis with it
    (voicecoach.transcribe.stretches). Not a user setting: both paths must cut alike."""

    min_chunk_s: float = 25.0  # transcribe a finished stretch once this much audio is pending ...
    max_chunk_s: float = 28.0  # ... and by this much at the latest (one Whisper window, with pads)
    # Every stretch costs a whole 30-s encoder pass however short it is: no cut before this much.
    min_stretch_s: float = 23.0
    cut_silence_s: float = 0.45  # a silence this long is a place to cut
    check_every_s: float = 1.0  # look for a cut at every this much new audio
    # Streaming only (no result changes): once the answer has run this share of its target length,
    # at a pause of hear_ahead_pause_s the stretch being recorded is heard at once, so a person who
    # stops there waits for the analyses alone. (Each time costs Whisper over the whole stretch:
    # heard ahead at every pause of 0.7 s from the start, streaming took 3.3x the CPU of one pass.)
    hear_ahead_from: float = 0.8
    hear_ahead_pause_s: float = 1.0


@dataclass(frozen=True)
class Settings:
    analysis: AnalysisOptions = field(default_factory=AnalysisOptions)
    speech_detection: SpeechDetectionOptions = field(default_factory=SpeechDetectionOptions)
    transcription: TranscriptionOptions = field(default_factory=TranscriptionOptions)
    stretches: StreamCutOptions = field(default_factory=StreamCutOptions)


def options_from_dict(cls: type[T], values: Mapping[str, Any], where: str = "settings") -> T:
    """Build an options dataclass from a dict of its fields. Unknown keys, wrong types (a string
    "false" is not a boolean), NaN and values out of range are errors naming `where` and the key,
    never silently taken."""
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"{where}: unknown setting {', '.join(unknown)}")
    return cls(**{name: checked(known[name], value, where) for name, value in values.items()})


def checked(spec: Field, value: Any, where: str = "settings") -> Any:
    """`value` for the option `spec`, or a ValueError that says what is allowed."""
    kind, meta = type(spec.default), spec.metadata
    if kind is bool:
        ok = isinstance(value, bool)
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    else:
        ok = isinstance(value, kind)
    low, high = meta.get("range", (-math.inf, math.inf))
    choices = meta.get("choices")
    if ok and (kind is str or low <= value <= high) and (choices is None or value in choices):
        return kind(value)
    if choices:
        allowed = "one of " + ", ".join(choices)
    elif "range" in meta:
        allowed = f"a {'whole ' if kind is int else ''}number from {low:g} to {high:g}"
    else:
        allowed = {bool: "true or false", str: "text"}.get(kind, f"a {kind.__name__}")
    raise ValueError(f"{where}: {spec.name} must be {allowed}, not {value!r}")


def with_overrides(options: T, where: str = "command line", **overrides: Any) -> T:
    """Apply the CLI flags that were given (None means: not given), checked like settings."""
    known = {f.name: f for f in fields(options)}  # type: ignore[arg-type]
    given = {k: checked(known[k], v, where) for k, v in overrides.items() if v is not None}
    return replace(options, **given) if given else options  # type: ignore[type-var]
