"""Recording conditions no test or tuning ever used, on voices no test uses: does a long pause stay
a long pause, is none made up, and do the pace and filled pauses hold?

Voices: festival's kal_diphone (no test or benchmark uses festival), espeak-ng's Scottish English
voice, and Piper's joe 35 % faster than its default (about 200 wpm). The accuracy scripts
(benchmarks/accuracy.py) are spoken in each of these conditions:

- quiet mic: the whole answer 30 dB down (speech peaks near -30 dBFS), over a -80 dBFS floor;
- very quiet mic: 50 dB down (peaks near -50 dBFS) over a -90 dBFS floor, in 16 bits, as recorded;
- clipped: 16 dB too hot, clipped at full scale, over a -60 dBFS floor;
- phone band: 300-3400 Hz only, as from a headset on a call;
- mains hum: 50 Hz and its harmonics at -40 dBFS under everything;
- keyboard: a key click every 0.15-0.6 s all through the answer, pauses included (notes typed while thinking);
- breath: an audible in-breath (0.5 s of band-limited noise, -40 dBFS) in the middle of each long pause.

- soft word: a word said 20, 30 or 40 dB softer than the rest ("So.", "Hmm.", "Right.") alone in
  the middle of an 8.6-s silence, by the same voices: two pauses of 4.2 s, neither long.

    python benchmarks/stress.py [--detail] [--only CONDITION ...]

Prints each condition's long pauses (P/R with edges within 0.25 s, and any made up, marked FAKE),
worst wpm error and filled pauses found against said, then the totals, then how many soft words
left a made-up long pause.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.signal import butter, sosfilt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import BOUNDARY_S, FILLED, SCRIPTS, spoken_words  # noqa: E402
from speech import Voice, build_answer, say  # noqa: E402

from voicecoach.audio.decode import SAMPLE_RATE  # noqa: E402
from voicecoach.pipeline import Analyzer  # noqa: E402

VOICES = {"festival kal": Voice("festival"), "espeak-ng scottish": Voice("espeak", 1.0, "en-gb-scotland"),
          "piper joe 1.35x": Voice("piper", 1.35)}


def white(n: int, dbfs: float, rng: np.random.Generator) -> np.ndarray:
    return (10 ** (dbfs / 20) * rng.standard_normal(n)).astype(np.float32)


def band(x: np.ndarray, low: float, high: float) -> np.ndarray:
    return sosfilt(butter(6, [low, high], "bandpass", fs=SAMPLE_RATE, output="sos"), x).astype(np.float32)


def keyboard(n: int, rng: np.random.Generator) -> np.ndarray:
    """Key clicks: 8-ms bursts of decaying noise, peaking near -20 dBFS, 0.15-0.6 s apart."""
    out = np.zeros(n, np.float32)
    click = rng.standard_normal(int(0.008 * SAMPLE_RATE)) * np.exp(-np.arange(int(0.008 * SAMPLE_RATE)) / 30)
    t = rng.uniform(0, 0.5)
    while (i := int(t * SAMPLE_RATE)) + len(click) < n:
        out[i : i + len(click)] += 0.1 * rng.uniform(0.5, 1.0) * click
        t += rng.uniform(0.15, 0.6)
    return out


def with_breaths(x: np.ndarray, pauses: list[tuple[float, float]], rng: np.random.Generator) -> np.ndarray:
    """An in-breath in the middle of each pause: 0.5 s of 500-2500 Hz noise with a rise and fall."""
    out = x.copy()
    n = int(0.5 * SAMPLE_RATE)
    breath = band(rng.standard_normal(n + 2000), 500, 2500)[2000:] * np.hanning(n)
    breath *= 10 ** (-40 / 20) / np.sqrt(np.mean(breath**2))
    for s, e in pauses:
        i = int(((s + e) / 2 - 0.25) * SAMPLE_RATE)
        out[i : i + n] += breath
    return out


def conditions(clean: np.ndarray, pauses: list[tuple[float, float]], rng: np.random.Generator) -> dict:
    n = len(clean)
    hum = sum(10 ** (-40 / 20) / k * np.sin(2 * np.pi * 50 * k * np.arange(n) / SAMPLE_RATE + k) for k in (1, 2, 3, 5))
    return {
        "quiet mic": clean * 10 ** (-30 / 20) + white(n, -80, rng),
        "very quiet mic": np.round((clean * 10 ** (-50 / 20) + white(n, -90, rng)) * 32767) / 32767,
        "clipped": np.clip(clean * 10 ** (16 / 20), -1, 1) + white(n, -60, rng),
        "phone band": band(clean + white(n, -60, rng), 300, 3400),
        "mains hum": clean + hum.astype(np.float32) + white(n, -70, rng),
        "keyboard": clean + keyboard(n, rng) + white(n, -65, rng),
        "breath": with_breaths(clean + white(n, -65, rng), pauses, rng),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", action="store_true", help="print each answer's long pauses")
    parser.add_argument("--only", nargs="+", metavar="CONDITION", help='e.g. --only "very quiet mic"')
    args = parser.parse_args()
    analyzer = Analyzer.load()
    rng = np.random.default_rng(11)
    totals: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0, 0, 0.0, []])  # tp fp fn said found worst fakes
    for voice_name, voice in VOICES.items():
        for k, script in enumerate(SCRIPTS):
            answer = build_answer([(t, s) for t, s, _ in script], lead_s=1.5, voice=voice)
            clean = np.concatenate([answer.samples, np.zeros(SAMPLE_RATE, np.float32)])
            truth = [(s, e) for s, e in answer.silences() if e - s > 5.0]
            words = len(spoken_words(answer)) - sum(e for _, _, e in script)  # discourse fillers are not pace
            true_wpm = words / ((answer.offset - answer.onset) / 60)
            for condition, samples in conditions(clean, truth, rng).items():
                if args.only and condition not in args.only:
                    continue
                report = analyzer.analyze_samples(samples.astype(np.float32), f"{voice_name} {condition}")
                long = [p for p in report.pauses if p.long]
                hits = [p for p in long if any(abs(p.start - s) <= BOUNDARY_S and abs(p.end - e) <= BOUNDARY_S
                                               for s, e in truth)]
                fakes = [p for p in long if not any(p.start < e and p.end > s for s, e in truth)]
                said = sum(s.text in FILLED for s in answer.spoken)
                found = sum(f.kind == "filled_pause" for f in report.fillers)
                wpm_error = abs(report.metrics.wpm - true_wpm) / true_wpm
                for key in (condition, voice_name, "all"):
                    t = totals[key]
                    t[0] += len(hits)
                    t[1] += len(long) - len(hits)
                    t[2] += len(truth) - len(hits)
                    t[3] += said
                    t[4] += found
                    t[5] = max(t[5], wpm_error)
                    t[6] += [f"{voice_name}/{k + 1}/{condition} {p.start:.2f}-{p.end:.2f}" for p in fakes]
                if args.detail:
                    print(f"{voice_name}, script {k + 1}, {condition}: said "
                          f"{', '.join(f'{s:.2f}-{e:.2f}' for s, e in truth)}; found "
                          f"{', '.join(f'{p.start:.2f}-{p.end:.2f}' for p in long) or 'none'}"
                          f"{'  FAKE' if fakes else ''}; wpm {report.metrics.wpm:.0f} vs {true_wpm:.0f}; "
                          f"filled pauses {found} of {said}", flush=True)
    print("\n| condition or voice | long pauses P / R (edges ±0.25 s) | made up | worst wpm error | filled pauses found / said |")
    print("|---|---|---|---|---|")
    for key, (tp, fp, fn, said, found, worst, fakes) in totals.items():
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        print(f"| {key} | {p:.2f} / {r:.2f} | {len(fakes)} | {100 * worst:.1f}% | {found} / {said} |")
    for fake in totals["all"][6]:
        print("FAKE long pause:", fake)
    if not args.only or "soft word" in args.only:
        soft_words(analyzer, rng, args.detail)


def soft_words(analyzer: Analyzer, rng: np.random.Generator, detail: bool) -> None:
    print("\n| voice | soft word 20 dB down | 30 dB down | 40 dB down |\n|---|---|---|---|")
    for voice_name, voice in VOICES.items():
        fakes = {rel: 0 for rel in (-20, -30, -40)}
        for word in ("So.", "Hmm.", "Right."):
            for rel in fakes:
                gap = np.zeros(int(4.2 * SAMPLE_RATE), np.float32)
                samples = np.concatenate([gap[:SAMPLE_RATE], say(SCRIPTS[0][3][0], voice), gap,
                                          say(word, voice) * 10 ** (rel / 20), gap, say(SCRIPTS[0][5][0], voice),
                                          gap[:SAMPLE_RATE]])
                report = analyzer.analyze_samples(samples + white(len(samples), -65, rng), f"soft {word}")
                long = [p for p in report.pauses if p.long]
                fakes[rel] += bool(long)
                if detail:
                    print(f"{voice_name}, {word} {rel} dB: long pauses "
                          f"{', '.join(f'{p.start:.2f}-{p.end:.2f}' for p in long) or 'none'}", flush=True)
        print(f"| {voice_name} | " + " | ".join(f"{n} of 3 made a long pause" for n in fakes.values()) + " |")


if __name__ == "__main__":
    main()
