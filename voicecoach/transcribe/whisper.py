"""faster-whisper, configured for rehearsal answers: English, word timestamps, int8 on all cores,
and a short filler prompt so "um" and "uh" are written down."""

from __future__ import annotations

import hashlib
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Optional, Sequence

import numpy as np

from voicecoach.audio.decode import SAMPLE_RATE, pcm_float
from voicecoach.errors import VoicecoachError
from voicecoach.options import TranscriptionOptions
from voicecoach.transcribe.chunks import Chunk, plan_chunks
from voicecoach.transcribe.models import ModelSpec, verify_embedded
from voicecoach.transcript import Transcript, Word

log = logging.getLogger("voicecoach")

# Tokens Whisper may write per second of a window: a third more than speech at 300 wpm takes with
# its punctuation and timestamps (204 in 30 s, tests/test_token_budget.py), so no real answer reaches
# it. tiny.en sometimes loops on invented text ("Thank you for watching, I'll see you in the next
# video," over and over, all stamped into 0.1 s and dropped by the analysis) up to the model's limit;
# each token costs a step of the beam search, so such a loop took a stretch 2.0 s instead of 0.8 s.
_TOKENS_PER_S, _TOKENS_AT_LEAST = 8, 24
_WINDOW_S = 30.0
_MAX_LENGTH = 448  # tokens the model takes, prompt included
_SPECIAL_TOKENS = 8  # start of transcript, of previous text, language, task: room kept for them
# Audio left after a chunk's last word for Whisper to go on to another window (one_window.py): more
# than the pad after speech. Less unheard speech than this is heard again by the analysis's retry.
_LEFT_AFTER_THE_WORDS_S = 1.0


def token_budget(seconds: float) -> int:
    """The most tokens Whisper may write for one window of `seconds` of audio."""
    return int(_TOKENS_PER_S * min(seconds, _WINDOW_S)) + _TOKENS_AT_LEAST


class Transcriber:
    """Loads its model on a background thread, so decoding and speech detection run meanwhile;
    the first use of `model` waits for it (and raises the load's error, if any)."""

    def __init__(self, spec: ModelSpec, options: TranscriptionOptions = TranscriptionOptions()):
        self.spec = spec
        self.options = options
        self._loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="voicecoach-model")
        self._model: Future = self._loader.submit(self._load)
        self._loader.shutdown(wait=False)
        # The last chunk heard, and its words (see transcribe_chunk).
        self._last: tuple[bytes, list[Word]] = (b"", [])
        self._last_lock = threading.Lock()

    def _load(self):
        from voicecoach.transcribe.one_window import OneWindowWhisper  # faster-whisper: slow to import

        if self.spec.embedded:
            verify_embedded(self.spec)
        try:
            return OneWindowWhisper(
                str(self.spec.path), device="cpu", compute_type=self.options.compute_type,
                cpu_threads=self.options.cpu_threads,
            )
        except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError/OSError alike
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise VoicecoachError(
                f"model {self.spec.name!r} at {self.spec.path} failed to load: {first_line}"
            ) from None

    @property
    def model(self):
        return self._model.result()

    def prompt_arguments(self) -> dict[str, Optional[str]]:
        prompt = self.options.filler_prompt or None
        mode = self.options.prompt_mode
        if mode == "hotwords":
            return {"hotwords": prompt}
        if mode == "initial":
            return {"initial_prompt": prompt}
        if mode == "none":
            return {}
        raise VoicecoachError(f"prompt_mode must be hotwords, initial or none, not {mode!r}")

    def _room_after(self, prompt: dict[str, Optional[str]]) -> int:
        """Tokens the model's length leaves to write after `prompt` (faster-whisper refuses more)."""
        text = next((t for t in prompt.values() if t), "")
        used = len(self.model.hf_tokenizer.encode(" " + text.strip(), add_special_tokens=False).ids) if text else 0
        return _MAX_LENGTH - min(used, _MAX_LENGTH // 2) - _SPECIAL_TOKENS

    def transcribe(self, samples: np.ndarray, speech: Sequence[tuple[float, float]]) -> Transcript:
        """`speech`: the (start, end) of each speech region; audio outside them is not transcribed."""
        self._model.result()  # a model that failed to load fails every answer, even one with no speech
        words: list[Word] = []
        for chunk in plan_chunks(speech, len(samples) / SAMPLE_RATE):
            words.extend(self.transcribe_chunk(samples, chunk))
        log.debug("transcribed %d speech regions into %d words", len(speech), len(words))
        return Transcript(words, language=self.options.language, model=self.spec.name)

    def transcribe_chunk(self, samples: np.ndarray, chunk: Chunk, prompted: bool = True,
                         beam_size: Optional[int] = None) -> list[Word]:
        """`prompted`: with the filler prompt; `beam_size`: None for the configured one."""
        piece = pcm_float(samples[int(chunk.start * SAMPLE_RATE) : int(chunk.end * SAMPLE_RATE)])
        prompt = self.prompt_arguments() if prompted else {}
        options = dict(
            language=self.options.language,
            beam_size=self.options.beam_size if beam_size is None else beam_size,
            temperature=self.options.temperature,
            word_timestamps=True,
            # Conditioning on earlier text makes tiny models loop on their own output.
            condition_on_previous_text=False,
            vad_filter=False,
            max_new_tokens=min(token_budget(chunk.end - chunk.start), self._room_after(prompt)),
            **prompt,
        )
        # The same audio with the same options gives the same words (beam search or greedy, never
        # sampled): the last stretch, heard ahead at a pause (voicecoach.streaming), is not heard
        # again at stop when nothing was said after.
        key = hashlib.blake2b(piece.tobytes() + repr(sorted(options.items())).encode(), digest_size=16).digest()
        with self._last_lock:
            found = self._last[1] if self._last[0] == key else None
        if found is None:
            found = [Word(w.word, float(w.start), float(w.end), float(w.probability))
                     for w in self.model.transcribe_chunk(piece, _LEFT_AFTER_THE_WORDS_S, **options)]
            with self._last_lock:
                self._last = (key, found)
        return [replace(w, start=chunk.start + w.start, end=chunk.start + w.end) for w in found]
