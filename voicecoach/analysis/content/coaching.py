"""Coaching tips: expected signals that are missing, and confidence calibration, in plain words
that quote what was said and when."""

from __future__ import annotations

from typing import Sequence

from voicecoach.analysis.confidence import ConfidenceFindings
from voicecoach.analysis.tokens import Token, phrase_text
from voicecoach.report import MATRIX_LAYERS, ContentSignals, Phrase, Tip
from voicecoach.timefmt import clock

_EARLY_HEDGE_S = 30.0
_EARLY_HEDGES = 3
_QUOTE_WORDS = 6


def _quote_sentence(phrase: Phrase, tokens: Sequence[Token], words) -> str:
    """The phrase and the rest of its sentence, up to a few words: what the listener heard."""
    start = next(i for i, t in enumerate(tokens) if t.start >= phrase.start - 1e-6)
    sentence = tokens[start].sentence
    in_sentence = [i for i in range(start, len(tokens)) if tokens[i].sentence == sentence][:_QUOTE_WORDS]
    return phrase_text(words, tokens, in_sentence[0], in_sentence[-1])


def _first(phrases: list[Phrase]) -> str:
    return f"'{phrases[0].text}' at {clock(phrases[0].start)}"


def missing_signal_tips(signals: ContentSignals, answer_start: float) -> list[Tip]:
    tips = []
    framing = signals.metric_framing
    for signal in signals.missing:
        if signal == "metric_first":
            if framing.metrics:
                tips.append(Tip(signal, f"Lead with the success metric: the first one, {_first(framing.metrics)}, "
                                        f"comes {framing.metrics[0].start - answer_start:.0f} s in.",
                                framing.metrics[0].start))
            else:
                tips.append(Tip(signal, "Name a concrete success metric early (e.g. weekly active minutes, "
                                        "retention, listen-through rate); none was named."))
        elif signal == "experiment":
            tips.append(Tip(signal, "Say how you would test it: no A/B test, holdout or control group was mentioned."))
        elif signal == "decision_rule":
            tips.append(Tip(signal, "Add a decision rule, a threshold and an action: \"if minutes rise at least "
                                    "1 %, we roll out to 20 %\"."))
        elif signal == "quantified_impact":
            tips.append(Tip(signal, "Quantify the impact: no number with a unit (%, ms, users, minutes) was given."))
        elif signal == "tradeoffs":
            tips.append(Tip(signal, "Name the trade-off (latency vs relevance, accuracy vs interpretability) "
                                    "and which side you would take."))
        elif signal == "decision_matrix":
            missing = signals.decision_matrix.missing
            if len(missing) == 3:
                tips.append(Tip(signal, "Weigh the proposal on impact, confidence and effort, side by side: "
                                        "none of the three was named."))
            else:
                named = [layer for layer in MATRIX_LAYERS if layer not in missing]
                tips.append(Tip(signal, f"Weigh the proposal on {' and '.join(missing)} as well: you named "
                                        f"{' and '.join(named)}."))
        elif signal == "lean_first":
            lean = signals.lean_first
            if lean.bloated:
                first = lean.components[0]
                tips.append(Tip(signal, f"Lead with the smallest change that could work: {len(lean.components)} "
                                        f"components named, starting with {_first(lean.components)}"
                                        + (f", before {_first([lean.minimal])}." if lean.minimal else
                                           ", and no minimal first step."), first.start))
            else:
                tips.append(Tip(signal, "Propose a minimal first step (a baseline, a heuristic, the existing "
                                        "model) before any new system."))
        elif signal == "star":
            parts = ", ".join(signals.star.missing) or "a quantified result"
            at = signals.star.result[0].start if signals.star.result else None
            tips.append(Tip(signal, f"STAR: add {parts}.", at))
    return tips


def calibration_tips(
    confidence: ConfidenceFindings, tokens: Sequence[Token], words, answer_start: float
) -> list[Tip]:
    tips = []
    early = [h for h in confidence.hedges if h.start - answer_start <= _EARLY_HEDGE_S]
    if len(early) >= _EARLY_HEDGES:
        listed = ", ".join(f"'{h.text}' {clock(h.start)}" for h in early[:4])
        tips.append(Tip("confidence", f"{len(early)} hedges in the first 30 s ({listed}): state the claim, "
                                      "then the caveat.", early[0].start))
    for booster in confidence.boosters:
        quote = _quote_sentence(booster, tokens, words)
        tips.append(Tip("confidence", f"'{quote}' at {clock(booster.start)} reads as over-confident: "
                                      "tie it to evidence.", booster.start))
    return tips


def rambling_tips(signals: ContentSignals, target_s: float) -> list[Tip]:
    tips = []
    for repeated in signals.rambling.repeated:
        times = ", ".join(clock(t) for t in repeated.starts[:4])
        tips.append(Tip("rambling", f"'{repeated.text}' said {len(repeated.starts)} times ({times}).",
                        repeated.starts[0]))
    if signals.rambling.running_long:
        share = signals.rambling.overtime_new_content or 0.0
        tips.append(Tip("rambling", f"Past {clock(target_s)} only {share:.0%} of the words are new: wrap up."))
    return tips
