"""Record an answer from the microphone (PortAudio via sounddevice) straight to disk.

Capture happens in PortAudio's callback, which only copies the block and measures it; a writer
thread appends the blocks to a StreamingWav, a few at a time, and flushes every second, so a crash
loses at most about a second and the UI thread never touches audio.
"""

from __future__ import annotations

import itertools
import logging
import math
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np

from voicecoach.audio.quiet import QuietClock, QuietOptions
from voicecoach.audio.wavstream import StreamingWav, seal
from voicecoach.errors import VoicecoachError

log = logging.getLogger("voicecoach")
PREFERRED_RATE = 16000


def sounddevice():
    """sounddevice, or a clear error when the PortAudio library is missing."""
    try:
        import sounddevice as sd
    except OSError:
        raise VoicecoachError(
            "PortAudio is not installed, so nothing can be recorded (Debian/Ubuntu: "
            "apt-get install libportaudio2; macOS: brew install portaudio)"
        ) from None
    return sd


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    default_rate: float
    is_default: bool


def input_devices() -> list[InputDevice]:
    sd = sounddevice()
    try:
        default = sd.default.device[0]
        return [
            InputDevice(i, d["name"], d["default_samplerate"], i == default)
            for i, d in enumerate(sd.query_devices())
            if d["max_input_channels"] > 0
        ]
    except sd.PortAudioError as exc:
        raise VoicecoachError(f"cannot list audio devices: {exc}") from None


@dataclass(frozen=True)
class RecorderOptions:
    device: Optional[int | str] = None  # None: the system's default input
    # Each block wakes the callback's thread: at 0.05 s it took 1.44 s of CPU over a 115-s answer,
    # 0.82 s at 0.1 s (benchmarks/instant_feedback.py's answer, a one-off per-thread count).
    block_s: float = 0.1
    flush_s: float = 1.0
    # The callback hands blocks to the writer thread this much at a time: every wake of a thread
    # costs CPU (0.4-1.6 ms each on the project's 2-core VM), and 0.05-s blocks were 20 wakes a second.
    hand_over_s: float = 0.2
    quiet: QuietOptions = QuietOptions()  # what counts toward the live "current silence"
    max_s: float = 900.0  # a recording stops growing here (15 min: longer is no interview answer)


@dataclass(frozen=True)
class RecorderStatus:
    elapsed_s: float
    level_dbfs: float
    silence_s: float  # how long the input has been quiet, right now
    overflows: int
    error: Optional[str]  # the device stopped or vanished mid-answer


@dataclass(frozen=True)
class Recording:
    path: Path
    duration_s: float
    rate: int
    overflows: int
    error: Optional[str] = None


# A stream factory takes sounddevice.InputStream's keyword arguments and returns an object with
# start(), stop(), close(); tests and `--input-file` pass a FileInput instead of the microphone.
StreamFactory = Callable[..., Any]


