"""Measurement accuracy on synthesized answers whose truth is known exactly, over voices the
analysis was never tuned on, speaking rates and noise floors; and on the real recordings.

Three engines (Piper's joe voice, espeak-ng, and flite's slt voice, which is held out of all tuning
and reported apart), three rates and three noise floors: 27 answers from three scripts, each with
filled pauses placed answer-initially, after a long silence, mid-sentence and running straight into
the next word, long pauses and near misses, and discourse fillers set off by commas beside
literal uses of the same words.

    python benchmarks/accuracy.py [--quick] [--detail] [--more-voices] [--real-only] [--tempo T ...] [--noise DBFS ...]
        --quick: one rate and one noise floor; --detail: each miss, false find and word difference;
        --more-voices: four more voices instead, none ever looked at while tuning (festival kal,
        espeak-ng en-gb-x-rp, flite kal16 and awb), reported apart; --real-only: only the real
        recordings; --tempo: the real recordings as recorded, also spoken T times as fast (sox's
        WSOLA `tempo`, pitch kept; the alignment's times scaled), e.g. --tempo 0.8 1.25 1.5;
        --noise: the real recordings as recorded, also under white noise at DBFS (seeded), e.g. --noise -55 -45

Prints, per voice and in total: filled-pause precision/recall/F1 and onset error, discourse-filler
precision/recall/F1 and literal "like" flagged, long-pause precision/recall (edges within 0.25 s),
words recognised against words spoken (and by plain faster-whisper on the same audio and model),
and the worst wpm error. Then the same filled-pause figures
on the real recordings of ../shared/audio/mfa: the three monologues against their forced alignment
(onset error, and their aligned pauses), and the staged filler clips against their reference counts;
as recorded, and 6 and 12 dB quieter (a microphone turned down).
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
import soundfile

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from speech import Voice, as_recorded, build_answer  # noqa: E402
from test_real_recordings import OMITTED_UH, aligned_fillers, aligned_silences  # noqa: E402

from voicecoach.analysis.numbers import spoken_words as said_for  # noqa: E402
from voicecoach.analysis.tokens import normalise  # noqa: E402
from voicecoach.audio.decode import SAMPLE_RATE, load_audio  # noqa: E402
from voicecoach.pipeline import Analyzer  # noqa: E402

BOUNDARY_S = 0.25
FILLED = {"Um.", "Uh.", "Um,", "Uh,"}
# (phrase, silence after, discourse fillers in it). A phrase of FILLED is a filled pause.
SCRIPTS = [
    [("Um.", 0.4, 0), ("So the metric I would pick first is weekly active minutes per listener.", 0.5, 0),
     ("I, like, spend most of my time on the ranking model.", 0.6, 1),
     ("Then I would run an experiment against a holdout group for two weeks.", 6.0, 0),
     ("Uh.", 0.0, 0), ("so the trade off is latency against relevance.", 0.5, 0),
     ("We track signals like the skip rate and the save rate.", 4.4, 0),
     ("People actually feel the difference when the feed is fresh.", 0.5, 0),
     ("I would look at", 0.15, 0), ("Um.", 0.15, 0), ("the retention curve for new listeners.", 0.0, 0)],
    [("Uh.", 0.3, 0), ("The first thing I would check is whether the drop is real.", 0.6, 0),
     ("It was, like, twice as long as we planned.", 0.5, 1),
     ("Users who like jazz tend to skip less, which actually increases retention.", 5.8, 0),
     ("Um.", 0.0, 0), ("then we ship it to twenty percent of listeners first.", 0.6, 0),
     ("And, you know, the guardrail is listening time.", 0.5, 1),
     ("If skips stay flat for a week, we roll out to everyone.", 0.4, 0),
     ("Otherwise", 0.15, 0), ("Uh.", 0.15, 0), ("we roll back and look at the segments that moved.", 0.0, 0)],
    [("So, basically, the model predicts churn from the first week.", 0.6, 1),
     ("Um.", 0.0, 0), ("we would start with a simple baseline.", 0.5, 0),
     ("I mean it literally doubled the training time.", 7.0, 0),
     ("Uh.", 0.5, 0), ("The decision rule is to ship if retention goes up by one point.", 0.6, 0),
     ("Honestly, the hardest part is the offline evaluation.", 0.5, 1),
     ("We would compare it with", 0.15, 0), ("Um.", 0.15, 0), ("the current ranker on last month's data.", 0.0, 0)],
]
TUNED = {"piper joe": Voice("piper"), "espeak-ng en-us": Voice("espeak", name="en-us")}
HELD_OUT = {"flite slt (held out)": Voice("flite", name="slt")}
MORE_VOICES = {"festival kal": Voice("festival"), "espeak-ng en-gb-x-rp": Voice("espeak", name="en-gb-x-rp"),
               "flite kal16": Voice("flite", name="kal16"), "flite awb": Voice("flite", name="awb")}
RATES = (0.85, 1.0, 1.25)
NOISE_DBFS = (-65.0, -50.0, -42.0)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    filled: Tally = field(default_factory=Tally)
    discourse: Tally = field(default_factory=Tally)
    long: Tally = field(default_factory=Tally)
    onset_errors: list[float] = field(default_factory=list)
    literal_like: int = 0
    words_spoken: int = 0
    words_matched: int = 0
    wpm_errors: list[float] = field(default_factory=list)
    fake_long: list[str] = field(default_factory=list)
    raw_matched: int = 0  # words plain faster-whisper recognised on the same audio


def with_noise(samples: np.ndarray, dbfs: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (samples + 10 ** (dbfs / 20) * rng.standard_normal(len(samples))).astype(np.float32)


def matched_words(said: list[str], heard: list[str]) -> tuple[int, list[str]]:
    """How many spoken words were heard, in order, and the differences (for --detail). A figure
    heard counts as the words that say it ("20%" is "twenty percent")."""
    heard = [w for text in heard for w in said_for(text)]
    matcher = difflib.SequenceMatcher(a=said, b=heard, autojunk=False)
    differences = [f"{' '.join(said[a1:a2]) or '-'} -> {' '.join(heard[b1:b2]) or '-'}"
                   for op, a1, a2, b1, b2 in matcher.get_opcodes() if op != "equal"]
    return sum(block.size for block in matcher.get_matching_blocks()), differences


def spoken_words(answer) -> list[str]:
    return [normalise(w) for s in answer.spoken if s.text not in FILLED for w in s.text.split()]


def score(report, answer, script, scores: Scores, label: str, detail: bool = False) -> None:
    spoken = answer.spoken
    truth_filled = [s for s in spoken if s.text in FILLED]
    found = [f for f in report.fillers if f.kind == "filled_pause"]
    unmatched = list(found)
    for said in truth_filled:
        near = [f for f in unmatched if f.start < said.end + 0.3 and f.end > said.start - 0.3]
        if near:
            best = min(near, key=lambda f: abs(f.start - said.start))
            unmatched.remove(best)
            scores.onset_errors.append(best.start - said.start)
            scores.filled.add(1, 0, 0)
        else:
            scores.filled.add(0, 0, 1)
            if detail:
                print(f"    missed filled pause {said.text!r} at {said.start:.2f}-{said.end:.2f}; words there: "
                      + " ".join(f"{w.text.strip()}[{w.start:.2f}-{w.end:.2f}]" for w in report.words
                                 if w.end > said.start - 0.5 and w.start < said.end + 0.5))
    scores.filled.add(0, len(unmatched), 0)
    if detail:
        for f in unmatched:
            print(f"    filled pause not in the truth: {f.text!r} at {f.start:.2f}-{f.end:.2f} ({f.source})")

    discourse = [f for f in report.fillers if f.kind == "discourse"]
    for said, (_, _, expected) in zip(spoken, script):
        inside = [f for f in discourse if said.start - 0.1 <= f.start <= said.end + 0.1]
        tp = min(len(inside), expected)
        scores.discourse.add(tp, len(inside) - tp, expected - tp)
        if "like" in said.text and not expected:
            scores.literal_like += sum(normalise(f.text) == "like" for f in inside)
        if detail and len(inside) != expected:
            print(f"    discourse fillers {len(inside)} of {expected} in {said.text!r}, heard as: "
                  + " ".join(w.text.strip() for w in report.words if said.start - 0.1 <= w.start <= said.end + 0.1))

    truth_long = [(s, e) for s, e in answer.silences() if e - s > 5.0]
    found_long = [p for p in report.pauses if p.long]
    hits = [p for p in found_long
            if any(abs(p.start - s) <= BOUNDARY_S and abs(p.end - e) <= BOUNDARY_S for s, e in truth_long)]
    scores.long.add(len(hits), len(found_long) - len(hits), len(truth_long) - len(hits))
    scores.fake_long += [f"{label} {p.start:.1f}-{p.end:.1f}" for p in found_long if p not in hits]

    said_words = spoken_words(answer)
    matched, differences = matched_words(said_words, [normalise(w.text) for w in report.words])
    scores.words_spoken += len(said_words)
    scores.words_matched += matched
    if detail:
        for difference in differences:
            print(f"    words: {difference}")
    lexical = len(said_words) - sum(e for _, _, e in script)
    truth_wpm = lexical / ((answer.offset - answer.onset) / 60)
    scores.wpm_errors.append(abs(report.metrics.wpm - truth_wpm) / truth_wpm)
    if detail:
        print(f"    wpm {report.metrics.wpm:.1f} ({report.metrics.word_count} words in "
              f"{report.answer_end_s - report.answer_start_s:.2f} s), truth {truth_wpm:.1f} ({lexical} words in "
              f"{answer.offset - answer.onset:.2f} s)")


def row(name: str, s: Scores) -> str:
    fp, fr, ff = s.filled.prf()
    dp, dr, df = s.discourse.prf()
    lp, lr, _ = s.long.prf()
    onset = np.abs(s.onset_errors) if s.onset_errors else np.zeros(1)
    return (f"| {name} | {ff:.2f} ({fp:.2f}/{fr:.2f}, n={s.filled.tp + s.filled.fn}) | "
            f"{np.median(onset):.2f} / {onset.max():.2f} ({np.sum(onset <= BOUNDARY_S)} of {len(s.onset_errors)} "
            f"within 0.25 s) | {df:.2f} ({dp:.2f}/{dr:.2f}) | {s.literal_like} | "
            f"{lp:.2f} / {lr:.2f} | {s.words_matched / max(1, s.words_spoken):.1%} | "
            f"{s.raw_matched / max(1, s.words_spoken):.1%} | {max(s.wpm_errors, default=0):.1%} |")


def raw_words(analyzer: Analyzer, samples: np.ndarray) -> list[str]:
    """The words plain faster-whisper hears in the same audio, on the same model."""
    segments, _ = analyzer.transcriber.model.transcribe(samples, language="en", word_timestamps=True)
    return [normalise(w.word) for segment in segments for w in segment.words or []]


SHARED_MFA = Path(__file__).resolve().parents[2] / "shared" / "audio" / "mfa"
REAL_GAINS_DB = (0.0, -6.0, -12.0)  # as recorded, and with the microphone turned down
MONOLOGUE_WORDS = 169  # words of the three monologues' .lab transcripts: no um, uh, slip or cough
MONOLOGUES = ("acoustic_corpus", "cold_corpus", "cold_corpus3")
# ../shared/audio/README.md: the alignment omits the "uh" after "intensity" (somewhere in 13.9-14.9 s).
UNALIGNED_UH = {"acoustic_corpus": (13.9, 14.9)}
STAGED = {"mfa_uh.flac": 1, "mfa_um.flac": 1, "mfa_uhuh.flac": 6, "mfa_uhum.flac": 6, "mfa_crossword.flac": 2,
          "mfa_laughter.flac": 0, "mfa_breaths.flac": 0, "mfa_erpause.flac": 0, "mfa_her.flac": 0}


def at_tempo(samples: np.ndarray, tempo: float) -> np.ndarray:
    """`samples` spoken `tempo` times as fast, pitch kept (sox's WSOLA tempo effect, tuned for speech;
    no dither, so a recording gives the same samples every time: dither alone changed what Whisper heard)."""
    if tempo == 1.0:
        return samples
    with tempfile.TemporaryDirectory() as folder:
        before, after = Path(folder) / "in.wav", Path(folder) / "out.wav"
        soundfile.write(before, as_recorded(samples), SAMPLE_RATE)
        subprocess.run(["sox", "-D", "-R", str(before), str(after), "tempo", "-s", f"{tempo:g}"], check=True)
        return load_audio(after, 900).samples


def real_recordings(analyzer: Analyzer, gain_db: float = 0.0, tempo: float = 1.0,
                    noise_dbfs: Optional[float] = None) -> None:
    """Filled pauses on real speech: the monologues matched to their alignment (a reported filler
    within 0.3 s of an aligned one is a hit), the staged clips by count; and the monologues'
    aligned silences of 0.6 s or more found with both edges within 0.25 s. `gain_db`: the
    recordings played this much louder (negative: a microphone turned down); `tempo`: spoken this
    many times as fast (the alignment's times divided by it); `noise_dbfs`: white noise added at
    this level, seeded per recording."""
    scores, silences, silences_found, words = Scores(), 0, 0, 0

    def analysed(path: Path):
        audio = load_audio(path, 900)
        samples = at_tempo(audio.samples * 10 ** (gain_db / 20), tempo)
        if noise_dbfs is not None:
            samples = with_noise(samples, noise_dbfs, sum(path.name.encode()))
        return analyzer.analyze_samples(samples.astype(np.float32), str(path))

    for name in MONOLOGUES:
        path = SHARED_MFA / f"{name}.wav"
        report = analysed(path)
        words += report.metrics.word_count
        for start, end in aligned_silences(path.with_suffix(".TextGrid"), 0.6):
            if (name, start) not in OMITTED_UH:
                silences += 1
                silences_found += any(abs(p.start - start / tempo) <= BOUNDARY_S
                                      and abs(p.end - end / tempo) <= BOUNDARY_S for p in report.pauses)
        found = [f for f in report.fillers if f.kind == "filled_pause"]
        if name in UNALIGNED_UH:
            low, high = (t / tempo for t in UNALIGNED_UH[name])
            inside = [f for f in found if low <= f.start <= high]
            found = [f for f in found if f not in inside[:1]]
            scores.filled.add(min(1, len(inside)), 0, 1 - min(1, len(inside)))
        for start, end in ((a / tempo, b / tempo) for a, b in aligned_fillers(path.with_suffix(".TextGrid"))):
            near = [f for f in found if f.start < end + 0.3 and f.end > start - 0.3]
            if near:
                best = min(near, key=lambda f: abs(f.start - start))
                found.remove(best)
                scores.onset_errors.append(best.start - start)
                scores.filled.add(1, 0, 0)
            else:
                scores.filled.add(0, 0, 1)
        scores.filled.add(0, len(found), 0)
    staged = Tally()
    for name, said in STAGED.items():
        found = sum(f.kind == "filled_pause" for f in analysed(SHARED_MFA / name).fillers)
        staged.add(min(found, said), max(0, found - said), max(0, said - found))
    onset = np.abs(scores.onset_errors) if scores.onset_errors else np.zeros(1)
    p, r, f1 = scores.filled.prf()
    sp, sr, sf1 = staged.prf()
    level = ("as recorded" if gain_db == 0 else f"{-gain_db:g} dB down") + (f", x{tempo:g}" if tempo != 1 else "") + (
        f", noise at {noise_dbfs:g} dBFS" if noise_dbfs is not None else "")
    print(f"\n| real recordings, {level} | filled-pause F1 (P/R) | onset error median / max (s) | "
          "onsets within 0.25 s | aligned silences found | words |")
    print("|---|---|---|---|---|---|")
    print(f"| monologues (aligned) | {f1:.2f} ({p:.2f}/{r:.2f}, n={scores.filled.tp + scores.filled.fn}) | "
          f"{np.median(onset):.2f} / {onset.max():.2f} | {np.sum(onset <= 0.25)} of {len(scores.onset_errors)} | "
          f"{silences_found} of {silences} | {words} of {MONOLOGUE_WORDS} |")
    print(f"| staged clips (counts) | {sf1:.2f} ({sp:.2f}/{sr:.2f}, n={staged.tp + staged.fn}) | - | - | - | - |")
    total = Tally(scores.filled.tp + staged.tp, scores.filled.fp + staged.fp, scores.filled.fn + staged.fn)
    tp, tr, tf1 = total.prf()
    print(f"| all real | {tf1:.2f} ({tp:.2f}/{tr:.2f}, n={total.tp + total.fn}) | - | - | - | - |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--real-only", action="store_true", help="only the real recordings")
    parser.add_argument("--detail", action="store_true", help="print each miss, false find and word difference")
    parser.add_argument("--more-voices", action="store_true", help="four more voices never tuned on, instead")
    parser.add_argument("--tempo", type=float, nargs="+", metavar="T",
                        help="only the real recordings, as recorded and spoken T times as fast (needs sox)")
    parser.add_argument("--noise", type=float, nargs="+", metavar="DBFS",
                        help="only the real recordings, as recorded and under white noise at DBFS")
    args = parser.parse_args()
    rates = (1.0,) if args.quick else RATES
    noises = (-50.0,) if args.quick else NOISE_DBFS
    analyzer = Analyzer.load()
    if args.real_only or args.tempo or args.noise:
        for gain_db in REAL_GAINS_DB if not (args.tempo or args.noise) else (0.0,):
            real_recordings(analyzer, gain_db)
        for tempo in args.tempo or ():
            real_recordings(analyzer, 0.0, tempo)
        for noise_dbfs in args.noise or ():
            real_recordings(analyzer, 0.0, noise_dbfs=noise_dbfs)
        return
    by_voice: dict[str, Scores] = defaultdict(Scores)
    total, tuned = Scores(), Scores()
    voices = MORE_VOICES if args.more_voices else {**TUNED, **HELD_OUT}
    for name, base in voices.items():
        for i, rate in enumerate(rates):
            for j, noise in enumerate(noises):
                script = SCRIPTS[(i + j) % len(SCRIPTS)]
                voice = Voice(base.engine, rate, base.name)
                answer = build_answer([(t, s) for t, s, _ in script], lead_s=1.5, voice=voice)
                samples = np.concatenate([answer.samples, np.zeros(SAMPLE_RATE, np.float32)])
                noisy = with_noise(samples, noise, i * 7 + j)
                report = analyzer.analyze_samples(noisy, name)
                label = f"{name} x{rate} {noise:g} dBFS"
                print(f"  {label}: {report.metrics.filler_count} fillers, "
                      f"{report.metrics.long_pause_count} long pauses, {report.metrics.wpm:.0f} wpm", flush=True)
                raw_matched, _ = matched_words(spoken_words(answer), raw_words(analyzer, noisy))
                for k, target in enumerate([by_voice[name], total] + ([tuned] if name in TUNED else [])):
                    score(report, answer, script, target, label, detail=args.detail and k == 0)
                    target.raw_matched += raw_matched
    print("\n| voice | filled-pause F1 (P/R) | onset error median / max (s), within 0.25 s | discourse F1 (P/R) | "
          "literal like flagged | long pauses P / R | words recognised | same, plain faster-whisper | "
          "worst wpm error |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, s in by_voice.items():
        print(row(name, s))
    if not args.more_voices:
        print(row("tuned voices", tuned))
    print(row("all", total))
    for fake in total.fake_long:
        print("long pause not in the truth:", fake)
    for gain_db in () if args.more_voices else REAL_GAINS_DB:
        real_recordings(analyzer, gain_db)


if __name__ == "__main__":
    main()
