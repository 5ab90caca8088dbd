"""What an interviewer would ask next: deterministic rules over what the answer lacked or overdid
(its content signals, confidence and length), with questions worded in prompts/lexicons/followups.toml.
A pure function of the finished report."""

from __future__ import annotations

from typing import Callable, Optional

from voicecoach.analysis.lexicon import FollowUpLexicon
from voicecoach.labels import quoted
from voicecoach.report import AnswerReport, FollowUp
from voicecoach.timefmt import clock

# A rule looks at the report and gives (evidence, time) when it applies, None when it does not.
Finding = Optional[tuple[str, Optional[float]]]


def _decision_rule(report: AnswerReport) -> Finding:
    s = report.signals
    if s is None or s.decision_rules:
        return None
    result = (s.quantities or s.experiments or [None])[0]
    if result is None:
        return None
    return f"{quoted(result.text, result.start)}, but no rule that turns it into a decision", result.start


def _metric(report: AnswerReport) -> Finding:
    s = report.signals
    if s is None or report.answer_s <= 0:
        return None
    if not s.metric_framing.metrics:
        return "no success metric named", None
    if not s.metric_framing.early:
        first = s.metric_framing.metrics[0]
        return f"the first metric, \u201c{first.text}\u201d, came late, at {clock(first.start)}", first.start
    return None


def _evidence(report: AnswerReport) -> Finding:
    if not report.boosters:
        return None
    claim = report.boosters[0]
    return f"{quoted(claim.text, claim.start)} with no evidence near it", claim.start


def _shorter(report: AnswerReport) -> Finding:
    m = report.metrics
    if m is None or m.length_verdict != "over":
        return None
    return f"{clock(report.answer_s)} against a {clock(report.target_s)} target", None


def _recommend(report: AnswerReport) -> Finding:
    m = report.metrics
    if m is None or m.confidence_verdict != "hedging":
        return None
    first = report.hedges[0] if report.hedges else None
    return (f"{m.hedge_count} hedges in {clock(report.answer_s)}"
            + (f", from {quoted(first.text, first.start)}" if first else ""),
            first.start if first else None)


RULES: dict[str, Callable[[AnswerReport], Finding]] = {
    "decision_rule": _decision_rule, "metric": _metric, "evidence": _evidence, "shorter": _shorter,
    "recommend": _recommend,
}


def choose_follow_ups(report: AnswerReport, lexicon: FollowUpLexicon) -> list[FollowUp]:
    """The follow-ups that apply, in the lexicon's order, at most `lexicon.max`."""
    chosen = []
    for rule, text in lexicon.questions:
        if len(chosen) == lexicon.max:
            break
        finding = RULES[rule](report)
        if finding is not None:
            chosen.append(FollowUp(rule, text, *finding))
    return chosen
