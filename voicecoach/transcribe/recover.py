"""A second try at speech the first pass left without words.

tiny.en sometimes ends a window early or loops on one phrase, and the speech after it gets no
words (voicecoach.analysis.coverage finds it). Each such stretch is transcribed again on its own,
in pieces of at most RETRY_PIECE_S cut at the quietest frame near each cut: without the filler
prompt (it can make the model stop at a filler; on a breath or a cough it makes the model write
"hmm"), first with the configured beam, then greedy. Never sampled: CTranslate2's sampling does
not repeat even with a fixed seed (OpenNMT/CTranslate2#1757), and the same file must always give
the same words.
"""

from __future__ import annotations

import logging
import math
from typing import Sequence

import numpy as np

from voicecoach.audio.decode import SAMPLE_RATE, pcm_float
from voicecoach.transcribe.chunks import PAD_S, Chunk
from voicecoach.transcript import Word

log = logging.getLogger("voicecoach")

RETRY_PIECE_S = 10.0
RETRIES = ((False, None), (False, 1))  # (prompted, beam size: None for the configured one)
_KEEP_SLACK_S = 0.1  # a recovered word is kept when its middle falls this close to the stretch
_CUT_SEARCH_S = 0.5


def recover_unheard(transcriber, samples: np.ndarray, stretches: Sequence[tuple[float, float]]) -> list[Word]:
    """Words for the `stretches` of uncovered speech, at absolute times (only words whose middle
    lies in a stretch: the padding around it is context, already transcribed)."""
    duration = len(samples) / SAMPLE_RATE
    found: list[Word] = []
    for start, end in stretches:
        for piece_start, piece_end in _pieces(samples, start, end):
            chunk = Chunk(max(0.0, piece_start - PAD_S), min(duration, piece_end + PAD_S))
            for prompted, beam_size in RETRIES:
                words = transcriber.transcribe_chunk(samples, chunk, prompted=prompted, beam_size=beam_size)
                inside = [w for w in words
                          if piece_start - _KEEP_SLACK_S <= (w.start + w.end) / 2 <= piece_end + _KEEP_SLACK_S]
                if inside:
                    found += inside
                    break
        log.debug("second try at %.2f-%.2f s", start, end)
    return found


def _pieces(samples: np.ndarray, start: float, end: float) -> list[tuple[float, float]]:
    """The stretch in pieces of at most RETRY_PIECE_S, each cut at the quietest 10 ms near it."""
    count = math.ceil((end - start) / RETRY_PIECE_S)
    cuts = [start]
    for k in range(1, count):
        nominal = start + k * (end - start) / count
        cuts.append(_quietest(samples, nominal - _CUT_SEARCH_S, nominal + _CUT_SEARCH_S))
    return list(zip(cuts, cuts[1:] + [end]))


def _quietest(samples: np.ndarray, start: float, end: float) -> float:
    hop = SAMPLE_RATE // 100
    first = int(start * SAMPLE_RATE)
    piece = pcm_float(samples[first : int(end * SAMPLE_RATE)])
    frames = piece[: len(piece) // hop * hop].reshape(-1, hop)
    if len(frames) == 0:
        return (start + end) / 2
    return (first + (int(np.argmin(np.mean(frames**2, axis=1))) + 0.5) * hop) / SAMPLE_RATE
