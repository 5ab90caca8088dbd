"""The panel's debrief of a session or round: one row per thing panels judge (metric-first framing,
a decision rule, trade-offs and their timing, the decision matrix, lean first vs solution bloat,
calibrated confidence, length, long pauses, fillers, delivery), a verdict on each answer with its
evidence, and what to practise next - ranked by how many answers it would change. A pure function
of the answers' reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

from voicecoach.analysis.constraint_timing import ACKNOWLEDGED_FIRST
from voicecoach.labels import counted, quoted
from voicecoach.options import AnalysisOptions
from voicecoach.report import MATRIX_LAYERS, AnswerReport, DecisionMatrix, LeanFirst
from voicecoach.timefmt import clock


@dataclass(frozen=True)
class Verdict:
    ok: bool
    text: str  # "metric first", "no decision rule", ...
    evidence: str = ""  # the words and time it stands on
    at: Optional[float] = None  # where to replay from


@dataclass(frozen=True)
class ScoreRow:
    key: str
    name: str
    verdicts: list[Verdict]  # one per answer judged, in order
    practise: str  # what to practise while this row fails

    @property
    def missed(self) -> int:
        return sum(not v.ok for v in self.verdicts)


@dataclass(frozen=True)
class Scorecard:
    questions: list[str]
    rows: list[ScoreRow] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # which of the answers given were judged (had speech)

    @property
    def practise_next(self) -> list[ScoreRow]:
        """The failing rows, the one that would change the most verdicts first (then in the
        order panels weigh them)."""
        failing = [r for r in self.rows if r.missed]
        return sorted(failing, key=lambda r: -r.missed)


def _on(ok: bool, text: str, phrase=None) -> Verdict:
    """A verdict standing on `phrase` (anything with the words' text and start), quoted and replayed
    from; on nothing when it is None."""
    if phrase is None:
        return Verdict(ok, text)
    return Verdict(ok, text, quoted(phrase.text, phrase.start), phrase.start)


def _metric_first(report: AnswerReport, options: AnalysisOptions) -> Verdict:
    framing = report.signals.metric_framing if report.signals else None
    if framing is None or not framing.metrics:
        return Verdict(False, "no metric")
    return _on(framing.early, "metric first" if framing.early else "metric late", framing.metrics[0])


def _decision_rule(report: AnswerReport, options: AnalysisOptions) -> Verdict:
    rules = report.signals.decision_rules if report.signals else []
    return _on(True, "decision rule", rules[0]) if rules else Verdict(False, "no decision rule")


def _tradeoffs(report: AnswerReport, options: AnalysisOptions) -> Verdict:
    check = report.constraint
    if check is not None and check.verdict != ACKNOWLEDGED_FIRST:
        if check.first_tradeoff is None:
            return Verdict(False, check.verdict, f"\u201c{check.text}\u201d never named")
        return _on(False, check.verdict, check.first_tradeoff)
    tradeoffs = report.signals.tradeoffs if report.signals else []
    if tradeoffs:
        return _on(True, "trade-off named" + (", after the constraint" if check else ""), tradeoffs[0])
    return Verdict(False, "no trade-off named")


def _decision_matrix(report: AnswerReport, options: AnalysisOptions) -> Verdict:
    matrix = report.signals.decision_matrix if report.signals else DecisionMatrix()
    named = [p for layer in MATRIX_LAYERS for p in getattr(matrix, layer)[:1]]
    evidence = ", ".join(quoted(p.text, p.start) for p in named)
    at = min((p.start for p in named), default=None)
    if not matrix.missing:
        return Verdict(True, "impact, confidence, effort", evidence, at)
    if not named:
        return Verdict(False, "not weighed")
    return Verdict(False, "no " + ", ".join(matrix.missing), evidence, at)


def _lean_first(report: AnswerReport, options: AnalysisOptions) -> Verdict:
    lean = report.signals.lean_first if report.signals else LeanFirst()
    count = len(lean.components)
    if lean.bloated:
        return _on(False, f"{count} components first", lean.components[0])
    if lean.minimal is not None:
        return _on(True, "minimal change first", lean.minimal)
    if lean.components:
        return _on(True, counted(count, "component"), lean.components[0])
    return Verdict(True, "nothing to build")


def _calibration(report: AnswerReport, options: AnalysisOptions) -> Verdict:
    verdict = report.metrics.confidence_verdict
    phrases = report.boosters if verdict == "over-confident" else report.hedges if verdict == "hedging" else []
    return _on(verdict in ("balanced", "n/a"), verdict, phrases[0] if phrases else None)


def _length(report: AnswerReport, options: AnalysisOptions) -> Verdict:
    verdict = report.metrics.length_verdict
    return Verdict(verdict == "on target", verdict, f"{clock(report.answer_s)} of {clock(report.target_s)}")


def _long_pauses(report: AnswerReport, options: AnalysisOptions) -> Verdict:
    long_pauses = [p for p in report.pauses if p.long]
    if not long_pauses:
        return Verdict(True, "none")
    worst = max(long_pauses, key=lambda p: p.duration)
    return Verdict(False, f"{len(long_pauses)} over {report.long_pause_s:g} s",
                   f"{worst.duration:.1f} s at {clock(worst.start)} after \u201c{worst.before}\u201d", worst.start)


def _fillers(report: AnswerReport, options: AnalysisOptions) -> Verdict:
    rate = report.metrics.fillers_per_min
    return _on(rate <= options.fillers_ok_per_min, f"{rate:.1f}/min", report.fillers[0] if report.fillers else None)


def _delivery(report: AnswerReport, options: AnalysisOptions) -> Verdict:
    d = report.delivery
    if d is None:
        return Verdict(True, "not measured")
    problems = (["monotone"] if d.monotone else []) + ([f"{len(d.rises)} uptalk"] if d.rises else []) + (
        ["rushing"] if d.rushing else [])
    if not problems:
        return Verdict(True, f"{d.pitch_variation_st:.1f} st variation")
    first = d.rises[0] if d.rises else None
    return Verdict(False, ", ".join(problems),
                   f"rise on {quoted(first.words, first.start)}" if first else "",
                   first.start if first else None)


ROWS: list[tuple[str, str, Callable[[AnswerReport, AnalysisOptions], Verdict], str]] = [
    ("metric_first", "Metric-first framing", _metric_first,
     "Open with the metric you would move, in the first sentence."),
    ("decision_rule", "Decision rule", _decision_rule,
     "Close the loop: KPI, experiment, then the rule that decides (\"ship if retention rises by a point\")."),
    ("tradeoffs", "Trade-offs and their timing", _tradeoffs,
     "Name the constraint back, then weigh two options against it (\"given the budget, A costs X, B costs Y\")."),
    ("decision_matrix", "Decision matrix", _decision_matrix,
     "Score the proposal on impact, confidence and effort, side by side, before you pick."),
    ("lean_first", "Lean first", _lean_first,
     "Start with the smallest change that could move the metric; add a component only where it falls short."),
    ("calibration", "Calibrated confidence", _calibration,
     "Say how sure you are and why: evidence for strong claims, a recommendation instead of hedges."),
    ("length", "Within the target", _length, "Land the answer inside the target: headline, evidence, decision."),
    ("long_pauses", "No pause over the limit", _long_pauses,
     "Bridge a long think with a signpost (\"two options come to mind\") instead of silence."),
    ("fillers", "Fillers", _fillers, "Replace um/uh with a short silent pause."),
    ("delivery", "Delivery", _delivery, "Vary pitch on the key number; end statements falling, not rising."),
]


def debrief(reports: Sequence[AnswerReport], questions: Sequence[str],
            options: AnalysisOptions = AnalysisOptions()) -> Scorecard:
    """The scorecard of answers (with speech) and the questions they answer, in order."""
    kept = [i for i, r in enumerate(reports) if r.speech_found and r.metrics is not None]
    rows = [ScoreRow(key, name, [judge(reports[i], options) for i in kept], practise)
            for key, name, judge, practise in ROWS]
    return Scorecard([questions[i] for i in kept], rows, kept)
