"""Decode any audio file PyAV (FFmpeg) reads into 16 kHz mono samples, refusing bad input clearly.

The analysis holds a file of 16-bit samples at 16 kHz in one channel (what the recorder writes) as
its 16-bit samples: half the memory of float32, 59 MB less on a 31-minute answer. Every reader of
an answer's samples takes the pieces it reads through `pcm_float`: the float32 the app reads a
microphone as (int16 / 32768, exactly what FFmpeg's conversion gives), so either form gives the
same report."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import av
import numpy as np

from voicecoach.errors import VoicecoachError

SAMPLE_RATE = 16000
# Containers report durations rounded to their own clocks; a file that decodes this much shorter
# than its header says was cut off.
_TRUNCATION_SLACK_S = 0.25


@dataclass
class Audio:
    samples: np.ndarray  # mono, SAMPLE_RATE: float32, or int16 as the file holds them (read with pcm_float)
    source: str = ""

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def _declared_duration(container: "av.container.InputContainer", stream: "av.AudioStream") -> Optional[float]:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def _wav_header_seconds(path: Path) -> Optional[float]:
    """What a RIFF/WAVE header promises. FFmpeg sizes WAV data by the file's length, so a file cut
    short (a crashed recorder, a partial copy) would otherwise pass as a shorter recording."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    pos, byte_rate = 12, 0
    while pos + 8 <= len(head):
        chunk, size = head[pos : pos + 4], struct.unpack("<I", head[pos + 4 : pos + 8])[0]
        if chunk == b"fmt " and pos + 20 <= len(head):
            byte_rate = struct.unpack("<I", head[pos + 16 : pos + 20])[0]
        if chunk == b"data":
            # 0 and 0xFFFFFFFF mean "unknown" (streaming writers); nothing is promised then.
            return size / byte_rate if byte_rate and 0 < size < 0xFFFFFFFF else None
        pos += 8 + size + (size & 1)
    return None


def load_audio(path: str | Path, max_duration_s: Optional[float] = None, keep_16_bit: bool = False) -> Audio:
    """`keep_16_bit`: a file of 16-bit samples at 16 kHz in one channel gives them as they are
    (int16); otherwise, and for any other file, float32."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise VoicecoachError(f"{name}: no such file")
    if path.is_dir():
        raise VoicecoachError(f"{name}: is a folder, not an audio file")
    if path.stat().st_size == 0:
        raise VoicecoachError(f"{name}: the file is empty")
    try:
        container = av.open(name, mode="r", metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise VoicecoachError(f"{name}: not a readable audio file ({_reason(exc)})") from None
    with container:
        if not container.streams.audio:
            raise VoicecoachError(f"{name}: has no audio stream")
        stream = container.streams.audio[0]
        if stream.codec_context is None:
            raise VoicecoachError(f"{name}: unsupported audio codec (FFmpeg has no decoder for it)")
        declared = _wav_header_seconds(path) or _declared_duration(container, stream)
        if max_duration_s and declared and declared > max_duration_s:
            raise VoicecoachError(
                f"{name}: {declared / 60:.1f} min long; answers up to {max_duration_s / 60:.0f} min "
                "are analysed (raise max_duration_s in config.toml for longer files)"
            )
        samples = _decode(container, stream, name, declared or 0.0, keep_16_bit)

    duration = len(samples) / SAMPLE_RATE
    if len(samples) == 0:
        raise VoicecoachError(f"{name}: no audio could be decoded from the file")
    if declared and duration < declared - _TRUNCATION_SLACK_S:
        raise VoicecoachError(
            f"{name}: truncated: its header promises {declared:.1f} s but only {duration:.1f} s "
            "could be decoded"
        )
    if max_duration_s and duration > max_duration_s:
        raise VoicecoachError(
            f"{name}: {duration / 60:.1f} min long; answers up to {max_duration_s / 60:.0f} min are analysed"
        )
    return Audio(samples, name)


def pcm_float(samples: np.ndarray) -> np.ndarray:
    """`samples` as float32 in [-1, 1]: 16-bit samples divided by 32768, float32 ones as they are."""
    if samples.dtype == np.int16:
        return samples.astype(np.float32) / np.float32(32768)
    return samples


def _holds_16_bit_pcm(stream) -> bool:
    context = stream.codec_context
    return (context.sample_rate == SAMPLE_RATE and context.channels == 1
            and context.format is not None and context.format.name in ("s16", "s16p"))


class GrowingSamples:
    """Samples appended into one array that doubles when full. Room reserved but never
    written takes no memory (the kernel maps pages on first write), so room for a whole answer is
    reserved up front: a 30-minute file decoded as thousands of small frames would otherwise sit in
    memory twice (the frames, then their concatenation), and the freed frames stay in the heap."""

    def __init__(self, expected: int, dtype: type = np.float32):
        self._data = np.empty(max(expected, SAMPLE_RATE), dtype=dtype)
        self.size = 0

    def append(self, block: np.ndarray) -> None:
        if self.size + len(block) > len(self._data):
            grown = np.empty(max(2 * len(self._data), self.size + len(block)), dtype=self._data.dtype)
            grown[: self.size] = self._data[: self.size]
            self._data = grown
        self._data[self.size : self.size + len(block)] = block
        self.size += len(block)

    def samples(self) -> np.ndarray:
        """What has arrived, without a copy: appending later never changes it."""
        return self._data[: self.size]


def to_sample_rate(rate: int):
    """A resampler from `rate` to SAMPLE_RATE that takes audio piece by piece (soxr's, whose output
    does not depend on the pieces): the app resamples a microphone at another rate with it as it
    records, and decoding a file with it gives the same samples, so the same report."""
    import soxr

    return soxr.ResampleStream(rate, SAMPLE_RATE, 1, dtype="float32")


def _decode(container, stream, name: str, declared_s: float, keep_16_bit: bool) -> np.ndarray:
    rate = stream.codec_context.sample_rate or SAMPLE_RATE
    # 16-bit mono at 16 kHz stays as it is; anything else FFmpeg makes mono float32 at the file's
    # own rate (int16 / 32768, as the app reads a microphone), and soxr takes it to 16 kHz.
    as_is = keep_16_bit and _holds_16_bit_pcm(stream)
    mono = av.AudioResampler(format="s16" if as_is else "flt", layout="mono", rate=rate)
    to_16k = to_sample_rate(rate) if rate != SAMPLE_RATE else None
    # Room for what the header declares (pages never written take no memory), at most 4 hours.
    samples = GrowingSamples(int(min(declared_s, 4 * 3600) * SAMPLE_RATE) + SAMPLE_RATE,
                             np.int16 if as_is else np.float32)

    def add(block: np.ndarray, last: bool = False) -> None:
        samples.append(to_16k.resample_chunk(block, last=last) if to_16k is not None else block)

    try:
        for frame in container.decode(stream):
            for out in mono.resample(frame):
                add(out.to_ndarray().reshape(-1))
        for out in mono.resample(None):
            add(out.to_ndarray().reshape(-1))
        add(np.zeros(0, samples.samples().dtype), last=True)
    except av.error.DecoderNotFoundError:
        raise VoicecoachError(f"{name}: unsupported audio codec {stream.codec_context.name!r}") from None
    except (av.error.FFmpegError, ValueError) as exc:
        raise VoicecoachError(f"{name}: corrupt audio ({_reason(exc)})") from None
    return samples.samples()


def _reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text.split(": '")[0].strip() or type(exc).__name__