class Recorder:
    def __init__(self, path: Path, options: RecorderOptions = RecorderOptions(),
                 stream_factory: Optional[StreamFactory] = None,
                 listener: Optional[Callable[[np.ndarray, int], None]] = None):
        """`listener` gets every block (int16) and the rate on the writer thread, after it is on
        disk: the streaming analysis feeds on it without adding work to PortAudio's callback."""
        self.path = Path(path)
        self.options = options
        self._factory = stream_factory
        self._listener = listener
        self._queue: queue.Queue = queue.Queue()
        self._frames = 0
        self._gathered: list[np.ndarray] = []  # blocks not yet handed to the writer
        self._level = -120.0
        self._quiet = QuietClock(options.quiet)
        self._overflows = 0
        self._error: Optional[str] = None
        self._saved_s: Optional[float] = None  # set when a write fails: what reached the disk
        self._stream = None
        self._writer: Optional[threading.Thread] = None
        self._stopping = False
        self.rate = PREFERRED_RATE

    # -- PortAudio's thread -------------------------------------------------------------------
    def _callback(self, indata, frames, _time, status) -> None:
        if status and getattr(status, "input_overflow", False):
            self._overflows += 1
        if self._saved_s is not None:
            return  # the disk refused the recording: the clock stops with it
        room = int(self.options.max_s * self.rate) - self._frames
        if room <= 0:
            self._error = self._error or f"reached the {self.options.max_s / 60:.0f}-minute limit; recording stopped"
            return
        block = indata[:, 0].copy() if indata.ndim == 2 else indata.copy()
        block, frames = block[:room], min(frames, room)
        self._gathered.append(block)
        if sum(len(b) for b in self._gathered) >= self.options.hand_over_s * self.rate:
            self._hand_over()
        self._frames += frames
        rms = math.sqrt(float(np.mean(block.astype(np.float64) ** 2))) / 32768.0
        self._level = 20 * math.log10(rms) if rms > 0 else -120.0
        self._quiet.add(self._level, frames / self.rate)

    def _hand_over(self) -> None:
        if self._gathered:
            self._queue.put(np.concatenate(self._gathered))
            self._gathered = []

    def _finished(self) -> None:
        if self._stream is not None and not self._stopping:
            self._error = "the input device stopped (unplugged?); what was recorded is kept"

    # -- writer thread -----------------------------------------------------------------------
    def _write(self, wav: StreamingWav) -> None:
        last_flush = time.monotonic()
        failure: Optional[OSError] = None
        while True:
            block = self._queue.get()
            if block is None:
                break
            if failure is not None:
                continue  # drain the queue; nothing more reaches the disk
            try:
                wav.write(block)
                if time.monotonic() - last_flush >= self.options.flush_s:
                    wav.flush()
                    last_flush = time.monotonic()
            except OSError as exc:
                failure = exc
                self._stopped_writing(wav, exc)
                continue
            if self._listener is not None:
                self._listener(block, self.rate)
        if failure is None:
            try:
                wav.close()
            except OSError as exc:
                self._stopped_writing(wav, exc)

    def _stopped_writing(self, wav: StreamingWav, exc: OSError) -> None:
        """The disk is full (or gone): stop at once, keep what reached the disk as a valid WAV,
        and say how much that is."""
        wav.abandon()
        try:
            seal(self.path)
        except OSError:
            pass  # the header still says "read to the end of the file"
        self._saved_s = max(0.0, (_file_size(self.path) - 44) / (2 * self.rate))
        self._error = (f"cannot write the recording ({exc.strerror or exc}): {self._saved_s:.1f} s saved; "
                       "free some disk space and record again")

    # -- the UI's side -----------------------------------------------------------------------
    def _choose_rate(self) -> int:
        if self._factory is not None:
            return PREFERRED_RATE
        sd = sounddevice()
        try:
            sd.check_input_settings(self.options.device, channels=1, dtype="int16", samplerate=PREFERRED_RATE)
            return PREFERRED_RATE
        except Exception:
            # The device cannot do 16 kHz: record at its own rate; decoding resamples.
            info = sd.query_devices(self.options.device, "input")
            return int(info["default_samplerate"])

    def start(self) -> None:
        self._stopping = False
        try:
            self.rate = self._choose_rate()
            factory = self._factory or sounddevice().InputStream
            self._stream = factory(
                device=self.options.device, channels=1, dtype="int16", samplerate=self.rate,
                blocksize=int(self.rate * self.options.block_s), callback=self._callback,
                finished_callback=self._finished,
            )
        except VoicecoachError:
            raise
        except Exception as exc:  # PortAudioError, ValueError (no such device), OSError
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "device -1" in reason:  # PortAudio's way of saying there is no default input at all
                raise VoicecoachError(
                    "no input device found: connect a microphone, run `voicecoach devices` to pick one, "
                    "or start with --input-file FILE"
                ) from None
            raise VoicecoachError(f"cannot open the microphone: {reason} (see: voicecoach devices)") from None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        wav = StreamingWav(self.path, self.rate)
        self._writer = threading.Thread(target=self._write, args=(wav,), name="voicecoach-writer", daemon=True)
        self._writer.start()
        try:
            self._stream.start()
        except Exception as exc:
            self._queue.put(None)
            self._writer.join()
            raise VoicecoachError(f"cannot start recording: {str(exc).splitlines()[0]}") from None

    @property
    def status(self) -> RecorderStatus:
        return RecorderStatus(self._frames / self.rate, self._level, self._quiet.quiet_s, self._overflows, self._error)

    def stop(self) -> Recording:
        self._stopping = True
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            except Exception as exc:  # the device vanished: keep what was written
                self._error = self._error or f"the input device failed: {exc}"
        if self._writer is not None:
            self._hand_over()  # the stream is stopped: no callback runs any more
            self._queue.put(None)
            self._writer.join()
        seconds = self._saved_s if self._saved_s is not None else self._frames / self.rate
        return Recording(self.path, seconds, self.rate, self._overflows, self._error)

    def discard(self) -> None:
        self.stop()
        self.path.unlink(missing_ok=True)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


DEVICE_BUFFER_S = 0.2  # about what PortAudio buffers on ALSA at its default (high) input latency


class FileInput:
    """An input stream that plays a 16-bit mono PCM array into the recorder's callback, at `speed`
    times real time (1.0: as a microphone would). For `--input-file`, tests and benchmarks.
    `then_silence`: after the file, go on delivering silence until stopped, as a microphone in a
    quiet room does (`--input-file`); otherwise the stream stays open but delivers nothing more."""

    def __init__(self, samples: np.ndarray, speed: float = 1.0, then_silence: bool = False, **stream_args):
        self.samples = np.asarray(samples, dtype=np.int16)
        self.speed = speed
        self.then_silence = then_silence
        self.samplerate = stream_args["samplerate"]
        self.blocksize = stream_args["blocksize"]
        self.callback = stream_args["callback"]
        self.finished_callback = stream_args.get("finished_callback")
        self._stop = threading.Event()
        self.fed = threading.Event()  # set once every sample went to the callback
        self.max_lag_s = 0.0  # how late a block reached the callback, at worst
        self.late_blocks = 0  # blocks later than a device's buffer holds: what would be overflows
        self._thread = threading.Thread(target=self._run, name="voicecoach-file-input", daemon=True)

    def _run(self) -> None:
        began = time.monotonic()
        block_s = self.blocksize / self.samplerate / self.speed
        silence = np.zeros((self.blocksize, 1), np.int16)
        for i in itertools.count():
            first = i * self.blocksize
            if first >= len(self.samples) and not self.fed.is_set():
                self.fed.set()
                if not self.then_silence:
                    break
            if self._stop.is_set():
                return
            lag = time.monotonic() - (began + i * block_s)
            self.max_lag_s = max(self.max_lag_s, lag)
            self.late_blocks += lag > DEVICE_BUFFER_S
            block = self.samples[first : first + self.blocksize][:, None] if first < len(self.samples) else silence
            self.callback(block, len(block), None, None)
            # Paced by the clock, not by the work: a late block is followed at once by the next.
            self._stop.wait(max(0.0, began + (i + 1) * block_s - time.monotonic()))
        self._stop.wait()  # the stream stays open, delivering nothing

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def close(self) -> None:
        pass
