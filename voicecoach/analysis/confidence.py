"""Hedges and boosters, and whether the answer's confidence reads as calibrated."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from voicecoach.analysis.lexicon import ConfidenceLexicon
from voicecoach.analysis.tokens import PhraseMatcher, phrase_at, tokenize
from voicecoach.options import AnalysisOptions
from voicecoach.report import Phrase
from voicecoach.transcript import Word


@dataclass
class ConfidenceFindings:
    hedges: list[Phrase] = field(default_factory=list)
    boosters: list[Phrase] = field(default_factory=list)  # unqualified
    calibrated: list[Phrase] = field(default_factory=list)  # boosters tied to evidence


def find_confidence(
    words: Sequence[Word], lexicon: ConfidenceLexicon, options: AnalysisOptions
) -> ConfidenceFindings:
    tokens = tokenize(words)
    matcher = PhraseMatcher(
        [(p, "hedge") for p in lexicon.hedges] + [(p, "booster") for p in lexicon.boosters]
    )
    calibrators = PhraseMatcher((p, "calibrator") for p in lexicon.calibrators).find(tokens)
    window = options.calibration_window_words

    found = ConfidenceFindings()
    for match in matcher.find(tokens):
        phrase = phrase_at(words, tokens, match.first, match.last)
        if match.tag == "hedge":
            found.hedges.append(phrase)
        elif any(
            -window <= c.first - match.last <= window or -window <= match.first - c.last <= window
            for c in calibrators
        ):
            found.calibrated.append(phrase)
        else:
            found.boosters.append(phrase)
    return found


def confidence_verdict(hedges: int, boosters: int, minutes: float, options: AnalysisOptions) -> str:
    if minutes <= 0:
        return "n/a"
    # A short answer is judged as if it were half a minute long, so one phrase in ten seconds
    # does not read as six a minute.
    minutes = max(minutes, 0.5)
    hedge_rate, booster_rate = hedges / minutes, boosters / minutes
    if booster_rate >= options.over_confident_per_min and boosters > hedges:
        return "over-confident"
    if hedge_rate >= options.hedging_per_min and hedges > boosters:
        return "hedging"
    return "balanced"
