"""The human-readable report of `voicecoach analyze`: a summary, a pause timeline, the transcript."""

from __future__ import annotations

from collections import Counter

from voicecoach.analysis.delivery import NOT_ENOUGH_VOICE
from voicecoach.labels import category_label, counted
from voicecoach.report import MATRIX_LAYERS, AnswerReport
from voicecoach.timefmt import clock
from voicecoach.transcript import joined

_WIDTH = 72


def timeline_strip(report: AnswerReport, width: int = _WIDTH) -> list[str]:
    """The answer as one line of characters: speech, pauses, long pauses, fillers."""
    start, end = report.answer_start_s, report.answer_end_s
    if end <= start:
        return []
    step = (end - start) / width
    cells = ["█"] * width

    def paint(a: float, b: float, char: str) -> None:
        first = int((a - start) / step)
        last = max(first, int((b - start) / step - 1e-9))
        for i in range(max(first, 0), min(last, width - 1) + 1):
            cells[i] = char

    for pause in report.pauses:
        paint(pause.start, pause.end, "!" if pause.long else "·")
    for a, b in report.unrecognised_speech:
        paint(a, b, "?")
    for filler in report.fillers:
        paint(filler.start, filler.end, "f")
    axis = f"{clock(start):<{width // 2}}{clock(end):>{width - width // 2}}"
    legend = f"█ speech  · pause  ! long pause (> {report.long_pause_s:g} s)  f filler" + (
        "  ? speech not recognised" if report.unrecognised_speech else "")
    return ["".join(cells), axis, legend]


def render(report: AnswerReport) -> str:
    m = report.metrics
    lines = [f"voicecoach · {report.source or 'answer'} · model {report.model}"]
    if not report.speech_found or m is None:
        lines.append(f"No speech found in {report.duration_s:.1f} s of audio.")
        return "\n".join(lines)

    verdict = m.length_verdict
    by = f"{abs(m.length_delta_s):.0f} s {'under' if m.length_delta_s < 0 else 'over'}"
    lines += [
        f"Length      {clock(report.answer_s)} against a {clock(report.target_s)} target: {verdict} ({by});"
        f" think time {report.think_time_s:.1f} s",
        f"Pace        {m.wpm:.0f} wpm ({m.pace_verdict}); articulation {m.articulation_wpm:.0f} wpm",
    ]
    counts = Counter(f.text.lower() for f in report.fillers)
    kinds = ", ".join(f"{text} ×{n}" for text, n in counts.most_common())
    band = f"/min, {m.filler_verdict}" if m.filler_verdict != "n/a" else "/min"
    lines.append(f"Fillers     {m.filler_count} ({m.fillers_per_min:.1f}{band}){': ' + kinds if kinds else ''}")
    lines.append(
        f"Pauses      {counted(m.pause_count, 'pause')}, {m.long_pause_count} long (> {report.long_pause_s:g} s),"
        f" longest {m.longest_pause_s:.1f} s"
    )
    hedges = ", ".join(f'"{h.text}"' for h in report.hedges[:4])
    boosters = ", ".join(f'"{b.text}"' for b in report.boosters[:4])
    lines.append(
        f"Confidence  {m.confidence_verdict}: {counted(m.hedge_count, 'hedge')}{' (' + hedges + ')' if hedges else ''},"
        f" {counted(m.booster_count, 'booster')}{' (' + boosters + ')' if boosters else ''}"
        + (f", {m.calibrated_count} calibrated" if m.calibrated_count else "")
    )
    lines += ["", "Pause timeline"] + ["  " + line for line in timeline_strip(report)]
    long_pauses = [p for p in report.pauses if p.long]
    for pause in long_pauses:
        lines.append(
            f"  ! {clock(pause.start)}–{clock(pause.end)} ({pause.duration:.1f} s)"
            f" after “{pause.before}” before “{pause.after}”"
        )
    for a, b in report.unrecognised_speech:
        lines.append(f"  ? {clock(a)}–{clock(b)}: speech the model could not make out (not counted as a pause)")
    lines += content_lines(report)
    lines += delivery_lines(report)
    lines += constraint_lines(report)
    if report.follow_ups:
        lines += ["", "An interviewer would ask next"]
        lines += [f"  → {f.text}  ({f.evidence})" for f in report.follow_ups]
    lines += ["", "Transcript (fillers in [brackets]; [(um?)]: a filled pause heard in the audio, not written)"]
    lines.append("  " + joined(transcript_tokens(report)))
    return "\n".join(lines)


