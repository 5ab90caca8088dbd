"""How long the input has been quiet, right now: the live "current silence" counter and the live
cues. Judged against the input's own levels, not a fixed dBFS: a microphone turned down puts a
whole answer under -45 dBFS (the counter ran on through the speech and warned of a long pause),
and a noisy room keeps its silences over it (the counter never ran)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class QuietOptions:
    above_noise_db: float = 6.0  # a block this far over the quiet blocks' level holds sound ...
    under_speech_db: float = 20.0  # ... if not this far under the loud blocks' level either
    memory_s: float = 30.0  # the levels judged against: the last this many seconds
    # Until the blocks' levels spread this much, the input has held only one kind of sound (speech
    # from the first block, or the room before it): quiet then means neither `above_noise_db` over
    # what came before nor over `alone_dbfs`, a level room noise seldom reaches and a voice seldom
    # stays under.
    contrast_db: float = 10.0
    alone_dbfs: float = -30.0


class QuietClock:
    """Fed each block's level as it arrives (PortAudio's callback), says how long the input has
    been quiet. The noise level is the 10th percentile of the blocks in memory, the speech level
    the 95th (a few hundred numbers: judged again at every block)."""

    def __init__(self, options: QuietOptions = QuietOptions()):
        self.options = options
        self._blocks: deque[tuple[float, float]] = deque()  # (level dBFS, seconds)
        self._memory_s = 0.0
        self.quiet_s = 0.0

    def add(self, level_db: float, seconds: float) -> float:
        """A block of `seconds` at `level_db` (dBFS); returns how long the input has been quiet."""
        o = self.options
        self._blocks.append((level_db, seconds))
        self._memory_s += seconds
        while self._memory_s > o.memory_s and len(self._blocks) > 1:
            self._memory_s -= self._blocks.popleft()[1]
        noise_db, speech_db = np.percentile([level for level, _ in self._blocks], [10, 95])
        if speech_db - noise_db < o.contrast_db:
            threshold_db = min(o.alone_dbfs, speech_db + o.above_noise_db)
        else:
            threshold_db = max(noise_db + o.above_noise_db, speech_db - o.under_speech_db)
        self.quiet_s = self.quiet_s + seconds if level_db < threshold_db else 0.0
        return self.quiet_s
