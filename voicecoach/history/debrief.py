"""A session's debrief (voicecoach.analysis.debrief) from the history, as Markdown: what the TUI's
summary shows, and what `voicecoach debrief` prints or writes."""

from __future__ import annotations

from typing import Optional

from voicecoach.analysis.debrief import Scorecard, debrief
from voicecoach.errors import VoicecoachError
from voicecoach.options import AnalysisOptions
from voicecoach.plaintext import markdown_cell
from voicecoach.storage import Store


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
    return session_id, debrief([a.report for a in answers], [a.question_text for a in answers], options)


def session_debrief(store: Store, session_id: Optional[int] = None,
                    options: AnalysisOptions = AnalysisOptions()) -> tuple[int, str]:
    """(session id, its debrief as Markdown): the latest session's when `session_id` is None."""
    session_id, card = session_scorecard(store, session_id, options)
    return session_id, to_markdown(card, f"Debrief of session {session_id}")


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
