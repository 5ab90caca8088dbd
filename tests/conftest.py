from pathlib import Path

import pytest

SHARED_AUDIO = Path(__file__).resolve().parents[2] / "shared" / "audio"


@pytest.fixture(scope="session")
def analyzer():
    """The real pipeline on the embedded model, loaded once."""
    from voicecoach.pipeline import Analyzer

    return Analyzer.load()


@pytest.fixture(scope="session")
def shared_audio() -> Path:
    if not SHARED_AUDIO.is_dir():
        pytest.fail(f"{SHARED_AUDIO} is missing: tests read real recordings from ../shared/audio")
    return SHARED_AUDIO
