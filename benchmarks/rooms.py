"""Long pauses and filled pauses in rooms the analysis was never tuned on: the accuracy scripts
(benchmarks/accuracy.py) spoken 10 % fast by Piper, espeak-ng, flite and an espeak-ng voice no test
uses (en-us+f3), in a reverberant room (RT60 0.4 s) over a fan's brown noise at -50 dBFS, and in
louder brown noise (-40 dBFS) with no reverb.

    python benchmarks/rooms.py

Prints each answer's long pauses against the truth (a fake long pause is marked FAKE), then long-pause
precision and recall (edges within 0.25 s) and filled pauses found against said.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import BOUNDARY_S, FILLED, SCRIPTS  # noqa: E402
from speech import Voice, build_answer  # noqa: E402

from voicecoach.audio.decode import SAMPLE_RATE  # noqa: E402
from voicecoach.pipeline import Analyzer  # noqa: E402

VOICES = {"piper": Voice("piper", 1.1), "espeak": Voice("espeak", 1.1, "en-us"), "flite": Voice("flite", 1.1, "slt"),
          "espeak f3 (unseen)": Voice("espeak", 1.0, "en-us+f3")}


def brown_noise(n: int, dbfs: float, rng: np.random.Generator) -> np.ndarray:
    """Integrated white noise with its drift removed (a fan, a laptop's hum), at `dbfs` RMS."""
    x = np.cumsum(rng.standard_normal(n))
    x -= np.convolve(x, np.ones(SAMPLE_RATE // 10) / (SAMPLE_RATE // 10), "same")
    return (10 ** (dbfs / 20) * x / (np.sqrt(np.mean(x**2)) + 1e-9)).astype(np.float32)


def reverberant(x: np.ndarray, rt60: float, rng: np.random.Generator) -> np.ndarray:
    """`x` in a room: convolved with exponentially decaying noise (the direct sound first)."""
    t = np.arange(int(0.5 * SAMPLE_RATE)) / SAMPLE_RATE
    ir = rng.standard_normal(len(t)) * np.exp(-6.9 * t / rt60)
    ir[0] = 1.0
    y = np.convolve(x, ir / np.sqrt(np.sum(ir**2)))[: len(x)]
    return (y / (np.max(np.abs(y)) + 1e-9) * np.max(np.abs(x))).astype(np.float32)


def main() -> None:
    analyzer = Analyzer.load()
    rng = np.random.default_rng(7)
    tp = fp = fn = said = found_fillers = 0
    for name, voice in VOICES.items():
        for k, script in enumerate(SCRIPTS):
            answer = build_answer([(t, s) for t, s, _ in script], lead_s=1.5, voice=voice)
            clean = np.concatenate([answer.samples, np.zeros(SAMPLE_RATE, np.float32)])
            rooms = {"reverb 0.4 s + brown -50": reverberant(clean, 0.4, rng) + brown_noise(len(clean), -50, rng),
                     "brown -40": clean + brown_noise(len(clean), -40, rng)}
            for room, samples in rooms.items():
                report = analyzer.analyze_samples(samples, f"{name} {room}")
                truth = [(s, e) for s, e in answer.silences() if e - s > 5.0]
                long = [p for p in report.pauses if p.long]
                hits = [p for p in long if any(abs(p.start - s) <= BOUNDARY_S and abs(p.end - e) <= BOUNDARY_S
                                               for s, e in truth)]
                tp, fp, fn = tp + len(hits), fp + len(long) - len(hits), fn + len(truth) - len(hits)
                fillers = sum(f.kind == "filled_pause" for f in report.fillers)
                spoken = sum(s.text in FILLED for s in answer.spoken)
                said, found_fillers = said + spoken, found_fillers + fillers
                off = [f"{p.start:.2f}-{p.end:.2f}" for p in long if p not in hits]
                print(f"{name}, script {k + 1}, {room}: long pauses said "
                      f"{', '.join(f'{s:.2f}-{e:.2f}' for s, e in truth)}; found "
                      f"{', '.join(f'{p.start:.2f}-{p.end:.2f}' for p in long)}"
                      f"{'  NOT WITHIN 0.25 s: ' + ', '.join(off) if off else ''}; filled pauses {fillers} of {spoken}",
                      flush=True)
    print(f"\nlong pauses: precision {tp / max(1, tp + fp):.2f}, recall {tp / max(1, tp + fn):.2f} "
          f"({tp} within 0.25 s, {fp} found elsewhere, {fn} missed); filled pauses found {found_fillers} "
          f"for {said} said")


if __name__ == "__main__":
    main()
