"""Every threshold in one place. Defaults here mirror prompts/settings.toml, which users edit."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class AnalysisOptions:
    long_pause_s: float = 5.0
    min_pause_s: float = 0.3
    target_s: float = 120.0
    short_below_fraction: float = 0.75
    over_grace_s: float = 10.0
    pace_min_wpm: float = 100.0
    pace_max_wpm: float = 165.0
    hedging_per_min: float = 4.0
    over_confident_per_min: float = 1.0
    set_off_pause_s: float = 0.25
    calibration_window_words: int = 12
    audio_filler_min_s: float = 0.15
    audio_filler_max_s: float = 1.5
    audio_filler_min_voiced: float = 0.5
    audio_filler_max_pitch_spread: float = 3.0
    unrecognised_min_s: float = 0.5
    retry_min_s: float = 0.3
    heard_min_voiced: float = 0.3
    filler_search_before_s: float = 0.9
    filler_stamp_trusted_s: float = 0.15


@dataclass(frozen=True)
class SpeechDetectionOptions:
    vad_threshold: float = 0.4
    min_silence_ms: int = 150
    min_speech_ms: int = 60
    voicing_periodicity: float = 0.6
    voicing_above_noise_db: float = 15.0
    voicing_min_s: float = 0.12
    energy_above_noise_db: float = 10.0
    energy_below_speech_db: float = 25.0
    energy_floor_dbfs: float = -60.0
    energy_min_s: float = 0.1
    level_pitch_max_st: float = 1.5
    level_pitch_step_st: float = 0.5
    level_pitch_min_s: float = 0.15


@dataclass(frozen=True)
class TranscriptionOptions:
    language: str = "en"
    beam_size: int = 5
    compute_type: str = "int8"
    filler_prompt: str = "Um, uh, hmm, er, ah."
    prompt_mode: str = "initial"  # "initial" (each chunk), "hotwords" (each window too), "none"
    temperature: float = 0.0
    while_recording: bool = True  # the app transcribes as the person speaks (instant feedback)
    max_duration_s: float = 900.0
    cpu_threads: int = 0  # 0: all cores


@dataclass(frozen=True)
class Settings:
    analysis: AnalysisOptions = field(default_factory=AnalysisOptions)
    speech_detection: SpeechDetectionOptions = field(default_factory=SpeechDetectionOptions)
    transcription: TranscriptionOptions = field(default_factory=TranscriptionOptions)


def options_from_dict(cls: type[T], values: Mapping[str, Any], where: str = "settings") -> T:
    """Build an options dataclass from a dict of its fields; unknown keys are an error, not ignored,
    so a typo in a user's config is reported instead of silently doing nothing."""
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"{where}: unknown setting {', '.join(unknown)}")
    converted = {}
    for name, value in values.items():
        default = getattr(cls(), name)
        try:
            converted[name] = type(default)(value)
        except (TypeError, ValueError):
            raise ValueError(f"{where}: {name} must be a {type(default).__name__}, got {value!r}") from None
    return cls(**converted)


def with_overrides(options: T, **overrides: Any) -> T:
    """Apply the CLI flags that were given (None means: not given)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(options, **given) if given else options  # type: ignore[type-var]
