"""Where voicecoach finds its data: prompts (banks, lexicons, settings), models, config, history."""

from __future__ import annotations

from pathlib import Path

import platformdirs

_APP = "voicecoach"
_PACKAGE_DIR = Path(__file__).resolve().parent


def prompts_dir() -> Path:
    """The shipped prompts/: the repository's top-level folder in a source checkout (editable
    install), or the copy a wheel carries inside the package."""
    checkout = _PACKAGE_DIR.parent / "prompts"
    return checkout if checkout.is_dir() else _PACKAGE_DIR / "_prompts"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(_APP))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(_APP))


def model_dirs() -> list[Path]:
    """Folders searched for a model named with --model NAME, in order."""
    dirs = [data_dir() / "models"]
    checkout_models = _PACKAGE_DIR.parent / "models"
    if checkout_models.is_dir():
        dirs.insert(0, checkout_models)
    return dirs


def round_dirs() -> list[Path]:
    """Rounds (voicecoach.rounds): the shipped ones, then the user's."""
    return [prompts_dir() / "rounds", config_dir() / "rounds"]


def bank_dirs() -> list[Path]:
    """Question banks: the shipped ones, then the user's (a user bank with the same id wins)."""
    return [prompts_dir() / "banks", config_dir() / "banks"]
