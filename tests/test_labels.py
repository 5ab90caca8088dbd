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


def test_the_text_report_counts_in_the_singular_where_it_is_one():
    from builders import speech_under, words_at

    from voicecoach.analysis import analyze
    from voicecoach.settings import load_lexicons
    from voicecoach.text_report import render
    from voicecoach.transcript import Transcript, Word

    # One pause of 1 s after "retention.", one hedge ("maybe"), one booster ("definitely").
    words = words_at("The metric is retention.")
    words += [Word(w.text, w.start + 2.2, w.end + 2.2) for w in words_at("We maybe definitely ship it.")]
    text = render(analyze(Transcript(words), speech_under(words, 8.0), load_lexicons()))
    assert "Pauses      1 pause, 0 long" in text
    assert ": 1 hedge (\"maybe\"), 1 booster (\"definitely\")" in text
