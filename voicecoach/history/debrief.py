"""A session's debrief (voicecoach.analysis.debrief) from the history, as Markdown or one HTML page:
what the TUI's summary shows, and what `voicecoach debrief` prints or writes; and the same rows
week by week."""

from __future__ import annotations

import html
from datetime import date
from itertools import groupby
from typing import Optional, Sequence

from voicecoach.analysis.debrief import Scorecard, debrief
from voicecoach.errors import VoicecoachError
from voicecoach.history.commands import week_start
from voicecoach.history.export import html_page
from voicecoach.options import AnalysisOptions
from voicecoach.plaintext import markdown_cell
from voicecoach.storage import Store
from voicecoach.storage.store import StoredAnswer


def session_scorecard(store: Store, session_id: Optional[int] = None,
                      options: AnalysisOptions = AnalysisOptions()) -> tuple[int, Scorecard]:
    """(session id, its scorecard): the latest session's when `session_id` is None. Follow-ups
    count as answers of their own, as the panel hears them."""
    if session_id is None:
        sessions = store.recent_sessions(1)
        if not sessions:
            raise VoicecoachError("no sessions in the history yet")
        session_id = sessions[0].id
    answers = store.answers(session_id)
    if not answers:
        raise VoicecoachError(f"session {session_id} has no answers")
    return session_id, scorecard_of(answers, options)


def scorecard_of(answers: Sequence[StoredAnswer], options: AnalysisOptions = AnalysisOptions()) -> Scorecard:
    """The debrief of stored answers, in their order."""
    return debrief([a.report for a in answers], [a.question_text for a in answers], options)


def session_debrief(store: Store, session_id: Optional[int] = None,
                    options: AnalysisOptions = AnalysisOptions(), fmt: str = "md") -> tuple[int, str]:
    """(session id, its debrief as Markdown, or as HTML with `fmt` "html"): the latest session's
    when `session_id` is None."""
    session_id, card = session_scorecard(store, session_id, options)
    render = to_html if fmt == "html" else to_markdown
    return session_id, render(card, f"Debrief of session {session_id}")


def to_markdown(card: Scorecard, title: str) -> str:
    lines = [f"# {markdown_cell(title)}", ""]
    lines += [f"{i}. {markdown_cell(q)}" for i, q in enumerate(card.questions, 1)]
    lines += ["", "| | " + " | ".join(f"Q{i}" for i in range(1, len(card.questions) + 1)) + " |",
              "|---|" + "---|" * len(card.questions)]
    for row in card.rows:
        cells = [("✓ " if v.ok else "✗ ") + v.text + (f": {v.evidence}" if v.evidence else "")
                 for v in row.verdicts]
        lines.append(f"| {markdown_cell(row.name)} | " + " | ".join(markdown_cell(c) for c in cells) + " |")
    lines += ["", "## Practise next", ""]
    ranked = card.practise_next
    lines += [f"{i}. **{markdown_cell(r.name)}** ({r.missed} of {len(r.verdicts)} answers): {markdown_cell(r.practise)}"
              for i, r in enumerate(ranked, 1)] or ["Every row passed."]
    return "\n".join(lines) + "\n"


def to_html(card: Scorecard, title: str) -> str:
    """The scorecard as one offline page: the questions, a verdict per row and answer with its
    evidence, and what to practise next."""
    questions = "".join(f"<li>{html.escape(q)}</li>" for q in card.questions)
    head = "<tr><th></th>" + "".join(f"<th>Q{i}</th>" for i in range(1, len(card.questions) + 1)) + "</tr>"
    rows = "".join(
        f"<tr><td>{html.escape(row.name)}</td>" + "".join(
            f'<td class="{"good" if v.ok else "bad"}">{"✓" if v.ok else "✗"} {html.escape(v.text)}'
            + (f'<br><span class="muted">{html.escape(v.evidence)}</span>' if v.evidence else "") + "</td>"
            for v in row.verdicts) + "</tr>"
        for row in card.rows)
    practise = "".join(f"<li><b>{html.escape(r.name)}</b> ({r.missed} of {len(r.verdicts)} answers): "
                       f"{html.escape(r.practise)}</li>" for r in card.practise_next)
    return html_page(title, f"<ol>{questions}</ol><table class=\"scorecard\">{head}{rows}</table>"
                            f"<h2>Practise next</h2>" + (f"<ol>{practise}</ol>" if practise else "<p>Every row passed.</p>"))


def weekly_scorecards(store: Store, since: str = "", options: AnalysisOptions = AnalysisOptions()
                      ) -> list[tuple[str, Scorecard]]:
    """(the week's Monday, the scorecard of every answer recorded that week), oldest first, from
    `since` (an ISO date) on: how each row the panel judges moves from week to week."""
    answers = sorted((a for a in store.answers() if a.recorded_at >= since), key=lambda a: a.recorded_at)
    def week_of(answer: StoredAnswer) -> str:
        return week_start(date.fromisoformat(answer.recorded_at[:10])).isoformat()

    return [(week, scorecard_of(list(in_week), options)) for week, in_week in groupby(answers, key=week_of)]


def weekly_markdown(weeks: list[tuple[str, Scorecard]]) -> str:
    """One line per debrief row, one column per week: the share of that week's answers it passed."""
    if not weeks:
        return "No answers in the history for these weeks.\n"
    lines = ["# Debrief by week", "", "Answers that passed each row, per week (Monday's date).", "",
             "| | " + " | ".join(week for week, _ in weeks) + " |", "|---|" + "---|" * len(weeks)]
    for k, row in enumerate(weeks[0][1].rows):
        cells = []
        for _, card in weeks:
            verdicts = card.rows[k].verdicts
            passed = sum(v.ok for v in verdicts)
            cells.append(f"{passed}/{len(verdicts)}" if verdicts else "–")
        lines.append(f"| {markdown_cell(row.name)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
