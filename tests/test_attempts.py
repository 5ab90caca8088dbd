"""Attempt against attempt (voicecoach.analysis.attempts) over constructed answers."""

from test_debrief import STRONG, WEAK, report_of

from voicecoach.analysis.attempts import compare_attempts
from voicecoach.storage import Store


def test_what_changed_between_two_attempts_and_whether_for_the_better():
    weak, strong = report_of(WEAK, pause_after=7, pause_s=6.0), report_of(STRONG)
    changes = {c.measure: c for c in compare_attempts(weak, strong)}
    assert (changes["Long pauses"].before, changes["Long pauses"].after, changes["Long pauses"].better) == (
        "1", "0", True)
    assert changes["Fillers per minute"].better is True and changes["Hedges"].better is True
    assert changes["Fillers per minute"].before == f"{weak.metrics.fillers_per_min:.1f}"
    gained = [m for m in changes if m.startswith("Gained: ")]
    assert {"Gained: metric first", "Gained: a decision rule", "Gained: trade-offs"} <= set(gained)
    assert not [m for m in changes if m.startswith("Lost: ")]
    # The other way round, every change is for the worse, and the signals are lost.
    back = {c.measure: c for c in compare_attempts(strong, weak)}
    assert back["Long pauses"].better is False and back["Lost: a decision rule"].better is False
    # Two takes the same: nothing better or worse.
    assert all(c.better is None for c in compare_attempts(strong, report_of(STRONG)))


def test_the_previous_attempt_is_the_latest_earlier_answer_to_the_same_question(tmp_path):
    store = Store(tmp_path)
    first = store.save_answer(report_of(WEAK), question_id="q1", attempt=1)
    other = store.save_answer(report_of(STRONG), question_id="q2")
    second = store.save_answer(report_of(STRONG), question_id="q1", attempt=2)
    third = store.save_answer(report_of(STRONG), question_id="q1", attempt=3)
    imported = store.save_answer(report_of(STRONG))  # no question: never compared
    assert store.previous_attempt(third).id == second and store.previous_attempt(second).id == first
    assert store.previous_attempt(first) is None and store.previous_attempt(other) is None
    assert store.previous_attempt(imported) is None
