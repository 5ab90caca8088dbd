"""Memory on a long recording: a 30-minute answer (the two-minute benchmark answer, 15 times over)
analysed after stop, in a fresh process. The whole file is held once, as the 16-bit samples the
recorder writes (59 MB); nothing else may grow with its length. Goal: peak RSS <= 450 MB.

    python benchmarks/long_recording.py [--minutes 30]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline_speed import PEAK, SCRIPT  # noqa: E402
from speech import build_answer  # noqa: E402

CHILD = f"""
import sys, time
from dataclasses import replace
from voicecoach.pipeline import Analyzer
from voicecoach.settings import load_settings
settings = load_settings()
settings = replace(settings, transcription=replace(settings.transcription, max_duration_s=7200.0))
analyzer = Analyzer.load(settings=settings)
began = time.perf_counter()
report = analyzer.analyze_file(sys.argv[1])
print(f"{{time.perf_counter() - began:.1f}} {{report.metrics.word_count}} {{{PEAK}:.0f}}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    args = parser.parse_args()
    answer = build_answer(SCRIPT, lead_s=2.0).samples
    copies = int(np.ceil(args.minutes * 60 / (len(answer) / 16000)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.wav"
        with sf.SoundFile(path, "w", 16000, 1, "PCM_16") as out:  # written piece by piece
            for _ in range(copies):
                out.write(answer)
        seconds = copies * len(answer) / 16000
        result = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True)
        wall, words, peak = result.stdout.split()
    print(f"{seconds / 60:.0f}-minute recording: analysed in {float(wall):.0f} s, {words} words, "
          f"peak RSS {peak} MB  (goal <= 450 MB)")


if __name__ == "__main__":
    main()
