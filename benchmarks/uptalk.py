"""Uptalk against known rises: answers in three voices and two speaking rates whose pitch Praat
resynthesized to falling statements, with a rise added over the last 0.5 s of chosen sentences.

    python benchmarks/uptalk.py

Each voice speaks at three rates, resynthesized at a low (120 Hz) and a high (210 Hz) base.
Prints, per voice: the rises added, how many were found within 0.3 s of their end, how many rises
were reported on untouched sentences, and how many of the risen sentences Whisper did not end with a
full stop (a rise inside an answer often makes it write a comma: then the sentence is not judged).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from speech import Voice, build_answer  # noqa: E402
from test_delivery import RISEN, SENTENCES, TOLERANCE_S, contour, resynthesized  # noqa: E402

from voicecoach.audio.decode import SAMPLE_RATE  # noqa: E402
from voicecoach.pipeline import Analyzer  # noqa: E402

VOICES = {"piper joe": Voice("piper"), "espeak-ng en-us": Voice("espeak", name="en-us"),
          "flite slt": Voice("flite", name="slt")}
RATES = (0.85, 1.0, 1.2)
BASES_HZ = (120.0, 210.0)  # a low and a high voice


def main() -> None:
    analyzer = Analyzer.load()
    print("| voice | rises added | found within 0.3 s | rises on untouched sentences | "
          "risen sentences not ended with a full stop |")
    print("|---|---|---|---|---|")
    totals = np.zeros(4, int)
    for name, base in VOICES.items():
        row = np.zeros(4, int)
        for rate in RATES:
            for base_hz in BASES_HZ:
                voice = Voice(base.engine, rate, base.name)
                answer = build_answer([(s, 0.6) for s in SENTENCES], lead_s=0.8, voice=voice)
                samples = resynthesized(np.pad(answer.samples, (0, SAMPLE_RATE)), contour(answer.spoken, base_hz))
                report = analyzer.analyze_samples(samples)
                rises = report.delivery.rises
                for i, said in enumerate(answer.spoken):
                    near = [r for r in rises if abs(r.end - said.end) <= TOLERANCE_S]
                    if i in RISEN:
                        row[0] += 1
                        row[1] += bool(near)
                        ended = [w for w in report.words if abs(w.end - said.end) <= TOLERANCE_S]
                        row[3] += not any(w.text.endswith((".", "!")) for w in ended)
                    else:
                        row[2] += len(near)
        totals += row
        print(f"| {name} | {row[0]} | {row[1]} | {row[2]} | {row[3]} |")
    print(f"| all | {totals[0]} | {totals[1]} ({totals[1] / totals[0]:.0%}) | {totals[2]} | {totals[3]} |")


if __name__ == "__main__":
    main()
