import json
import subprocess
import sys
import time
from functools import partial

import numpy as np
import pytest
import soundfile as sf

from voicecoach.audio.decode import load_audio
from voicecoach.audio.recorder import FileInput, Recorder, RecorderOptions
from voicecoach.audio.wavstream import seal
from voicecoach.errors import VoicecoachError


def pcm(seconds_loud: float, seconds_quiet: float) -> np.ndarray:
    t = np.arange(int(seconds_loud * 16000)) / 16000
    loud = (8000 * np.sin(2 * np.pi * 220 * t)).astype(np.int16)
    return np.concatenate([loud, np.zeros(int(seconds_quiet * 16000), np.int16)])


def wait_for(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def played(path, samples: np.ndarray) -> Recorder:
    """A recorder that has taken every sample of `samples` from a file input 20 times real time."""
    stream = {}

    def factory(**kwargs):
        stream["it"] = FileInput(samples, speed=20.0, **kwargs)
        return stream["it"]

    recorder = Recorder(path, RecorderOptions(), factory)
    recorder.start()
    wait_for(stream["it"].fed.is_set)
    return recorder


def test_recording_lands_on_disk_sample_for_sample(tmp_path):
    samples = pcm(1.0, 2.5)
    recorder = played(tmp_path / "a.wav", samples)
    status = recorder.status
    assert status.elapsed_s == pytest.approx(3.5, abs=0.05)
    assert status.silence_s == pytest.approx(2.5, abs=0.06)  # the quiet tail, measured live
    assert status.level_dbfs < -100 and status.overflows == 0
    recording = recorder.stop()
    assert recording.duration_s == pytest.approx(3.5, abs=0.05) and recording.error is None
    written, rate = sf.read(tmp_path / "a.wav", dtype="int16")
    assert rate == 16000 and np.array_equal(written, samples)


def test_the_writer_takes_the_blocks_a_few_at_a_time_and_loses_none(tmp_path):
    """Each 50-ms block woke the writer thread (and, through the listener, the streaming worker):
    they are handed over 0.2 s at a time, the last ones at stop, every sample in order."""
    samples = pcm(1.0, 2.53)  # not a whole number of hand-overs
    heard: list[np.ndarray] = []
    stream = {}

    def factory(**kwargs):
        stream["it"] = FileInput(samples, speed=20.0, **kwargs)
        return stream["it"]

    recorder = Recorder(tmp_path / "a.wav", RecorderOptions(), factory,
                        listener=lambda block, rate: heard.append(block))
    recorder.start()
    wait_for(stream["it"].fed.is_set)
    recorder.stop()
    assert np.array_equal(np.concatenate(heard), samples)
    assert len(heard) == int(np.ceil(len(samples) / 3200))  # 0.2 s at 16 kHz, the rest at stop
    written, _ = sf.read(tmp_path / "a.wav", dtype="int16")
    assert np.array_equal(written, samples)


def test_a_killed_recording_keeps_what_was_flushed(tmp_path):
    """A recorder process killed mid-answer leaves a WAV that decodes up to the last flush."""
    script = f"""
import time, numpy as np
from functools import partial
from voicecoach.audio.recorder import FileInput, Recorder, RecorderOptions
samples = (8000 * np.sin(np.arange(16000 * 60) / 5)).astype(np.int16)
recorder = Recorder({str(tmp_path / 'killed.wav')!r}, RecorderOptions(flush_s=0.2), partial(FileInput, samples, speed=1.0))
recorder.start()
print("started", flush=True)
time.sleep(60)
"""
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "started"
    path = tmp_path / "killed.wav"
    # Killed once 1.2 s is on disk (waiting for the file, not for a time: a busy machine is slow).
    wait_for(lambda: path.exists() and path.stat().st_size >= 44 + 2 * int(1.2 * 16000), timeout=120)
    on_disk = (path.stat().st_size - 44) // 2 / 16000
    child.kill()
    child.wait()
    recovered = load_audio(path).duration
    assert on_disk <= recovered <= on_disk + 1.0  # all that was flushed, and at most a flush more
    seal(tmp_path / "killed.wav")
    assert sf.info(tmp_path / "killed.wav").duration == pytest.approx(recovered, abs=0.01)


class VanishingStream(FileInput):
    """A device unplugged mid-answer: the stream finishes on its own, and stop() fails."""

    def _run(self):
        self.callback(self.samples[:1600][:, None], 1600, None, None)
        self.finished_callback()
        self.fed.set()

    def stop(self):
        raise RuntimeError("Stream is stopped [PaErrorCode -9983]")


def test_a_device_that_disappears_keeps_the_recording_and_says_so(tmp_path):
    recorder = Recorder(tmp_path / "a.wav", RecorderOptions(), partial(VanishingStream, pcm(1.0, 0.0)))
    recorder.start()
    wait_for(lambda: recorder.status.error is not None)
    assert "input device stopped" in recorder.status.error
    recording = recorder.stop()
    assert recording.error and recording.duration_s == pytest.approx(0.1)
    assert sf.info(tmp_path / "a.wav").frames == 1600


def test_no_such_device(tmp_path):
    def factory(**kwargs):
        raise ValueError("No input device matching 'USB mic'")

    with pytest.raises(VoicecoachError, match="cannot open the microphone: No input device matching 'USB mic'"):
        Recorder(tmp_path / "a.wav", RecorderOptions(device="USB mic"), factory).start()
    assert not (tmp_path / "a.wav").exists()


def test_overflows_are_counted(tmp_path):
    class Status:
        input_overflow = True

    recorder = Recorder(tmp_path / "a.wav")
    recorder.rate = 16000
    recorder._callback(np.zeros((800, 1), np.int16), 800, None, Status())
    recorder._callback(np.zeros((800, 1), np.int16), 800, None, None)
    assert recorder.status.overflows == 1


def test_without_portaudio_recording_says_what_to_install(tmp_path):
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "sounddevice.py").write_text("raise OSError('PortAudio library not found')\n")
    script = """
from voicecoach.audio.recorder import Recorder
from voicecoach.errors import VoicecoachError
try:
    Recorder('/tmp/x.wav').start()
except VoicecoachError as e:
    print(e)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={"PYTHONPATH": str(fake), "PATH": "/usr/bin:/bin"})
    assert "PortAudio is not installed" in result.stdout and "libportaudio2" in result.stdout


def test_a_full_disk_stops_the_recording_at_once_and_keeps_what_was_written(tmp_path):
    """The file may not grow past 2 s of audio (RLIMIT_FSIZE: the kernel refuses the write, as on
    a full disk). The recorder says so while recording, stops its clock, and what reached the disk
    decodes sample for sample."""
    limit = 44 + 2 * 16000 * 2
    script = f"""
