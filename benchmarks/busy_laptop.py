"""Transcription on a busy laptop: the same two-minute answer transcribed on a quiet machine and with
one core taken by another program (a `while True: pass` process), with voicecoach's OpenMP spin
limit (GOMP_SPINCOUNT=1000) and with libgomp's default (300,000 spins). Each figure comes from a
fresh process, so the environment variable is read as ctranslate2 loads.

    python benchmarks/busy_laptop.py

Prints wall and CPU seconds of each and the slowdown the busy core causes (its fair share of the CPU
halves, so about 2x is the best to hope for).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from cpu_hog import cpu_hog  # noqa: E402

CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1] + "/tests"); sys.path.insert(0, sys.argv[1] + "/benchmarks")
import numpy as np
from pipeline_speed import SCRIPT
from speech import build_answer
from voicecoach.audio.activity import detect_speech
from voicecoach.pipeline import Analyzer
analyzer = Analyzer.load()
answer = build_answer(SCRIPT, lead_s=2.0)
timeline = detect_speech(answer.samples, analyzer.settings.speech_detection)
analyzer.transcriber.transcribe(answer.samples[: 16000 * 5], [(0.0, 5.0)])  # warm up
wall, cpu = time.perf_counter(), time.process_time()
analyzer.transcriber.transcribe(answer.samples, timeline.heard_spans)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "answer_s": len(answer.samples) / 16000}))
"""


def transcribe(spincount: str) -> dict:
    env = {**os.environ, "GOMP_SPINCOUNT": spincount}
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT)], env=env, capture_output=True, text=True,
                         check=True, timeout=1800).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    figures = {}
    for load in ("quiet", "one core busy"):
        hog = cpu_hog() if load != "quiet" else None
        try:
            for label, spins in (("voicecoach (1,000 spins)", "1000"), ("libgomp default (300,000)", "300000")):
                figures[load, label] = transcribe(spins)
        finally:
            if hog:
                hog.kill()
    answer_s = next(iter(figures.values()))["answer_s"]
    print(f"transcribing a {answer_s:.0f}-s answer (tiny.en, all cores):\n")
    print("| OpenMP spinning | quiet: wall / CPU (s) | one core busy: wall / CPU (s) | slowdown |")
    print("|---|---|---|---|")
    for label in ("voicecoach (1,000 spins)", "libgomp default (300,000)"):
        quiet, busy = figures["quiet", label], figures["one core busy", label]
        print(f"| {label} | {quiet['wall']:.2f} / {quiet['cpu']:.2f} | {busy['wall']:.2f} / {busy['cpu']:.2f} | "
              f"{busy['wall'] / quiet['wall']:.1f}x |")


if __name__ == "__main__":
    main()
