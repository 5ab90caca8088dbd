"""Words at a stretch's cut: is the first word after the cut left to the next stretch?

The app transcribes an answer in stretches, each cut in a silence and heard with up to a second of
what follows (voicecoach.transcribe.stretches). Whisper hears the start of the next word in that
lookahead and often stretches it back over the silence, to start before the cut; kept, the next
stretch writes it again and the word is counted twice.

Two sentences with 0.5 s of silence between them, in five voices; the cut 0.25 s into the silence,
with 0.05-0.3 s of the next sentence's first word arrived. Prints, per voice, in how many cases
the stretch kept that word, with the rule that keeps a word said before the cut (by the speech
under its stamp) and with the old rule that kept every word whose stamp started before it.

    python benchmarks/cut_seams.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from speech import Voice, build_answer  # noqa: E402

import voicecoach.transcribe.stretches as stretches  # noqa: E402
from voicecoach.analysis.tokens import normalise  # noqa: E402
from voicecoach.audio.decode import SAMPLE_RATE  # noqa: E402
from voicecoach.pipeline import Analyzer  # noqa: E402

VOICES = {"flite slt x0.85": Voice("flite", 0.85, "slt"), "flite slt": Voice("flite", 1.0, "slt"),
          "espeak-ng en-us": Voice("espeak", 1.0, "en-us"), "piper joe": Voice("piper"),
          "flite awb": Voice("flite", 1.0, "awb")}
PAIRS = [("So the trade off is latency against relevance.", "We track signals like the skip rate."),
         ("Then I would run an experiment for two weeks.", "Users who like jazz skip less."),
         ("The decision rule is to ship if retention goes up.", "Honestly, the hardest part is evaluation."),
         ("I would look at the retention curve.", "And then we ship it.")]
ARRIVED_S = (0.05, 0.1, 0.15, 0.2, 0.3)  # of the next sentence, when the cut was made


def old_rule(word, cut_s, speech) -> bool:
    return word.start < cut_s


def main() -> None:
    analyzer = Analyzer.load()
    rules = {"now": stretches._said_before, "old rule": old_rule}
    print("| voice | cases | next word kept, now | next word kept, old rule |")
    print("|---|---|---|---|")
    totals = dict.fromkeys(rules, 0)
    cases = 0
    for name, voice in VOICES.items():
        kept = dict.fromkeys(rules, 0)
        for before, after in PAIRS:
            answer = build_answer([(before, 0.5), (after, 0.5)], lead_s=0.5, voice=voice)
            first, second = answer.spoken
            cut = int((first.end + 0.25) * SAMPLE_RATE)
            next_word = normalise(after.split()[0])
            for into_s in ARRIVED_S:
                stretch = stretches.Stretch(0, cut, int((second.start + into_s) * SAMPLE_RATE))
                for label, rule in rules.items():
                    stretches._said_before = rule
                    words = stretches.transcribe_stretch(analyzer.transcriber, answer.samples, stretch,
                                                         analyzer.settings.speech_detection)
                    kept[label] += any(normalise(w.text) == next_word and w.end > first.end + 0.1 for w in words)
                stretches._said_before = rules["now"]
        count = len(PAIRS) * len(ARRIVED_S)
        cases += count
        print(f"| {name} | {count} | {kept['now']} | {kept['old rule']} |", flush=True)
        for label in rules:
            totals[label] += kept[label]
    print(f"| all | {cases} | {totals['now']} | {totals['old rule']} |")


if __name__ == "__main__":
    main()