import json, resource, signal
from functools import partial
import numpy as np
from voicecoach.audio.recorder import FileInput, Recorder, RecorderOptions
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write is an error, not a kill
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
samples = (8000 * np.sin(np.arange(16000 * 6) / 5)).astype(np.int16)
stream = {{}}
def factory(**kwargs):
    stream["it"] = FileInput(samples, speed=5.0, **kwargs)
    return stream["it"]
recorder = Recorder({str(tmp_path / 'full.wav')!r}, RecorderOptions(flush_s=0.2), factory)
recorder.start()
while recorder.status.error is None and not stream["it"].fed.is_set():
    stream["it"].fed.wait(0.01)
status = recorder.status
stream["it"].fed.wait()
recording = recorder.stop()
print(json.dumps({{"live_error": status.error, "elapsed": status.elapsed_s,
                  "elapsed_after": recorder.status.elapsed_s,
                  "error": recording.error, "seconds": recording.duration_s}}))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["live_error"] and "cannot write the recording" in seen["live_error"]
    assert seen["seconds"] == pytest.approx(2.0, abs=0.1) and f"{seen['seconds']:.1f} s saved" in seen["error"]
    assert seen["elapsed_after"] == seen["elapsed"] < 6  # the clock stopped with the disk
    written, rate = sf.read(tmp_path / "full.wav", dtype="int16")
    expected = (8000 * np.sin(np.arange(16000 * 6) / 5)).astype(np.int16)
    assert len(written) / rate == pytest.approx(seen["seconds"], abs=0.01)
    assert np.array_equal(written, expected[: len(written)])


def test_an_input_file_goes_on_like_a_microphone_in_a_quiet_room(tmp_path):
    """`--input-file`: after the file, silence keeps coming until stop, so the clock and the silence
    counter run on and the live analysis sees the answer end."""
    samples = pcm(1.0, 0.0)
    stream = {}

    def factory(**kwargs):
        stream["it"] = FileInput(samples, speed=20.0, then_silence=True, **kwargs)
        return stream["it"]

    recorder = Recorder(tmp_path / "a.wav", RecorderOptions(), factory)
    recorder.start()
    wait_for(lambda: recorder.status.elapsed_s >= 2.5)
    assert stream["it"].fed.is_set() and recorder.status.silence_s >= 1.0
    recording = recorder.stop()
    written, _ = sf.read(tmp_path / "a.wav", dtype="int16")
    assert recording.duration_s >= 2.5 and len(written) == round(recording.duration_s * 16000)
    assert np.array_equal(written[: len(samples)], samples) and not written[len(samples):].any()
