"""Read thresholds and lexicons from their TOML files: the shipped prompts/ first, then the user's
config dir on top (a user's config.toml overrides single keys; a user's lexicon file replaces the
shipped one of the same name)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Optional

from voicecoach import paths
from voicecoach.analysis.lexicon import ConfidenceLexicon, FillerLexicon, FollowUpLexicon, Lexicons, SignalsLexicon
from voicecoach.errors import VoicecoachError
from voicecoach.options import (
    AnalysisOptions,
    Settings,
    SpeechDetectionOptions,
    TranscriptionOptions,
    options_from_dict,
)

_SECTIONS = {
    "analysis": AnalysisOptions,
    "speech_detection": SpeechDetectionOptions,
    "transcription": TranscriptionOptions,
}


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise VoicecoachError(f"{path}: {exc}") from None
    except OSError as exc:
        raise VoicecoachError(f"{path}: cannot read ({exc.strerror})") from None


def load_settings(config_dir: Optional[Path] = None) -> Settings:
    """The shipped settings with the user's config.toml on top. A wrong key, type or value is one
    line naming the file, the key and what it may be."""
    config_dir = paths.config_dir() if config_dir is None else config_dir
    merged: dict[str, dict[str, Any]] = {name: {} for name in _SECTIONS}
    for path in (paths.prompts_dir() / "settings.toml", config_dir / "config.toml"):
        if not path.is_file():
            continue
        for section, values in read_toml(path).items():
            if section not in _SECTIONS or not isinstance(values, dict):
                raise VoicecoachError(f"{path}: unknown section [{section}]")
            try:  # each file's values checked on their own, so an error names its file
                options_from_dict(_SECTIONS[section], {**merged[section], **values}, f"[{section}]")
            except ValueError as exc:
                raise VoicecoachError(f"{path}: {exc}") from None
            merged[section].update(values)
    return Settings(**{name: options_from_dict(cls, merged[name]) for name, cls in _SECTIONS.items()})


def _lexicon_file(name: str, config_dir: Path) -> Path:
    user = config_dir / "lexicons" / name
    return user if user.is_file() else paths.prompts_dir() / "lexicons" / name


def load_lexicons(config_dir: Optional[Path] = None) -> Lexicons:
    config_dir = paths.config_dir() if config_dir is None else config_dir
    fillers_path = _lexicon_file("fillers.toml", config_dir)
    confidence_path = _lexicon_file("confidence.toml", config_dir)
    signals_path = _lexicon_file("signals.toml", config_dir)
    follow_ups_path = _lexicon_file("followups.toml", config_dir)
    try:
        return Lexicons(
            fillers=FillerLexicon.from_dict(read_toml(fillers_path), str(fillers_path)),
            confidence=ConfidenceLexicon.from_dict(read_toml(confidence_path), str(confidence_path)),
            signals=SignalsLexicon.from_dict(read_toml(signals_path), str(signals_path)),
            follow_ups=FollowUpLexicon.from_dict(read_toml(follow_ups_path), str(follow_ups_path)),
        )
    except ValueError as exc:
        raise VoicecoachError(str(exc)) from None