def transcript_tokens(report: AnswerReport) -> list[str]:
    """The words, fillers bracketed, with each filled pause found only in the audio where it was said."""
    heard = sorted((f.start for f in report.fillers if f.source == "audio"), reverse=True)
    tokens = []
    for w in report.words:
        while heard and heard[-1] <= w.start:
            tokens.append("[(um?)]")
            heard.pop()
        tokens.append(f"[{w.text}]" if w.kind == "filler" else w.text)
    return tokens + ["[(um?)]"] * len(heard)


def constraint_lines(report: AnswerReport) -> list[str]:
    """Trade-off timing: the constraint the interviewer added, and whether the answer took it in
    before proposing trade-offs."""
    check = report.constraint
    if check is None:
        return []
    said = lambda p: f"“{p.text}” {clock(p.start)}" if p else "never"  # noqa: E731
    lines = ["", f"Constraint  “{check.text}” (stated at {clock(check.stated_s)}): {check.verdict}",
             f"  named: {said(check.acknowledged)}; first trade-off: {said(check.first_tradeoff)}"]
    return lines + ([f"  → {check.tip}"] if check.tip else [])


def _listed(phrases, limit: int = 4) -> str:
    shown = ", ".join(f"“{p.text}” {clock(p.start)}" for p in phrases[:limit])
    return shown + (f" (+{len(phrases) - limit})" if len(phrases) > limit else "") if phrases else "none"


def delivery_lines(report: AnswerReport) -> list[str]:
    d = report.delivery
    if d is None:
        return []
    pitch = (f"median {d.pitch_median_hz:.0f} Hz, varies {d.pitch_variation_st:.1f} semitones"
             + (" (monotone)" if d.monotone else "")) if d.pitch_median_hz else NOT_ENOUGH_VOICE.lower()
    pace = ", ".join(f"{w.wpm:.0f}" for w in d.pace_windows)
    trailing = (f"; {counted(len(d.trailing_off), 'sentence')} trail{'s' if len(d.trailing_off) == 1 else ''} off"
                if d.trailing_off else "")
    lines = [
        "", "Delivery",
        f"  Pitch       {pitch}",
        f"  Uptalk      {len(d.rises)} of {d.statements} statements end rising",
        f"  Level       {d.level_dbfs:.0f} dBFS{trailing}",
        f"  Pace        {pace} wpm over the answer{' (rushing at the end)' if d.rushing else ''}",
    ]
    lines += [f"  • {tip}" for tip in d.tips]
    return lines


def content_lines(report: AnswerReport) -> list[str]:
    signals = report.signals
    if signals is None:
        return []
    framing = signals.metric_framing
    metric = (f"“{framing.metrics[0].text}” at {clock(framing.metrics[0].start)}"
              f"{' (early)' if framing.early else ' (late)'}") if framing.metrics else "none named"
    star = signals.star
    star_parts = [p for p in ("situation", "task", "action", "result", "reflection") if getattr(star, p)]
    matrix = signals.decision_matrix
    named = [layer for layer in MATRIX_LAYERS if layer not in matrix.missing]
    lean = signals.lean_first
    heading = f"Content{' for ' + category_label(signals.category) if signals.category else ''}"
    rows = [
        ("Metric", metric, bool(framing.metrics)),
        ("Experiment", _listed(signals.experiments), bool(signals.experiments)),
        ("Decision", _listed(signals.decision_rules, 2), bool(signals.decision_rules)),
        ("Numbers", _listed(signals.quantities), bool(signals.quantities)),
        ("Trade-offs", _listed(signals.tradeoffs), bool(signals.tradeoffs)),
        ("Weighs", ", ".join(named) or "none", bool(named)),
        ("Builds", "; ".join(([counted(len(lean.components), "component") + (", solution bloat" if lean.bloated else "")]
                              if lean.components else []) + ([f"minimal first: “{lean.minimal.text}”"] if lean.minimal else []))
         or "nothing", bool(lean.components or lean.minimal)),
        ("STAR", (', '.join(star_parts) or 'none') + (" (result quantified)" if star.result_quantified else ""),
         bool(star_parts)),
    ]
    # Without a category every row is optional: only what the answer has is shown.
    lines = ["", heading] + [f"  {name:<11} {value}" for name, value, found in rows if found or signals.category]
    if signals.tips:
        lines += ["", "Coaching"] + [f"  • {tip.text}" for tip in signals.tips]
    return lines
