"""Cut an answer into stretches Whisper transcribes one at a time, at silences the VAD found.

Each stretch fits one 30-s Whisper window, so the short filler prompt conditions all of the answer
(faster-whisper uses an initial prompt for its first window only), and silence with no speech in it
is never shown to the model (where it invents "Thank you." and "Okay.").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

MAX_CHUNK_S = 28.0
PAD_S = 0.2  # silence kept around speech so word onsets are not clipped


@dataclass(frozen=True)
class Chunk:
    start: float
    end: float


def plan_chunks(speech: Sequence[tuple[float, float]], duration: float,
                max_s: float = MAX_CHUNK_S, pad_s: float = PAD_S) -> list[Chunk]:
    """`speech`: (start, end) of each speech region, in order. A region longer than max_s becomes
    a chunk of its own (Whisper then windows it itself)."""
    chunks: list[Chunk] = []
    group_start = group_end = None
    for i, (start, end) in enumerate(speech):
        if group_start is None:
            group_start, group_end = start, end
        elif end - group_start <= max_s - 2 * pad_s:
            group_end = end
        else:
            chunks.append(_padded(group_start, group_end, chunks, start, pad_s))
            group_start, group_end = start, end
    if group_start is not None:
        chunks.append(_padded(group_start, group_end, chunks, duration + pad_s, pad_s))
    return [Chunk(max(0.0, c.start), min(duration, c.end)) for c in chunks]


def _padded(start: float, end: float, earlier: list[Chunk], next_start: float, pad_s: float) -> Chunk:
    # Pads never reach past the middle of the silence on either side.
    previous_end = earlier[-1].end if earlier else start - pad_s
    return Chunk(max(start - pad_s, previous_end), min(end + pad_s, (end + next_start) / 2))
