"""How long a person waits after pressing stop, wherever in an answer they stop.

instant_feedback.py times one stop, at the end of one answer, and what is left to transcribe there
depends on where the last stretch was cut: Whisper took 0.34 s for 2 s of speech and 1.0 s for 25 s
on a quiet AMD EPYC machine with two cores (a one-off timing). Here the two-minute answer of
pipeline_speed.py is stopped after each of its sentences in turn (from the fourth on), `gap` seconds
after the last word. Each time the audio up to there is fed to the streaming analysis, the worker
is let catch up, as it does in real time on a quiet machine, and finish() is timed: Whisper on
what is left, then the analyses.

Prints, for stops 0.5 s and 1.5 s after the last word: the median, 90th percentile and worst wait
(and apart, for the stops past 96 s, 80 % of the answer's 2-minute target, from where the app hears
ahead at pauses), at how many stops Whisper still had to run, and the CPU the worker took over all
the stops; quiet, then with one core taken by a CPU hog (`while True: pass`).

    python benchmarks/stop_wait.py [--quick]
        --quick: every third stop
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cpu_hog import cpu_hog  # noqa: E402
from pipeline_speed import FILLED, SCRIPT  # noqa: E402
from speech import as_recorded, build_answer  # noqa: E402

from voicecoach.pipeline import Analyzer  # noqa: E402
from voicecoach.streaming import StreamingAnalysis, cpu_seconds  # noqa: E402

GAPS_S = (0.5, 1.5)
NEAR_TARGET_S = 96.0  # 80 % of the 2-minute target: from there the app hears ahead at pauses


def caught_up(analysis: StreamingAnalysis) -> threading.Event:
    """Set whenever the worker waits for more audio (it has looked at all it was given). Wraps the
    worker's condition: the same instrument for any version of the streaming code."""
    event, wake = threading.Event(), analysis._wake
    wait = wake.wait

    def waiting(timeout=None):
        event.set()
        return wait(timeout)

    wake.wait = waiting
    return event


def wait_at_stop(analyzer: Analyzer, pcm: np.ndarray, runs: list[int]) -> tuple[float, int]:
    """Seconds from stop to report, and Whisper's runs in that time. `runs` grows by one per run."""
    analysis = StreamingAnalysis(lambda: analyzer)
    idle = caught_up(analysis)
    analysis.feed(pcm)
    with analysis._wake:  # what the worker did before the whole answer was fed does not count
        idle.clear()
        analysis._wake.notify_all()
    idle.wait()
    before, began = len(runs), time.perf_counter()
    analysis.finish()
    return time.perf_counter() - began, len(runs) - before


def counted(analyzer: Analyzer) -> list[int]:
    model, runs = analyzer.transcriber.model, []
    run = model.transcribe_chunk
    model.transcribe_chunk = lambda *a, **k: runs.append(1) or run(*a, **k)
    return runs


def measure(quick: bool) -> None:
    analyzer = Analyzer.load()
    runs = counted(analyzer)  # loads the model first, as the app's warm-up does
    ends = [k for k in range(4, len(SCRIPT) + 1) if SCRIPT[k - 1][0] not in FILLED][:: 3 if quick else 1]
    for gap in GAPS_S:
        waits, late, left, cpu = [], [], 0, cpu_seconds()
        for k in ends:
            script = SCRIPT[: k - 1] + [(SCRIPT[k - 1][0], gap)]
            pcm = as_recorded(build_answer(script, lead_s=2.0).samples)
            waited, whisper_runs = wait_at_stop(analyzer, pcm, runs)
            waits.append(waited)
            if len(pcm) >= NEAR_TARGET_S * 16000:
                late.append(waited)
            left += whisper_runs > 0
        p50, p90 = np.percentile(waits, [50, 90])
        print(f"stop {gap:g} s after the last word, {len(waits)} stops: wait median {p50:.2f} s, "
              f"90th percentile {p90:.2f} s, worst {max(waits):.2f} s; Whisper ran at stop at {left} stops; "
              f"CPU in all {cpu_seconds() - cpu:.1f} s", flush=True)
        print(f"  of which {len(late)} stops after {NEAR_TARGET_S:g} s: median {np.median(late):.2f} s, "
              f"worst {max(late):.2f} s", flush=True)


def main() -> None:
    quick = "--quick" in sys.argv
    if "--measure" in sys.argv:
        measure(quick)
        return
    for busy in (False, True):
        hog = cpu_hog() if busy else None
        print("\none core busy:" if busy else "\nquiet:", flush=True)
        try:
            subprocess.run([sys.executable, __file__, "--measure"] + (["--quick"] if quick else []), check=True)
        finally:
            if hog is not None:
                hog.kill()
                hog.wait()


if __name__ == "__main__":
    main()
