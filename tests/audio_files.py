"""Write test audio in the formats users bring: WAV, FLAC, OGG, MP3, M4A, at any rate and channels."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import soundfile as sf


def tone(seconds: float, rate: int = 16000, channels: int = 1, freq: float = 220.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    mono = 0.3 * np.sin(2 * np.pi * freq * t).astype(np.float32)
    return np.repeat(mono[:, None], channels, axis=1) if channels > 1 else mono


def write_audio(path: Path, samples: np.ndarray, rate: int) -> Path:
    """WAV/FLAC/OGG through libsndfile; MP3/M4A through FFmpeg's encoders in PyAV."""
    suffix = path.suffix.lower()
    if suffix in (".wav", ".flac", ".ogg"):
        sf.write(path, samples, rate)
        return path
    codec = {".mp3": "libmp3lame", ".m4a": "aac"}[suffix]
    channels = 1 if samples.ndim == 1 else samples.shape[1]
    layout = "mono" if channels == 1 else "stereo"
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout=layout)
        planar = np.ascontiguousarray(samples.reshape(len(samples), channels).T.astype(np.float32))
        frame = av.AudioFrame.from_ndarray(planar, format="fltp", layout=layout)
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path
