"""Pitch trackers against a known contour: the app's (voicecoach/audio/pitch_tracker.py, Boersma's
method in numpy), Praat's own (praat-parselmouth, the reference it follows), and librosa's pyin and
yin, on synthesized speech whose pitch Praat resynthesized to a contour we chose (three voices, two
contours). And what delivery costs `voicecoach analyze` on a two-minute answer.

    python benchmarks/pitch_trackers.py

Per tracker: the median error in cents on the frames it calls voiced, the share of those frames off
by more than a semitone (gross errors: octave jumps, tracking noise), how many frames it calls voiced
against Praat's, and its time per second of audio; pyin's first call (it compiles) apart. Then the
app's tracker against Praat frame by frame, where no contour is known: every real recording in
../shared/audio and the benchmark voices in noise.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline_speed import SCRIPT as LONG_SCRIPT  # noqa: E402
from speech import Voice, build_answer  # noqa: E402
from test_delivery import resynthesized  # noqa: E402
from test_pitch_tracker import praat  # noqa: E402  (Praat's own "To Pitch (ac)", every 10 ms)

from voicecoach.audio.decode import SAMPLE_RATE, load_audio  # noqa: E402
from voicecoach.audio.pitch import pitch_track  # noqa: E402

HOP = 160
SENTENCES = [("The metric I would pick is weekly active minutes per listener.", 0.5),
             ("Then we ship it to twenty percent of listeners and watch the skip rate.", 0.5)]
VOICES = [Voice("piper"), Voice("espeak", name="en-us"), Voice("flite", name="slt")]
CONTOURS = {
    "110 Hz ± 4 st": lambda t: 110 * 2 ** (4 * np.sin(2 * np.pi * 0.7 * t) / 12),
    "210 Hz ± 3 st": lambda t: 210 * 2 ** (3 * np.sin(2 * np.pi * 1.1 * t) / 12),
}


def app(samples):
    return pitch_track(samples, 0.0, len(samples) / SAMPLE_RATE)


def pyin(samples):
    import librosa

    f0, voiced, _ = librosa.pyin(samples, fmin=50, fmax=500, sr=SAMPLE_RATE, frame_length=1024, hop_length=HOP)
    return librosa.times_like(f0, sr=SAMPLE_RATE, hop_length=HOP), np.where(voiced, np.nan_to_num(f0), 0.0)


def yin(samples):
    import librosa

    f0 = librosa.yin(samples, fmin=50, fmax=500, sr=SAMPLE_RATE, frame_length=1024, hop_length=HOP)
    return librosa.times_like(f0, sr=SAMPLE_RATE, hop_length=HOP), f0


def main() -> None:
    import librosa

    began = time.perf_counter()
    librosa.pyin(np.zeros(SAMPLE_RATE, np.float32), fmin=50, fmax=500, sr=SAMPLE_RATE)
    print(f"pyin's first call (compiling): {time.perf_counter() - began:.1f} s")
    trackers = {"app": app, "praat": praat, "pyin": pyin, "yin": yin}
    errors = {name: [] for name in trackers}
    voiced = {name: 0 for name in trackers}
    seconds = {name: 0.0 for name in trackers}
    audio_s = 0.0
    for voice in VOICES:
        answer = build_answer(SENTENCES, lead_s=0.5, voice=voice)
        speech = [(s.start, s.end) for s in answer.spoken]
        for contour in CONTOURS.values():
            samples = resynthesized(answer.samples, contour)
            audio_s += len(samples) / SAMPLE_RATE
            for name, track in trackers.items():
                began = time.perf_counter()
                times, hz = track(samples)
                seconds[name] += time.perf_counter() - began
                inside = np.zeros(len(times), bool)
                for a, b in speech:
                    inside |= (times >= a) & (times <= b)
                chosen = inside & (hz > 0)
                voiced[name] += int(chosen.sum())
                errors[name] += list(1200 * np.log2(hz[chosen] / contour(times[chosen])))
    print(f"\n{len(VOICES)} voices x {len(CONTOURS)} contours, {audio_s:.0f} s of speech resynthesized by Praat\n")
    print("| tracker | median error (cents) | off by > 1 semitone | frames voiced (vs Praat) | time per s of audio |")
    print("|---|---|---|---|---|")
    for name in trackers:
        e = np.abs(np.array(errors[name]))
        print(f"| {name} | {np.median(e):.0f} | {np.mean(e > 100):.1%} | {voiced[name] / voiced['praat']:.2f} | "
              f"{seconds[name] / audio_s * 1000:.1f} ms |")
    same_as_praat()
    delivery_cost()


def same_as_praat() -> None:
    """Frames both trackers call voiced or both unvoiced, and how far apart their F0 is where both
    call a frame voiced."""
    shared = ROOT.parent / "shared" / "audio"
    real = sorted(shared.glob("mfa/*.wav")) + sorted(shared.glob("mfa/*.flac")) + [shared / "faster-whisper/jfk.flac"]
    rng = np.random.default_rng(1)
    synthetic = []
    for voice in [*VOICES, Voice("festival"), Voice("piper", rate=1.25), Voice("espeak", name="en-us+f3")]:
        samples = build_answer(SENTENCES, lead_s=0.5, voice=voice).samples
        synthetic += [samples + rng.normal(0, 10 ** (db / 20), len(samples)).astype(np.float32) for db in (-65, -42)]
    print("\n| the app's tracker against Praat's | frames | same voicing | median difference (cents) "
          "| frames > 50 cents apart |")
    print("|---|---|---|---|---|")
    for name, sounds in [(f"{len(real)} real recordings", [load_audio(str(p)).samples for p in real]),
                         (f"{len(synthetic)} synthetic renders in noise", synthetic)]:
        frames = same = 0
        cents = []
        for samples in sounds:
            (_, expected), (_, hz) = praat(samples), app(samples)
            frames, same = frames + len(hz), same + int(np.sum((hz > 0) == (expected > 0)))
            both = (hz > 0) & (expected > 0)
            cents += list(np.abs(1200 * np.log2(hz[both] / expected[both])))
        print(f"| {name} | {frames} | {same / frames:.2%} | {np.median(cents):.2f} | "
              f"{sum(c > 50 for c in cents)} of {len(cents)} |")


def delivery_cost() -> None:
    """The delivery analysis's share of `voicecoach analyze` on the two-minute benchmark answer."""
    from voicecoach.analysis.delivery import analyze_delivery
    from voicecoach.audio.activity import detect_speech
    from voicecoach.audio.pitch import prosody_track
    from voicecoach.pipeline import Analyzer

    samples = build_answer(LONG_SCRIPT, lead_s=2.0).samples
    analyzer = Analyzer.load()
    analyzer.transcriber.model  # loaded: its load is not the analysis
    began = time.perf_counter()
    report = analyzer.analyze_samples(samples)
    total = time.perf_counter() - began
    timeline = detect_speech(samples, analyzer.settings.speech_detection)
    began = time.perf_counter()
    track = prosody_track(samples, timeline.heard_spans)
    analyze_delivery(report.words, track, report.answer_start_s, report.answer_end_s)
    cost = time.perf_counter() - began
    print(f"\ndelivery (pitch and level track, analysis) on a {len(samples) / SAMPLE_RATE:.0f}-s answer: "
          f"{cost:.2f} s of {total:.2f} s, {cost / total:.1%} of the analysis  (goal <= 10 %)")


if __name__ == "__main__":
    main()
