"""faster-whisper's model, held to the one 30-s window a chunk of an answer is cut to fit.

faster-whisper goes on to a further window wherever the words it wrote end before the audio does.
A chunk (voicecoach.transcribe.chunks) is speech with 0.2 s of silence padded around it, so its
last word often ends before the chunk does, and such a chunk paid a second window over that pad:
a whole encoder pass (0.3 s on two cores, of the 1.1 s a 20-s chunk takes) that heard only
silence, where tiny.en wrote "Yeah." or looped on "Thank you so much for watching" (the analysis
dropped those): the real recordings of ../shared/audio ran 16 passes for their 11 chunks. A
further window still runs where more than `tail_s` of audio is left after the last word: Whisper
stopped early there, and the rest may be speech.
"""

from __future__ import annotations

import threading
from typing import Callable, Optional

import numpy as np
from faster_whisper import WhisperModel
from faster_whisper.transcribe import Word as WhisperWord

from voicecoach.audio.decode import SAMPLE_RATE


class _Enough(Exception):
    """Raised inside faster-whisper's window loop, before the encoder runs on a window not wanted."""


class OneWindowWhisper(WhisperModel):
    """A WhisperModel whose `transcribe_chunk` runs a further window only where speech may be left.
    Its `transcribe` is faster-whisper's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._window_wanted = threading.local()  # per thread: the app's worker and a batch analysis

    def encode(self, features):
        # faster-whisper encodes each window as it comes to it: the one place to stop before one.
        wanted: Optional[Callable[[], bool]] = getattr(self._window_wanted, "check", None)
        if wanted is not None and not wanted():
            raise _Enough
        return super().encode(features)

    def transcribe_chunk(self, audio: np.ndarray, tail_s: float, **options) -> list[WhisperWord]:
        """The words of `audio` (times from its start), from its first window and from further ones
        only while more than `tail_s` of it is left after the last word written."""
        duration = len(audio) / SAMPLE_RATE
        windows, heard_until = 0, 0.0

        def wanted() -> bool:
            nonlocal windows
            windows += 1
            return windows == 1 or duration - heard_until > tail_s

        words: list[WhisperWord] = []
        self._window_wanted.check = wanted
        try:
            segments, _ = self.transcribe(audio, **options)
            for segment in segments:
                for word in segment.words or []:
                    words.append(word)
                    heard_until = max(heard_until, word.end)
        except _Enough:
            pass
        finally:
            self._window_wanted.check = None
        return words
