"""Names, counts and quotes as every screen and report shows them (voicecoach.labels)."""

from voicecoach.labels import counted, shortened


def test_counts_take_the_right_plural():
    assert [counted(n, "pause") for n in (0, 1, 2)] == ["0 pauses", "1 pause", "2 pauses"]
    assert counted(1, "long pause") == "1 long pause" and counted(3, "booster") == "3 boosters"
    assert counted(2, "analysis", "analyses") == "2 analyses"


def test_a_long_question_ends_with_an_ellipsis_within_its_width():
    question = "How would you measure the success of a new playlist feature?"
    cut = shortened(question, 20)
    assert cut == "How would you measu…" and len(cut) == 20
    assert shortened("Short one?", 20) == "Short one?"
    assert shortened("Ends on a space here", 10) == "Ends on a…"
