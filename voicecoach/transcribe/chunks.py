"""Cut an answer into stretches Whisper transcribes one at a time, at silences the VAD found.

Each stretch fits one 30-s Whisper window, so the short filler prompt conditions all of the answer
(faster-whisper uses an initial prompt for its first window only), and silence with no speech in it
is never shown to the model (where it invents "Thank you." and "Okay.").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from voicecoach.options import StreamCutOptions

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
    for start, end in speech:
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


def choose_cut(speech: Sequence[tuple[float, float]], pending_s: float,
               options: StreamCutOptions = StreamCutOptions()) -> Optional[float]:
    """Where to cut the pending audio (seconds from its start), or None to wait for more.

    `speech`: the speech regions found in the pending audio. The cut goes in the middle of the
    longest silence of at least cut_silence_s after the first min_stretch_s (the latest of
    equals), so no word is cut and a
    stretch never ends just after a short sound Whisper would drop at its edge; a silence still
    running at the end is cut PAD_S after its start (the rest belongs to what comes next). Past max_chunk_s with
    no such silence, it goes before the speech region under that point, which keeps that region
    whole for the next stretch; only a single region longer than the whole chunk is cut inside.
    """
    if pending_s < options.min_chunk_s:
        return None
    gaps = [(a[1], b[0]) for a, b in zip(speech, speech[1:])]
    if speech:
        gaps.append((speech[-1][1], pending_s))
    usable = [(s, e) for s, e in gaps
              if e - s >= options.cut_silence_s and s > 0 and (s + e) / 2 >= options.min_stretch_s]
    if usable:
        start, end = max(reversed(usable), key=lambda gap: gap[1] - gap[0])
        return start + PAD_S if end >= pending_s - 1e-6 else (start + end) / 2
    if not speech:
        return pending_s  # nothing but silence so far
    if pending_s < options.max_chunk_s:
        return None
    limit = options.max_chunk_s
    under = [r for r in speech if r[0] < limit <= r[1] or r[0] >= limit]
    first_late = under[0] if under else None
    if first_late is not None and first_late[0] > 0:
        earlier = [r for r in speech if r[1] <= first_late[0]]
        return (earlier[-1][1] + first_late[0]) / 2 if earlier else first_late[0]
    return limit
