"""A WAV file that is valid at every moment while it is being written.

The header declares an unknown length (0xFFFFFFFF, the streaming convention FFmpeg reads to the end
of the file) until `close()` writes the real sizes, so a recording cut short by a crash, a kill or a
power cut is still an analysable file holding everything flushed before it. (soundfile writes its
sizes only on close, leaving a header that promises nothing readable.)
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np

_UNKNOWN = 0xFFFFFFFF


def _header(rate: int, channels: int, data_bytes: int) -> bytes:
    riff = _UNKNOWN if data_bytes == _UNKNOWN else 36 + data_bytes
    return (
        b"RIFF" + struct.pack("<I", riff) + b"WAVE"
        + b"fmt " + struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * channels * 2, channels * 2, 16)
        + b"data" + struct.pack("<I", data_bytes)
    )


class StreamingWav:
    """16-bit PCM. `write` appends; `flush` makes what was written survive a crash."""

    def __init__(self, path: Path, rate: int, channels: int = 1):
        self.path, self.rate, self.channels = Path(path), rate, channels
        self._file = self.path.open("wb")
        self._file.write(_header(rate, channels, _UNKNOWN))
        self.frames = 0

    def write(self, block: np.ndarray) -> None:
        pcm = np.asarray(block, dtype="<i2")
        self._file.write(pcm.tobytes())
        self.frames += len(pcm)

    def flush(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())

    def abandon(self) -> None:
        """Close without the final sizes, after a failed write: the header keeps saying "unknown
        length", which `seal` turns into the real one."""
        try:
            self._file.close()  # flushing what is buffered may fail again
        except OSError:
            pass

    def close(self) -> None:
        if self._file.closed:
            return
        self._file.seek(0)
        self._file.write(_header(self.rate, self.channels, self.frames * self.channels * 2))
        self._file.close()


def seal(path: Path) -> None:
    """Give an interrupted recording (unknown length) its real sizes, from the file's length."""
    with Path(path).open("r+b") as handle:
        head = handle.read(44)
        if len(head) < 44 or head[:4] != b"RIFF" or struct.unpack("<I", head[40:44])[0] != _UNKNOWN:
            return
        channels, rate = struct.unpack("<H", head[22:24])[0], struct.unpack("<I", head[24:28])[0]
        data = (os.path.getsize(path) - 44) // (2 * channels) * 2 * channels
        handle.seek(0)
        handle.write(_header(rate, channels, data))
        handle.truncate(44 + data)
