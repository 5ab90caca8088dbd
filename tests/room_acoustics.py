"""Rooms for test audio: a recording played where a person sits and picked up by a microphone
elsewhere in a shoebox room (pyroomacoustics' image-source model, the walls absorbing what
Sabine's formula gives for the room's reverberation time).

The impulse response is computed in a child process: importing pyroomacoustics (and scipy) costs
75 MB, which the test suite's one process need not keep."""

from __future__ import annotations

import functools
import io
import subprocess
import sys
from dataclasses import dataclass

import numpy as np

from voicecoach.audio.decode import SAMPLE_RATE

_SIMULATE = """
import sys
import numpy as np
import pyroomacoustics as pra
rate, rt60, *at = map(float, sys.argv[1:])
size, talker, mic = at[0:3], at[3:6], at[6:9]
absorption, max_order = pra.inverse_sabine(rt60, size)
room = pra.ShoeBox(size, fs=int(rate), materials=pra.Material(absorption), max_order=min(max_order, 30))
room.add_source(talker)
room.add_microphone(mic)
room.compute_rir()
np.save(sys.stdout.buffer, np.asarray(room.rir[0][0], dtype=np.float64))
"""


@dataclass(frozen=True)
class Room:
    rt60_s: float
    size_m: tuple[float, float, float]
    talker_m: tuple[float, float, float]
    mic_m: tuple[float, float, float]

    @functools.lru_cache
    def impulse_response(self) -> np.ndarray:
        numbers = [SAMPLE_RATE, self.rt60_s, *self.size_m, *self.talker_m, *self.mic_m]
        out = subprocess.run([sys.executable, "-c", _SIMULATE, *map(str, numbers)], capture_output=True, check=True)
        response = np.load(io.BytesIO(out.stdout))
        return response[int(np.argmax(np.abs(response))) :]  # the direct sound at time 0: times stay as said

    def direct_to_reverberant_db(self) -> float:
        response = self.impulse_response()
        direct = np.sum(response[:40] ** 2)
        return float(10 * np.log10(direct / (np.sum(response**2) - direct)))

    def play(self, samples: np.ndarray) -> np.ndarray:
        """`samples` as the microphone hears them, at the same peak level."""
        response = self.impulse_response()
        size = 1 << int(np.ceil(np.log2(len(samples) + len(response))))
        heard = np.fft.irfft(np.fft.rfft(samples.astype(np.float64), size) * np.fft.rfft(response, size), size)
        heard = heard[: len(samples)]
        return (heard * np.abs(samples).max() / np.abs(heard).max()).astype(np.float32)


OFFICE = (4.0, 3.5, 2.7)
BARE_ROOM = (5.0, 4.0, 2.7)
ROOMS = {
    "office, 0.6 m": Room(0.4, OFFICE, (1.5, 1.5, 1.2), (2.0, 1.8, 1.0)),
    "office, 1.5 m": Room(0.4, OFFICE, (1.0, 1.0, 1.2), (2.4, 1.6, 1.0)),
    "bare room, 1 m": Room(0.8, BARE_ROOM, (1.5, 1.5, 1.2), (2.4, 1.9, 1.0)),
    "bare room, 2.5 m": Room(0.8, BARE_ROOM, (1.0, 1.0, 1.2), (3.4, 1.6, 1.0)),
}
