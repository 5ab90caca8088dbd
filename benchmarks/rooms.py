"""Long pauses and filled pauses in rooms the analysis was never tuned on: the accuracy scripts
(benchmarks/accuracy.py) spoken 10 % fast by Piper, espeak-ng, flite and an espeak-ng voice no test
uses (en-us+f3), in a reverberant room (RT60 0.4 s) over a fan's brown noise at -50 dBFS, and in
louder brown noise (-40 dBFS) with no reverb. Then the real monologues of ../shared/audio/mfa
played in four simulated rooms (tests/room_acoustics.py: an office 0.6 and 1.5 m from the microphone, a bare
room 1 and 2.5 m from it), against their forced alignments.

    python benchmarks/rooms.py [--real-only] [--highpass HZ]

Prints each answer's long pauses against the truth (a fake long pause is marked FAKE), then long-pause
precision and recall (edges within 0.25 s) and filled pauses found against said; then a table of the
real recordings in rooms: words found of those said, how far the answer's start and end are from the
alignment's, long pauses (there are none), aligned silences of 0.6 s or more found with both edges
within 0.25 s, and filled pauses found of those aligned; then each monologue three times over
(about 75 s, one long answer) in each room: words found and long pauses made up. `--highpass 0`
runs the detectors on the whole band, as before they heard only the speech band; `--restart 0`
runs Silero once through each recording, as before it was also heard restarted every 30 s;
`--stream` also streams each long answer as the app does while recording (fed at once, not in real
time) and says whether the streamed report is the batch's, figure for figure.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import BOUNDARY_S, FILLED, SCRIPTS  # noqa: E402
from room_acoustics import ROOMS  # noqa: E402
from speech import Voice, as_recorded, build_answer  # noqa: E402
from test_real_recordings import FILLED as ALIGNED_FILLERS  # noqa: E402
from test_real_recordings import OMITTED_UH, aligned_silences, textgrid_words  # noqa: E402

from voicecoach.audio.activity import _blockwise_vad_model, heard_shares  # noqa: E402
from voicecoach.audio.decode import SAMPLE_RATE, load_audio  # noqa: E402
from voicecoach.audio.level import heard_by_detectors  # noqa: E402
from voicecoach.pipeline import Analyzer  # noqa: E402
from voicecoach.settings import load_settings  # noqa: E402
from voicecoach.streaming import StreamingAnalysis  # noqa: E402

SHARED_MFA = Path(__file__).resolve().parents[2] / "shared" / "audio" / "mfa"
MONOLOGUES = ("acoustic_corpus", "cold_corpus", "cold_corpus3")

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


def real_in_rooms(analyzer: Analyzer) -> None:
    print("\n| recording | room (direct/reverberant) | words | start / end off by (s) | long pauses | "
          "aligned silences | filled pauses |")
    print("|---|---|---|---|---|---|---|")
    totals = np.zeros(6, int)
    for name in MONOLOGUES:
        path = SHARED_MFA / f"{name}.wav"
        said = [(a, b, t) for a, b, t in textgrid_words(path.with_suffix(".TextGrid")) if t and not t.startswith("<")]
        words = sum(t not in ALIGNED_FILLERS for _, _, t in said)
        fillers = sum(t in ALIGNED_FILLERS for _, _, t in said)
        silences = [(a, b) for a, b in aligned_silences(path.with_suffix(".TextGrid"), 0.6) if (name, a) not in OMITTED_UH]
        samples = load_audio(path, 900).samples
        for label, room in {"as recorded": None, **ROOMS}.items():
            played = samples if room is None else room.play(samples)
            report = analyzer.analyze_samples(played, f"{name} {label}")
            found = sum(any(abs(p.start - a) <= BOUNDARY_S and abs(p.end - b) <= BOUNDARY_S for p in report.pauses)
                        for a, b in silences)
            long = [f"FAKE {p.start:.1f}-{p.end:.1f}" for p in report.pauses if p.long]
            heard = sum(f.kind == "filled_pause" for f in report.fillers)
            drr = "" if room is None else f" ({room.direct_to_reverberant_db():+.0f} dB)"
            print(f"| {name} | {label}{drr} | {report.metrics.word_count} of {words} | "
                  f"{report.answer_start_s - said[0][0]:+.2f} / {report.answer_end_s - said[-1][1]:+.2f} | "
                  f"{', '.join(long) or 'none'} | {found} of {len(silences)} | {heard} of {fillers} |", flush=True)
            if room is not None:
                totals += [report.metrics.word_count, words, len(long), found, len(silences), heard]
    print(f"\nin rooms: {totals[0]} words found of {totals[1]}, {totals[2]} long pauses made up, "
          f"{totals[3]} of {totals[4]} aligned silences found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real-only", action="store_true", help="only the real recordings in rooms")
    parser.add_argument("--highpass", type=float, help="the detectors' high-pass cut-off in Hz (0: none)")
    parser.add_argument("--restart", type=float, help="Silero heard afresh every this many seconds (0: never)")
    parser.add_argument("--stream", action="store_true", help="also stream each long answer as the app does")
    args = parser.parse_args()
    settings = load_settings()
    detection = settings.speech_detection
    if args.highpass is not None:
        detection = replace(detection, detect_highpass_hz=args.highpass)
    if args.restart is not None:
        detection = replace(detection, vad_restart_s=args.restart)
    settings = replace(settings, speech_detection=detection)
    analyzer = Analyzer.load(settings=settings)
    if not args.real_only:
        synthetic_in_rooms(analyzer)
    real_in_rooms(analyzer)
    long_in_rooms(analyzer, stream=args.stream)


def lowest_share_heard(samples: np.ndarray, analyzer: Analyzer) -> float:
    """The lowest share, over the answer's stretches of `vad_restart_s` (30 s with --restart 0), of
    the windows clearly holding sound in which one run of Silero heard speech
    (voicecoach.audio.activity restarts it under 2/3)."""
    options = analyzer.settings.speech_detection
    heard = heard_by_detectors(samples, options)
    return min(heard_shares(heard, _blockwise_vad_model()(heard), options.vad_threshold,
                            options.vad_restart_s or 30.0), default=1.0)


def streamed(analyzer: Analyzer, pcm: np.ndarray):
    """The report of 16-bit `pcm` streamed as the app streams a recording, in 50-ms blocks."""
    analysis = StreamingAnalysis(lambda: analyzer)
    for i in range(0, len(pcm), 800):
        analysis.feed(pcm[i : i + 800], SAMPLE_RATE)
    return analysis.finish("streamed")


def long_in_rooms(analyzer: Analyzer, copies: int = 3, stream: bool = False) -> None:
    extra = " streamed: the same report |" if stream else ""
    print(f"\n| recording, {copies} times over | room | words | long pauses made up | lowest share heard by one run |"
          + extra)
    print("|---|---|---|---|---|" + ("---|" if stream else ""))
    words_found = words_said = made_up = 0
    for name in MONOLOGUES:
        path = SHARED_MFA / f"{name}.wav"
        said = copies * sum(t not in ALIGNED_FILLERS for _, _, t in textgrid_words(path.with_suffix(".TextGrid"))
                            if t and not t.startswith("<"))
        samples = load_audio(path, 900).samples
        for label, room in {"as recorded": None, **ROOMS}.items():
            pcm = as_recorded(np.concatenate([samples if room is None else room.play(samples)] * copies))
            played = pcm.astype(np.float32) / 32768  # the file the recorder wrote, decoded
            report = analyzer.analyze_samples(played, f"{name} x{copies} {label}")
            long = [f"FAKE {p.start:.1f}-{p.end:.1f}" for p in report.pauses if p.long]
            row = (f"| {name} | {label} | {report.metrics.word_count} of {said} | {', '.join(long) or 'none'} | "
                   f"{lowest_share_heard(played, analyzer):.2f} |")
            if stream:
                live = streamed(analyzer, pcm)
                same = {**live.to_dict(), "source": ""} == {**report.to_dict(), "source": ""}
                row += " yes |" if same else (f" NO: {live.metrics.word_count} words, {live.metrics.filler_count} "
                                              f"fillers, {sum(p.long for p in live.pauses)} long pauses |")
            print(row, flush=True)
            if room is not None:
                words_found, words_said, made_up = words_found + report.metrics.word_count, words_said + said, made_up + len(long)
    print(f"\nlong answers in rooms: {words_found} words found of {words_said}, {made_up} long pauses made up")


def synthetic_in_rooms(analyzer: Analyzer) -> None:
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
