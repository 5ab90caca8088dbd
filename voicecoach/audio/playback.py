"""Replay an answer, from the start or from a given second."""

from __future__ import annotations

from pathlib import Path

from voicecoach.audio.decode import SAMPLE_RATE, load_audio
from voicecoach.audio.recorder import sounddevice
from voicecoach.errors import VoicecoachError


def play(path: Path, start_s: float = 0.0, device=None) -> float:
    """Start playing in the background; returns how many seconds will play."""
    sd = sounddevice()
    samples = load_audio(path).samples[int(max(0.0, start_s) * SAMPLE_RATE) :]
    try:
        sd.play(samples, SAMPLE_RATE, device=device)
    except Exception as exc:  # no output device, busy device
        raise VoicecoachError(f"cannot play audio: {str(exc).splitlines()[0]}") from None
    return len(samples) / SAMPLE_RATE


def stop() -> None:
    try:
        sounddevice().stop()
    except VoicecoachError:
        pass
