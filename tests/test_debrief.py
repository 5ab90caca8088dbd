"""The session debrief (voicecoach.analysis.debrief) over constructed answers, and its Markdown."""

import pytest
from builders import speech_under, words_at

from voicecoach.analysis import analyze
from voicecoach.analysis.debrief import debrief
from voicecoach.history.debrief import to_markdown
from voicecoach.settings import load_lexicons
from voicecoach.transcript import Transcript

LEXICONS = load_lexicons()

STRONG = ("The metric is weekly retention. We would start with a popularity baseline, low effort, "
          "and the evidence from last year says the impact is real. We would run an experiment for two weeks. "
          "If retention rises by one point we ship it to everyone. The trade-off is latency versus relevance.")
BLOATED = ("We would build a feature store, a streaming pipeline and a two tower model, then maybe start with "
           "a simple baseline.")
WEAK = "Um I think it might maybe work. Uh we could perhaps try a model. I guess it probably depends."


def report_of(text: str, pause_after: int = 0, pause_s: float = 0.0):
    """`text` at 0.3 s a word from 1 s; `pause_s` of silence after word `pause_after`."""
    words = words_at(text)
    if pause_s:
        words = words[:pause_after] + [w.__class__(w.text, w.start + pause_s, w.end + pause_s)
                                       for w in words[pause_after:]]
    return analyze(Transcript(words), speech_under(words, words[-1].end + 1.0), LEXICONS, category="ml_system_design")


def test_each_row_judges_each_answer_with_its_evidence():
    strong, weak = report_of(STRONG), report_of(WEAK, pause_after=7, pause_s=6.0)
    card = debrief([strong, weak], ["Evaluate the model.", "Would you ship it?"])
    rows = {r.key: r for r in card.rows}
    assert [v.ok for v in rows["metric_first"].verdicts] == [True, False]
    first = rows["metric_first"].verdicts[0]
    assert (first.text, first.evidence, first.at) == ("metric first", "“retention” at 2.2 s", pytest.approx(2.2))
    assert [v.text for v in rows["decision_rule"].verdicts] == ["decision rule", "no decision rule"]
    assert [v.ok for v in rows["tradeoffs"].verdicts] == [True, False]
    assert [v.ok for v in rows["long_pauses"].verdicts] == [True, False]
    pause = rows["long_pauses"].verdicts[1]
    assert (pause.text, pause.evidence) == ("1 over 5 s", "6.0 s at 3.1 s after \u201cmight maybe work.\u201d")
    assert pause.at == pytest.approx(1 + 7 * 0.3)
    assert rows["fillers"].verdicts[1].ok is False and rows["calibration"].verdicts[1].text == "hedging"
    # Both are far under two minutes; every other row the strong answer passes.
    assert rows["length"].missed == 2 and all(r.verdicts[0].ok for r in card.rows if r.key != "length")
    assert {r.key for r in card.practise_next} >= {"metric_first", "decision_rule", "tradeoffs", "long_pauses"}


def test_the_decision_matrix_and_lean_first_rows():
    strong, bloated, weak = report_of(STRONG), report_of(BLOATED), report_of(WEAK)
    rows = {r.key: r for r in debrief([strong, bloated, weak], ["a", "b", "c"]).rows}
    matrix = rows["decision_matrix"].verdicts
    assert [v.ok for v in matrix] == [True, False, False]
    assert matrix[0].evidence == "“impact” at 7.6 s, “evidence” at 5.8 s, “low effort” at 4.6 s"
    assert matrix[0].at == pytest.approx(4.6)
    assert matrix[1].text == "not weighed" and matrix[1].at is None
    lean = rows["lean_first"].verdicts
    assert [(v.ok, v.text) for v in lean] == [(True, "minimal change first"),
                                              (False, "3 components first"),
                                              (True, "nothing to build")]
    assert (lean[0].evidence, lean[1].evidence) == ("“popularity baseline” at 4.0 s", "“feature store” at 2.2 s")


def test_practise_next_ranks_by_how_many_answers_it_would_change():
    card = debrief([report_of(WEAK), report_of(WEAK), report_of(STRONG)], ["a", "b", "c"])
    ranked = card.practise_next
    # All three are far short of two minutes; only the weak two miss the metric, the rule and so on.
    assert (ranked[0].key, ranked[0].missed) == ("length", 3)
    assert [r.missed for r in ranked[1:]] == [2] * (len(ranked) - 1)
    assert {r.key for r in ranked[1:]} >= {"metric_first", "decision_rule", "tradeoffs", "fillers", "calibration"}


def test_an_answer_with_no_speech_is_left_out_and_markdown_shows_every_row():
    silent = analyze(Transcript([]), speech_under([], 5.0), LEXICONS)
    card = debrief([report_of(STRONG), silent], ["Spoken | with a pipe", "Silent"])
    assert card.questions == ["Spoken | with a pipe"] and card.answers == [0]
    assert all(len(r.verdicts) == 1 for r in card.rows)
    text = to_markdown(card, "Debrief of session 1")
    assert text.startswith("# Debrief of session 1\n\n1. Spoken \\| with a pipe\n")
    assert text.count("\n| ") == len(card.rows) + 1  # the header and one line a row
    assert "| Metric-first framing | ✓ metric first: “retention” at 2.2 s |" in text


def test_the_evidence_of_each_signal_in_the_order_it_was_said():
    from voicecoach.analysis.content.signals import evidence

    rows = evidence(report_of(STRONG).signals)
    labels = [what for what, _ in rows]
    assert labels[0] == "metric (first)" and rows[0][1].text.strip(" .") == "retention"
    assert {"quantity", "decision rule", "trade-off"} <= set(labels)
    assert [p.start for _, p in rows] == sorted(p.start for _, p in rows)
    assert evidence(report_of(WEAK).signals) == []  # no metric, rule, number or trade-off in it


def test_the_scorecard_week_by_week(tmp_path):
    from voicecoach.history.debrief import weekly_markdown, weekly_scorecards
    from voicecoach.storage.store import Store

    store = Store(tmp_path)
    for when, text in [("2026-11-02T09:00:00", STRONG), ("2026-11-04T09:00:00", WEAK),  # Monday, Wednesday
                       ("2026-11-10T09:00:00", WEAK), ("2026-11-16T09:00:00", STRONG)]:
        store.save_answer(report_of(text), question_text="q", recorded_at=when)
    weeks = weekly_scorecards(store, since="2026-11-03")
    assert [week for week, _ in weeks] == ["2026-11-02", "2026-11-09", "2026-11-16"]  # Nov 2 is before `since`
    assert [len(card.answers) for _, card in weeks] == [1, 1, 1]
    text = weekly_markdown(weekly_scorecards(store))
    assert "| | 2026-11-02 | 2026-11-09 | 2026-11-16 |" in text
    assert "| Metric-first framing | 1/2 | 0/1 | 1/1 |" in text
    assert "| Within the target | 0/2 | 0/1 | 0/1 |" in text
    assert weekly_markdown([]) == "No answers in the history for these weeks.\n"
