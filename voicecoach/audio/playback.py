"""Replay an answer: from the start or a given second, with pause, resume and seek."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Optional

from voicecoach.audio.decode import SAMPLE_RATE, load_audio
from voicecoach.audio.recorder import sounddevice
from voicecoach.errors import VoicecoachError


def play(path: Path, start_s: float = 0.0, device=None) -> float:
    """Start playing in the background; returns how many seconds will play."""
    sd = sounddevice()
    samples = load_audio(path, keep_16_bit=True).samples[int(max(0.0, start_s) * SAMPLE_RATE) :]
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


class Replay:
    """One recording's replay with pause, resume and seek. sounddevice plays from a position in the
    background; where it is now is known from the clock since it started (`clock` and `player`
    are injectable, for tests with no output device)."""

    def __init__(self, path: Path, device=None, clock: Callable[[], float] = time.monotonic,
                 player: Callable[..., float] = play, stopper: Callable[[], None] = stop):
        self.path, self.device = path, device
        self._clock, self._play, self._stop = clock, player, stopper
        self._from = 0.0  # where playing started (or stands, when paused)
        self._since: Optional[float] = None  # clock time it started playing; None: not playing
        self._length: Optional[float] = None  # seconds from the position to the end, when known

    @property
    def playing(self) -> bool:
        if self._since is None:
            return False
        if self._length is not None and self._clock() - self._since >= self._length:
            self._from, self._since = 0.0, None  # it ran to the end
            return False
        return True

    @property
    def position(self) -> float:
        return self._from + (self._clock() - self._since) if self.playing else self._from

    def play(self, start_s: Optional[float] = None) -> float:
        """Play from `start_s` (None: from where it stands); returns the seconds that will play."""
        at = max(0.0, self.position if start_s is None else start_s)
        self._stop()
        self._length = self._play(self.path, at, self.device)
        self._from, self._since = at, self._clock()
        return self._length

    def pause(self) -> None:
        if self.playing:
            self._from, self._since = self.position, None
            self._stop()

    def seek(self, delta_s: float) -> float:
        """Move by `delta_s` seconds (playing on if it was playing); the new position."""
        was_playing = self.playing
        target = max(0.0, self.position + delta_s)
        if was_playing:
            self.play(target)
        else:
            self._from = target
        return target

    def stop(self) -> None:
        self._stop()
        self._from, self._since = 0.0, None
