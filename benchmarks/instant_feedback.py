"""Instant feedback: how long a person waits after pressing stop on a two-minute answer.

The answer is fed at real-time speed through the recorder code the app uses (FileInput in place of
PortAudio's stream: the virtual ALSA microphone delivers audio unpaced, far faster than real time),
with the streaming analysis listening. At the end, "stop" is pressed and timed until the report is
ready; then the same recording is analysed after stop, as before, and timed. The model is loaded
beforehand in both cases, as the app warms it up while the person reads the question.

Prints the two latencies and their ratio (goals: <= 1.0 s, >= 6x faster), CPU time in total for
each, input overflows (blocks the feeder could not deliver within a device buffer while the worker
transcribed), and how the two results agree; on a quiet machine, then with one core taken by a CPU
hog (`while True: pass`), and with --heavy also under heavy load: the hog and two other processes
transcribing with faster-whisper in a loop (load average about 5).

    python benchmarks/instant_feedback.py [--heavy]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cpu_hog import cpu_hog  # noqa: E402
from pipeline_speed import SCRIPT  # noqa: E402
from speech import as_recorded, build_answer  # noqa: E402

from voicecoach.audio.recorder import FileInput, Recorder, RecorderOptions  # noqa: E402
from voicecoach.pipeline import Analyzer  # noqa: E402
from voicecoach.streaming import StreamingAnalysis, cpu_seconds  # noqa: E402


def main() -> None:
    """Renders the answer (Piper), then measures in a fresh process under each load, so its peak
    memory is the app's: model, recorder, streaming and batch analysis, not the speech synthesizer."""
    if len(sys.argv) == 3 and sys.argv[1] in ("--samples", "--transcribe-in-a-loop"):
        (measure if sys.argv[1] == "--samples" else transcribe_in_a_loop)(np.load(sys.argv[2]))
        return
    answer = build_answer(SCRIPT, lead_s=2.0)
    samples = np.concatenate([answer.samples, np.zeros(8000, np.float32)])  # stop 0.5 s after the last word
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "answer.npy")
        np.save(path, samples)
        for load in ("quiet", "one core busy") + (("heavy load",) if "--heavy" in sys.argv else ()):
            others = []
            if load != "quiet":
                others.append(cpu_hog())
            if load == "heavy load":
                for _ in range(2):
                    others.append(subprocess.Popen([sys.executable, __file__, "--transcribe-in-a-loop", path],
                                                   stdout=subprocess.PIPE, text=True))
                    others[-1].stdout.readline()  # its model is loaded and it transcribes
            print(f"\n{load}:", flush=True)
            try:
                subprocess.run([sys.executable, __file__, "--samples", path], check=True)
            finally:
                for other in others:
                    other.kill()
                    other.wait()


def transcribe_in_a_loop(samples: np.ndarray) -> None:
    """Another program transcribing (the heavy load): plain faster-whisper on the embedded model."""
    model, benchmark = Analyzer.load().transcriber.model, os.getppid()
    print("transcribing", flush=True)
    while os.getppid() == benchmark:  # until the benchmark ends, however it ends
        segments, _ = model.transcribe(samples, language="en", word_timestamps=True)
        list(segments)


def _peak_mb() -> float:
    return int(next(line for line in open("/proc/self/status") if line.startswith("VmHWM")).split()[1]) / 1024


def measure(samples: np.ndarray) -> None:
    pcm = as_recorded(samples)
    analyzer = Analyzer.load()
    analyzer.transcriber.model  # noqa: B018 - loaded before the answer, as the app's warm-up does

    streams = []

    def realtime(**kwargs):
        streams.append(FileInput(pcm, speed=1.0, **kwargs))
        return streams[-1]

    with tempfile.TemporaryDirectory() as tmp:
        stream = StreamingAnalysis(lambda: analyzer)
        recorder = Recorder(Path(tmp) / "answer.wav", RecorderOptions(), realtime, listener=stream.feed)
        recorder.start()
        streams[0].fed.wait()
        pressed = time.perf_counter()
        recording = recorder.stop()
        incremental = stream.finish()
        streaming_wait = time.perf_counter() - pressed
        app_peak = _peak_mb()  # what the app holds: model, recorder and streaming analysis

        cpu_before, pressed = cpu_seconds(), time.perf_counter()
        batch = analyzer.analyze_file(recording.path)
        batch_wait, batch_cpu = time.perf_counter() - pressed, cpu_seconds() - cpu_before

    duration = len(samples) / 16000
    print(f"answer: {duration:.1f} s, fed in real time; {stream.stats.stretches} stretches transcribed")
    print(f"stop-to-report, transcribing while recording: {streaming_wait:.2f} s  (goal <= 1.0 s)")
    print(f"stop-to-report, transcribing after stop:      {batch_wait:.2f} s")
    print(f"ratio: {batch_wait / streaming_wait:.1f}x faster  (goal >= 6x)")
    print(f"CPU time in total: streaming {stream.stats.cpu_s:.1f} s (incl. recording), "
          f"after stop {batch_cpu:.1f} s ({stream.stats.cpu_s / batch_cpu:.2f}x)")
    print(f"peak RSS, model + recorder + streaming analysis (the app): {app_peak:.0f} MB  (goal <= 400 MB); "
          f"with the batch analysis after it in the same process: {_peak_mb():.0f} MB")
    print(f"input overflows: {recording.overflows} reported, {streams[0].late_blocks} blocks later than "
          f"a device buffer (max lag {streams[0].max_lag_s * 1000:.0f} ms)")
    for name, report in (("streaming", incremental), ("after stop", batch)):
        m = report.metrics
        pauses = ", ".join(f"{p.start:.2f}-{p.end:.2f}" for p in report.pauses if p.long)
        print(f"{name:>10}: {m.word_count} words, {m.wpm:.1f} wpm, {m.filler_count} fillers, long pauses {pauses}")


if __name__ == "__main__":
    main()
